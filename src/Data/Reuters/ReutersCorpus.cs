using System.Text;
using System.Text.RegularExpressions;

namespace DeepSeq.Data.Reuters;

/// <summary>
/// An NLTK-like view (<c>nltk.corpus.reuters</c>) of the ModApte ("ApteMod") subset of Reuters-21578:
/// file ids <c>"training/&lt;NEWID&gt;"</c> and <c>"test/&lt;NEWID&gt;"</c>, categories, raw text and words.
/// </summary>
/// <remarks>
/// <para><b>Which documents</b> (the ApteMod rules of NLTK's README, by Ken Williams after Yang &amp; Liu 1999):
/// (1) the ModApte split: <c>LEWISSPLIT="TRAIN"</c> → training, <c>LEWISSPLIT="TEST"</c> → test, both only with
/// <c>TOPICS="YES"</c> (9,603 / 3,299 documents); (2) the categories are the topics that occur in at least one
/// training and one test document of that split (90 topics); (3) each document keeps only those topics, and a
/// document left with none is dropped. On the real file this gives 7,770 training and 3,019 test documents
/// (10,789); NLTK's copy has 7,769 training (10,788) — one training document more here, which these rules
/// alone do not explain (NLTK's file list was not available to compare). 'crude' has 578 documents, as in NLTK.</para>
/// <para><b>Order</b>: as NLTK, ids sort as plain strings (ordinal), so every <c>test/…</c> comes before every
/// <c>training/…</c>, and <c>training/10</c> before <c>training/9</c>.</para>
/// <para><b>Raw text</b> approximates NLTK's files, which hold the title, a newline, then the body:
/// here <c>Title + "\n" + Body</c> (just the title when there is no body; the unmarked text for <c>UNPROC</c>
/// documents), with control characters other than tab and newline removed (the <c>&amp;#3;</c> terminator and,
/// in UNPROC items, <c>&amp;#2;</c>) and white space trimmed at both ends. NLTK's exact spacing and its trailing
/// "Reuter" sign-off handling may differ; words (below) are unaffected by spacing.</para>
/// </remarks>
public sealed partial class ReutersCorpus
{
    private readonly Dictionary<string, ReutersDocument> _documents;
    private readonly Dictionary<string, string[]> _categories;
    private readonly string[] _fileIds;
    private readonly string[] _allCategories;

    private ReutersCorpus(Dictionary<string, ReutersDocument> documents, Dictionary<string, string[]> categories)
    {
        _documents = documents;
        _categories = categories;
        _fileIds = [.. documents.Keys.Order(StringComparer.Ordinal)];
        _allCategories = [.. categories.Values.SelectMany(c => c).Distinct().Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads <c>reuters21578.tar.gz</c> and builds the ModApte corpus (see the remarks).</summary>
    public static ReutersCorpus Load(string tarGzPath) => ModApte(Reuters21578.Load(tarGzPath));

    /// <summary>Builds the ModApte corpus from all documents of the collection, by the rules in the remarks.</summary>
    public static ReutersCorpus ModApte(IEnumerable<ReutersDocument> allDocuments)
    {
        ArgumentNullException.ThrowIfNull(allDocuments);
        var split = allDocuments.Where(d => d.HasTopics && d.LewisSplit is "TRAIN" or "TEST").ToList();
        var inTraining = split.Where(d => d.LewisSplit == "TRAIN").SelectMany(d => d.Topics)
            .ToHashSet(StringComparer.Ordinal);
        var inTest = split.Where(d => d.LewisSplit == "TEST").SelectMany(d => d.Topics)
            .ToHashSet(StringComparer.Ordinal);
        var documents = new Dictionary<string, ReutersDocument>(StringComparer.Ordinal);
        var categories = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var d in split)
        {
            string[] kept = [.. d.Topics.Where(t => inTraining.Contains(t) && inTest.Contains(t))
                .Distinct().Order(StringComparer.Ordinal)];
            if (kept.Length == 0) continue;
            string id = (d.LewisSplit == "TRAIN" ? "training/" : "test/") + d.NewId;
            documents[id] = d;
            categories[id] = kept;
        }
        return new ReutersCorpus(documents, categories);
    }

    /// <summary>The number of documents.</summary>
    public int Count => _fileIds.Length;

    /// <summary>All file ids, or those of <paramref name="category"/>, sorted ordinally (as NLTK).</summary>
    public IReadOnlyList<string> FileIds(string? category = null) =>
        category is null
            ? _fileIds
            : [.. _fileIds.Where(id => Array.BinarySearch(_categories[id], category, StringComparer.Ordinal) >= 0)];

    /// <summary>All categories, or those of <paramref name="fileId"/>, sorted ordinally.</summary>
    public IReadOnlyList<string> Categories(string? fileId = null)
        => fileId is null ? _allCategories : _categories[Check(fileId)];

    /// <summary>The parsed SGML document behind <paramref name="fileId"/>.</summary>
    public ReutersDocument Document(string fileId) => _documents[Check(fileId)];

    /// <summary>The document's text, approximating NLTK's file: title, newline, body (see the remarks).</summary>
    public string Raw(string fileId)
    {
        var d = Document(fileId);
        string text = d.TextType == "UNPROC" && d.Title is null && d.Body is null
            ? d.UnmarkedText
            : d.Body is null ? d.Title ?? "" : (d.Title ?? "") + "\n" + d.Body;
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            if (!char.IsControl(c) || c is '\n' or '\t') sb.Append(c);
        return sb.ToString().Trim();
    }

    /// <summary>
    /// The words of <see cref="Raw"/>, split as NLTK's <c>WordPunctTokenizer</c> (the reader's default):
    /// the regex <c>\w+|[^\w\s]+</c>, i.e. runs of letters/digits/underscore, and runs of punctuation.
    /// <c>"U.S. 1.5 pct,"</c> → <c>U . S . 1 . 5 pct ,</c>.
    /// </summary>
    public string[] Words(string fileId) => [.. WordPunct().Matches(Raw(fileId)).Select(m => m.Value)];

    private string Check(string fileId) =>
        _documents.ContainsKey(fileId) ? fileId : throw new KeyNotFoundException(
            $"no document '{fileId}' (ids look like 'training/9865' or 'test/14826')");

    [GeneratedRegex(@"\w+|[^\w\s]+")]
    private static partial Regex WordPunct();
}
