using DeepSeq.Data;
using DeepSeq.Samples.EmojiSuggestions.Baselines;
using DeepSeq.Samples.EmojiSuggestions.Tweets;
using DeepSeq.Samples.Experiments;

namespace DeepSeq.Samples.EmojiSuggestions.Classical;

/// <summary>
/// The book's features for the classical models: <c>TfidfVectorizer(max_features=50000)</c> fitted on every tweet
/// (as the book fits it, before splitting), then <c>train_test_split(test_size=0.33, random_state=42)</c>: 26,800
/// training and 13,200 test rows on the emotion tweets.
/// </summary>
/// <remarks>The split has scikit-learn's sizes; which tweets land where comes from DeepSeq's generator, not
/// NumPy's (see <see cref="TrainTestSplit"/>).</remarks>
public sealed class TfidfFeatures
{
    /// <summary>The vocabulary size: the 50,000 most frequent words.</summary>
    public const int MaxWords = 50_000;

    /// <summary>The test fraction of the split.</summary>
    public const double TestFraction = 0.33;

    /// <summary>The split's seed (<c>random_state=42</c>), fixed whatever <c>--seed</c> says, as in the book.
    /// </summary>
    public const ulong SplitSeed = 42;

    private TfidfFeatures(TweetData tweets, TfidfVectorizer vectorizer, SparseMatrix all, SplitIndices split)
    {
        (Tweets, Vectorizer, Split) = (tweets, vectorizer, split);
        (XTrain, XTest) = (all.SelectRows(split.Train), all.SelectRows(split.Test));
        YTrain = [.. split.Train.Select(i => tweets.Labels[i])];
        YTest = [.. split.Test.Select(i => tweets.Labels[i])];
    }

    /// <summary>The tweets the features were made from.</summary>
    public TweetData Tweets { get; }

    /// <summary>The fitted vectorizer (its <see cref="TfidfVectorizer.FeatureNames"/> name the columns).</summary>
    public TfidfVectorizer Vectorizer { get; }

    /// <summary>Which tweets are training and which test rows.</summary>
    public SplitIndices Split { get; }

    /// <summary>The training rows (26,800 × 50,000 on the emotion tweets) and their labels.</summary>
    public SparseMatrix XTrain { get; }

    /// <inheritdoc cref="XTrain"/>
    public int[] YTrain { get; }

    /// <summary>The test rows (13,200 × 50,000) and their labels.</summary>
    public SparseMatrix XTest { get; }

    /// <inheritdoc cref="XTest"/>
    public int[] YTest { get; }

    /// <summary>The number of classes.</summary>
    public int Classes => Tweets.Classes.Count;

    /// <summary>Vectorizes and splits <paramref name="tweets"/>.</summary>
    public static TfidfFeatures Build(TweetData tweets)
    {
        ArgumentNullException.ThrowIfNull(tweets);
        var vectorizer = new TfidfVectorizer(maxFeatures: MaxWords);
        var all = vectorizer.FitTransform(tweets.Texts);
        var split = TrainTestSplit.Indices(tweets.Count, TestFraction, SplitSeed);
        return new TfidfFeatures(tweets, vectorizer, all, split);
    }

    /// <summary>The features of this run, built once and shared by C1 and C2; prints where they came from.</summary>
    public static TfidfFeatures Load(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var features = context.Shared("tfidf", () => Build(TweetData.Load(context.Options)));
        context.Output.WriteLine(features.Tweets.Origin.Description);
        context.Output.WriteLine($"TF-IDF (top {MaxWords:N0} words, scikit-learn's defaults otherwise): " +
                                 $"{features.Vectorizer.FeatureNames.Count:N0} words; train {features.XTrain.Shape}, " +
                                 $"test {features.XTest.Shape} (33 %, seed {SplitSeed})");
        return features;
    }

    /// <summary>The naive Bayes model of this run, fitted once on the training rows and shared by C1 and C2.
    /// </summary>
    public static MultinomialNaiveBayes NaiveBayes(ExperimentContext context, TfidfFeatures features)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(features);
        return context.Shared("naive-bayes", () =>
        {
            var model = new MultinomialNaiveBayes();
            model.Fit(features.XTrain, features.YTrain, features.Classes);
            return model;
        });
    }
}
