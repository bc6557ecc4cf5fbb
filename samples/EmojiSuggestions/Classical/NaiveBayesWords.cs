using DeepSeq.Data;
using DeepSeq.Samples.Experiments;
using DeepSeq.Samples.Results;

namespace DeepSeq.Samples.EmojiSuggestions.Classical;

/// <summary>
/// C2: what naive Bayes learned. As the book does, each word of the vocabulary is fed alone (a row of the identity
/// matrix) to <c>predict_proba</c>; for each class, the five words that make it most probable are listed.
/// </summary>
/// <remarks>The book sorts the (probability, word index) pairs in descending order, so among equal probabilities
/// the later word comes first; we sort the same way.</remarks>
public sealed class NaiveBayesWords : Experiment
{
    /// <summary>The words listed per class.</summary>
    public const int WordsPerClass = 5;

    /// <inheritdoc/>
    public override string Id => "C2";

    /// <inheritdoc/>
    public override string Title => "What naive Bayes learned: the 5 most probable words of each class";

    /// <inheritdoc/>
    public override string Reference => "e.g. sadness: sad, sadly, cry, cried, miss; love: love, mothers, …";

    /// <inheritdoc/>
    public override ExperimentResult Run(ExperimentContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var features = TfidfFeatures.Load(context);
        var model = TfidfFeatures.NaiveBayes(context, features);
        var top = TopWords(model.PredictProba(Identity(features.Vectorizer.FeatureNames.Count)),
            features.Vectorizer.FeatureNames, WordsPerClass);
        var table = new TextTable("class", $"{WordsPerClass} most probable words");
        for (int c = 0; c < features.Classes; c++) table.Add(features.Tweets.Classes[c], string.Join(", ", top[c]));
        table.Write(context.Output);
        var metrics = new Dictionary<string, double>
        {
            ["classes"] = features.Classes,
            ["vocabulary"] = features.Vectorizer.FeatureNames.Count,
        };
        return new ExperimentResult(features.Tweets.Origin, metrics, 0);
    }

    /// <summary>For each class (a column of <paramref name="proba"/>, one row per word), the
    /// <paramref name="count"/> words with the highest probability, later words first among ties.</summary>
    public static string[][] TopWords(double[,] proba, IReadOnlyList<string> words, int count)
    {
        ArgumentNullException.ThrowIfNull(proba);
        ArgumentNullException.ThrowIfNull(words);
        if (proba.GetLength(0) != words.Count)
            throw new ArgumentException(
                $"TopWords: {proba.GetLength(0)} rows of probabilities for {words.Count} words");
        return [.. Enumerable.Range(0, proba.GetLength(1)).Select(c => Enumerable.Range(0, words.Count)
            .OrderByDescending(w => proba[w, c]).ThenByDescending(w => w).Take(count).Select(w => words[w]).ToArray())];
    }

    /// <summary>The n × n identity as a sparse matrix (<c>np.eye(n)</c>).</summary>
    public static SparseMatrix Identity(int n)
        => new([.. Enumerable.Range(0, n + 1)], [.. Enumerable.Range(0, n)], Enumerable.Repeat(1f, n).ToArray(), n, n);
}
