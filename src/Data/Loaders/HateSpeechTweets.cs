using DeepSeq.Data.Csv;

namespace DeepSeq.Data.Loaders;

/// <summary>
/// The tweets of Davidson et al. (2017), "Automated Hate Speech Detection and the Problem of Offensive Language"
/// (<c>hate_speech/labeled_data.csv</c>): 24,783 tweets, each in one of three classes. The data of experiment E8.
/// <b>The tweets contain racist, sexist, homophobic and otherwise offensive text.</b>
/// </summary>
/// <remarks>
/// <para>The file (the first column is an unnamed row index; some tweets span lines inside quotes):</para>
/// <code>
/// ,count,hate_speech,offensive_language,neither,class,tweet
/// 0,3,0,0,3,2,!!! RT @mayasolovely: As a woman you shouldn't complain about cleaning up your house. &amp;amp; ...
/// </code>
/// <para><c>count</c> is the number of CrowdFlower annotators, the next three how many of them chose each class, and
/// <c>class</c> the majority: 0 = hate speech, 1 = offensive language, 2 = neither (<see cref="ClassNames"/>).
/// The texts are as in the file (HTML entities such as <c>&amp;amp;</c> included);
/// cleaning is the caller's step.</para>
/// <para>Errors (<see cref="DataFormatException"/>, naming the file and the line): a header other than the one
/// above, a class that is not 0, 1 or 2, a file with no tweets, and everything <see cref="CsvReader"/> rejects.
/// Nothing half-loaded is returned.</para>
/// </remarks>
public sealed class HateSpeechTweets
{
    /// <summary>The header of the file.</summary>
    public static readonly IReadOnlyList<string> Header =
        ["", "count", "hate_speech", "offensive_language", "neither", "class", "tweet"];

    /// <summary>The names of classes 0, 1 and 2.</summary>
    public static readonly IReadOnlyList<string> ClassNames = ["hate speech", "offensive language", "neither"];

    private HateSpeechTweets(string source, string[] texts, int[] labels)
    {
        Source = source;
        Texts = texts;
        Labels = labels;
    }

    /// <summary>The file the tweets were read from.</summary>
    public string Source { get; }

    /// <summary>The number of tweets.</summary>
    public int Count => Texts.Count;

    /// <summary>The tweets' text (<c>tweet</c>), exactly as in the file.</summary>
    public IReadOnlyList<string> Texts { get; }

    /// <summary>Each tweet's class (<c>class</c>): 0, 1 or 2, an index into <see cref="ClassNames"/>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Reads the tweets at <paramref name="path"/> (gzipped or not).</summary>
    public static HateSpeechTweets Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var table = CsvReader.Read(path);
        LoaderChecks.RequireHeader(table, Header);
        LoaderChecks.RequireRows(table, "tweets");

        int[] labels = table.Ints("class");
        for (int r = 0; r < labels.Length; r++)
            if (labels[r] is < 0 or > 2)
                throw new DataFormatException(table.Source, $"line {table.LineOf(r)}, column 'class' (field 6)", $"" +
                    $"{labels[r]} is not a class; expected 0 (hate speech), 1 (offensive language) or 2 (neither)");
        return new HateSpeechTweets(table.Source, table.Strings("tweet"), labels);
    }
}
