using DeepSeq.Data;
using DeepSeq.Data.DataSets;
using DeepSeq.Data.Loaders;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.EmojiSuggestions.Tweets;

/// <summary>
/// The labelled tweets every experiment of the chapter starts from: texts, one class index each, and the class
/// names. Three sources: the CrowdFlower emotion tweets (the stand-in for the book's emoji tweets), the emoji
/// variant of a user CSV (<c>--emoji-csv</c>, <see cref="EmojiTweets"/>), or a SYNTHETIC stand-in.
/// </summary>
/// <remarks>A <c>--quick</c> run keeps the first <see cref="QuickCount"/> tweets (real data) or generates that
/// many (synthetic), so that every experiment takes seconds.</remarks>
public sealed class TweetData
{
    /// <summary>The option naming a user CSV whose tweets are labelled by their one emoji.</summary>
    public const string EmojiCsvOption = "--emoji-csv";

    /// <summary>The option overriding the book's rule of dropping labels with ≤ 1,000 tweets.</summary>
    public const string EmojiMinOption = "--emoji-min";

    /// <summary>Tweets kept (or generated) by a <c>--quick</c> run.</summary>
    public const int QuickCount = 1_300;

    /// <summary>Wraps the tweets after checking that texts and labels pair up and every label names a class.</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a label is outside the classes.</exception>
    public TweetData(IReadOnlyList<string> texts, IReadOnlyList<int> labels, IReadOnlyList<string> classes,
        DataOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classes);
        if (texts.Count != labels.Count)
            throw new ArgumentException($"tweets: {texts.Count} texts but {labels.Count} labels");
        int bad = labels.ToList().FindIndex(l => l < 0 || l >= classes.Count);
        if (bad >= 0)
            throw new ArgumentException($"tweets: label {labels[bad]} of tweet {bad} is outside the {classes.Count} " +
                                        "classes");
        (Texts, Labels, Classes, Origin) = (texts, labels, classes, origin);
    }

    /// <summary>The tweets' text.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Each tweet's class, an index into <see cref="Classes"/>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The class names, sorted as scikit-learn's LabelEncoder sorts them.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Real, user CSV or SYNTHETIC, and which file.</summary>
    public DataOrigin Origin { get; }

    /// <summary>The number of tweets.</summary>
    public int Count => Texts.Count;

    /// <summary>How many tweets each class has, most first (ties by class index).</summary>
    public IReadOnlyList<(string Class, int Count)> ClassCounts()
        => [.. Classes.Select((c, i) => (c, Labels.Count(l => l == i))).OrderByDescending(p => p.Item2)];

    /// <summary>The tweets of this run: <c>--emoji-csv</c> if given, else the emotion tweets of the data roots, else
    /// (or with <c>--synthetic</c>) the SYNTHETIC stand-in.</summary>
    public static TweetData Load(RunOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Extra.TryGetValue(EmojiCsvOption, out string? csv))
            return First(EmojiTweets.Load(csv, EmojiMinimum(options)), options.Quick);
        if (DataFiles.Find("text_emotion", options, out string why) is not { } files)
            return SyntheticTweets.Generate(options.Quick ? QuickCount : 40_000, DataSets.SyntheticSeed, why);
        var tweets = EmotionTweets.Load(files[0]);
        var origin = new DataOrigin("text_emotion", false, files[0],
            $"Emotion tweets: real CrowdFlower tweets ({DataSetInfo.Show(files[0])}), {tweets.Count:N0} tweets, " +
            $"{tweets.Classes.Count} emotions");
        return First(new TweetData(tweets.Texts, tweets.Labels, tweets.Classes, origin), options.Quick);
    }

    /// <summary>The value of <c>--emoji-min</c>, or the book's 1,000.</summary>
    private static int EmojiMinimum(RunOptions options)
    {
        if (!options.Extra.TryGetValue(EmojiMinOption, out string? text)) return EmojiTweets.BookMinimum;
        return int.TryParse(text, out int minimum) && minimum >= 0
            ? minimum
            : throw new ArgumentException($"{EmojiMinOption} must be a whole number ≥ 0, got '{text}'");
    }

    /// <summary>The first <see cref="QuickCount"/> tweets in a quick run (classes kept as they are), else all.
    /// </summary>
    private static TweetData First(TweetData data, bool quick)
    {
        if (!quick || data.Count <= QuickCount) return data;
        var origin = data.Origin with
        {
            Description = $"{data.Origin.Description}; --quick: the first {QuickCount:N0}",
        };
        return new TweetData([.. data.Texts.Take(QuickCount)], [.. data.Labels.Take(QuickCount)], data.Classes,
            origin);
    }
}
