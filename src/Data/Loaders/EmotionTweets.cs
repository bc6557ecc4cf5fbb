using DeepSeq.Data.Csv;

namespace DeepSeq.Data.Loaders;

/// <summary>
/// The CrowdFlower "Emotion in Text" tweets (<c>text_emotion/text_emotion.csv</c>): 40,000 tweets, each labelled
/// with one of 13 emotions. The stand-in data set of experiments C1–C9.
/// </summary>
/// <remarks>
/// <para>The file (tweets are quoted when they hold commas, quotes or line breaks):</para>
/// <code>
/// tweet_id,sentiment,author,content
/// 1956967341,empty,xoshayzers,@tiffanylue i know  i was listenin to bad habit earlier and i started freakin at his part =[
/// </code>
/// <para><see cref="Classes"/> are the distinct sentiments sorted by code point, as scikit-learn's
/// <c>LabelEncoder</c> sorts them (<see cref="LabelEncoder{TLabel}"/>), and <see cref="Labels"/> hold their
/// indices. For the real file: <c>anger, boredom, empty, enthusiasm, fun, happiness, hate, love, neutral, relief,
/// sadness, surprise, worry</c> (so anger = 0, worry = 12).</para>
/// <para>Errors (<see cref="DataFormatException"/>, naming the file and the line): a header other than the one above,
/// a tweet id that is not an integer, an empty sentiment, a file with no tweets, and everything
/// <see cref="CsvReader"/> rejects. Nothing half-loaded is returned.</para>
/// </remarks>
public sealed class EmotionTweets
{
    /// <summary>The header of the file.</summary>
    public static readonly IReadOnlyList<string> Header = ["tweet_id", "sentiment", "author", "content"];

    private EmotionTweets(string source, long[] ids, string[] authors, string[] texts, int[] labels, string[] classes)
    {
        Source = source;
        TweetIds = ids;
        Authors = authors;
        Texts = texts;
        Labels = labels;
        Classes = classes;
    }

    /// <summary>The file the tweets were read from.</summary>
    public string Source { get; }

    /// <summary>The number of tweets.</summary>
    public int Count => Texts.Count;

    /// <summary>Each tweet's id (<c>tweet_id</c>).</summary>
    public IReadOnlyList<long> TweetIds { get; }

    /// <summary>Each tweet's author (<c>author</c>).</summary>
    public IReadOnlyList<string> Authors { get; }

    /// <summary>The tweets' text (<c>content</c>), exactly as in the file: no cleaning, no lowercasing.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Each tweet's emotion as an index into <see cref="Classes"/>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>The distinct emotions, sorted by code point; label <c>i</c> is <c>Classes[i]</c>.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Reads the tweets at <paramref name="path"/> (gzipped or not).</summary>
    public static EmotionTweets Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var table = CsvReader.Read(path);
        LoaderChecks.RequireHeader(table, Header);
        LoaderChecks.RequireRows(table, "tweets");

        long[] ids = table.Longs("tweet_id");
        string[] sentiments = table.Strings("sentiment");
        for (int r = 0; r < sentiments.Length; r++)
            if (sentiments[r].Trim().Length == 0)
                throw table.CellError(r, 1, "the sentiment is empty; every tweet needs a label");
        var encoder = new LabelEncoder<string>();
        int[] labels = encoder.FitTransform(sentiments);
        return new EmotionTweets(
            table.Source, ids, table.Strings("author"), table.Strings("content"), labels, [.. encoder.Classes]);
    }
}
