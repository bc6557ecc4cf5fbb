using System.Text.RegularExpressions;
using DeepSeq.Data.DataSets;
using DeepSeq.Data.Reuters;
using DeepSeq.Samples.CommandLine;
using DeepSeq.Samples.Data;

namespace DeepSeq.Samples.EmbeddingsAndCnn;

/// <summary>
/// D2's text: the first articles of the Reuters "crude" category (NLTK's sorted file ids), each cleaned as the
/// homework cleans it — HTML tags removed, digits removed, punctuation removed, lower-cased, split on white space,
/// the stop words <c>and, a, is, the, in, be, will</c> dropped — with its vocabulary (sorted, so ids are stable).
/// </summary>
/// <param name="Documents">Each article as its cleaned words.</param>
/// <param name="Vocabulary">The distinct words, sorted ordinally; a word's id is its index.</param>
/// <param name="Origin">Real or SYNTHETIC, and which file.</param>
public sealed partial record CrudeCorpus(IReadOnlyList<string[]> Documents, IReadOnlyList<string> Vocabulary,
    DataOrigin Origin)
{
    /// <summary>The homework's short stop-word list.</summary>
    public static readonly IReadOnlySet<string> StopWords =
        new HashSet<string>(["and", "a", "is", "the", "in", "be", "will"], StringComparer.Ordinal);

    /// <summary>
    /// The first <paramref name="articles"/> "crude" articles of <c>reuters/reuters21578.tar.gz</c> when a data root
    /// holds it (and <c>--synthetic</c> is not given), else a SYNTHETIC stand-in of oil-market sentences.
    /// </summary>
    public static CrudeCorpus Load(RunOptions options, int articles)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (DataFiles.Find("reuters", options, out string why) is not { } files)
        {
            var synthetic = Synthetic(articles, DataSets.SyntheticSeed);
            return Build(synthetic, new DataOrigin("reuters", true, null,
                $"Reuters crude: SYNTHETIC stand-in ({why}): {articles} generated oil-market articles, NOT real data"));
        }
        var corpus = ReutersCorpus.Load(files[0]);
        var ids = corpus.FileIds("crude").Take(articles).ToList();
        return Build(ids.Select(corpus.Raw), new DataOrigin("reuters", false, files[0],
            $"Reuters crude: the first {ids.Count} of {corpus.FileIds("crude").Count} 'crude' articles " +
            $"({ids[0]} … {ids[^1]}) of {DataSetInfo.Show(files[0])}"));
    }

    /// <summary>One article cleaned into words (see the summary).</summary>
    public static string[] Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string plain = Html().Replace(text, "");
        plain = Digits().Replace(plain, "");
        plain = new string([.. plain.Where(c => !IsAsciiPunctuation(c))]).ToLowerInvariant();
        return [.. plain.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Where(w => !StopWords.Contains(w))];
    }

    /// <summary>
    /// The (centre, context) id pairs of every document: for each word, each other word at most
    /// <paramref name="window"/> positions before or after it in the same article.
    /// </summary>
    public List<(int Centre, int Context)> Pairs(int window)
    {
        var id = Vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i, StringComparer.Ordinal);
        var pairs = new List<(int, int)>();
        foreach (var words in Documents)
            for (int i = 0; i < words.Length; i++)
                for (int j = Math.Max(0, i - window); j <= Math.Min(words.Length - 1, i + window); j++)
                    if (j != i) pairs.Add((id[words[i]], id[words[j]]));
        return pairs;
    }

    private static CrudeCorpus Build(IEnumerable<string> texts, DataOrigin origin)
    {
        var documents = texts.Select(Clean).ToList();
        var vocabulary = documents.SelectMany(d => d).Distinct().Order(StringComparer.Ordinal).ToList();
        return new CrudeCorpus(documents, vocabulary, origin);
    }

    /// <summary>Python's <c>string.punctuation</c>: the 32 ASCII punctuation and symbol characters.</summary>
    private static bool IsAsciiPunctuation(char c) => c < 128 && (char.IsPunctuation(c) || char.IsSymbol(c));

    /// <summary>Articles of three topics that share their words, so related words have related contexts.</summary>
    private static IEnumerable<string> Synthetic(int articles, int seed)
    {
        string[][] topics =
        [
            ["iran", "iraq", "kuwait", "saudi", "opec", "gulf", "minister", "output"],
            ["oil", "crude", "gas", "barrels", "prices", "refinery", "supply", "output"],
            ["industry", "industries", "company", "shares", "profit", "market", "supply", "minister"],
        ];
        var random = new Random(seed);
        for (int a = 0; a < articles; a++)
        {
            var topic = topics[a % topics.Length];
            yield return string.Join(' ', Enumerable.Range(0, 120).Select(_ => topic[random.Next(topic.Length)]));
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Html();

    [GeneratedRegex(@"\d")]
    private static partial Regex Digits();
}
