using System.Collections.ObjectModel;
using System.Text.Json;

namespace DeepSeq.Data.Imdb;

/// <summary>
/// Keras's IMDB word index (<c>imdb_word_index.json</c>: word → frequency rank, 1 = most frequent) and a builder of
/// Keras-style index sequences from raw review texts. Keras: <c>keras.datasets.imdb.get_word_index()</c> and the
/// index conventions of <c>imdb.load_data</c>.
/// </summary>
/// <remarks>
/// <para><b>Index conventions</b> (Keras's defaults <c>start_char=1, oov_char=2, index_from=3</c>): 0 = padding,
/// 1 = start of a review, 2 = out of vocabulary, and the word of rank r gets index r + 3. So "the" (rank 1) is 4.
/// A review "the movie" becomes <c>[1, 4, 20]</c> ("movie" has rank 17).</para>
/// <para><b>"Keras-style", not identical to <c>imdb.npz</c>.</b> How Keras tokenised the reviews into <c>imdb.npz</c>
/// is not published. Here a review is cleaned by replacing every <c>&lt;br /&gt;</c> tag (the raw reviews' line
/// breaks) with a space — otherwise "br" would be the 7th most frequent word, as it is in the word index itself —
/// then split by <see cref="TextPreprocessing.TextToWordSequence"/> with its Keras defaults (lower-case, punctuation
/// removed, split on spaces). Words absent from the index become OOV (2), so the sequence length follows the
/// text.</para>
/// </remarks>
public sealed class ImdbWordIndex
{
    /// <summary>The padding index. Keras: 0, what <c>pad_sequences</c> pads with.</summary>
    public const int PaddingIndex = 0;
    /// <summary>The index that starts every sequence. Keras: <c>start_char=1</c>.</summary>
    public const int StartIndex = 1;
    /// <summary>The index for a word that is unknown or cut off by <c>numWords</c>. Keras: <c>oov_char=2</c>.</summary>
    public const int OovIndex = 2;
    /// <summary>Word ranks are shifted up by this. Keras: <c>index_from=3</c>.</summary>
    public const int IndexFrom = 3;

    private readonly Dictionary<string, int> _ranks;

    /// <summary>Wraps a word → rank map (ranks ≥ 1, as in Keras's JSON).</summary>
    /// <exception cref="ArgumentException">A rank is below 1 or above <c>int.MaxValue − 3</c>.</exception>
    public ImdbWordIndex(IReadOnlyDictionary<string, int> wordRanks)
    {
        ArgumentNullException.ThrowIfNull(wordRanks);
        _ranks = new Dictionary<string, int>(wordRanks, StringComparer.Ordinal);
        foreach (var (word, rank) in _ranks)
            if (rank < 1 || rank > int.MaxValue - IndexFrom)
                throw new ArgumentException($"the rank of \"{word}\" is {rank}; ranks must be >= 1", nameof(wordRanks));
    }

    /// <summary>Word → rank (1 = most frequent), as stored in the JSON: not yet shifted by
    /// <see cref="IndexFrom"/>.</summary>
    public IReadOnlyDictionary<string, int> WordRanks => new ReadOnlyDictionary<string, int>(_ranks);

    /// <summary>The number of words (88,584 in Keras's file).</summary>
    public int Count => _ranks.Count;

    /// <summary>
    /// Reads Keras's <c>imdb_word_index.json</c>: one JSON object mapping each word to its integer rank.
    /// </summary>
    /// <exception cref="DataFormatException">The file is not such an object (malformed JSON, a non-integer or
    /// non-positive rank, a repeated word); the message starts with the file name.</exception>
    public static ImdbWordIndex Load(string jsonPath)
    {
        ArgumentNullException.ThrowIfNull(jsonPath);
        using var stream = File.OpenRead(jsonPath);
        Dictionary<string, int>? ranks;
        try
        {
            ranks = JsonSerializer.Deserialize<Dictionary<string, int>>(stream,
                new JsonSerializerOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new DataFormatException(jsonPath,
                $"line {(e.LineNumber ?? 0) + 1}, byte {(e.BytePositionInLine ?? 0) + 1} of the line",
                $"not a JSON object of word → integer rank: {e.Message}", e);
        }
        if (ranks is null)
            throw new DataFormatException(jsonPath, "byte 0",
                $"the JSON is null; expected an object of word → integer rank");
        try { return new ImdbWordIndex(ranks); }
        catch (ArgumentException e) { throw new DataFormatException(jsonPath, "JSON object", $"{e.Message}", e); }
    }

    /// <summary>Replaces each <c>&lt;br /&gt;</c> tag (also <c>&lt;br/&gt;</c>, <c>&lt;br&gt;</c>, any case) with a
    /// space.</summary>
    public static string StripBreakTags(string review)
    {
        ArgumentNullException.ThrowIfNull(review);
        return System.Text.RegularExpressions.Regex.Replace(review, @"<br\s*/?>", " ",
            System.Text.RegularExpressions.RegexOptions.IgnoreCase
            | System.Text.RegularExpressions.RegexOptions.CultureInvariant);
    }

    /// <summary>
    /// The Keras-style index sequence of one review: <see cref="StartIndex"/>, then one index per word.
    /// </summary>
    /// <param name="review">The raw review text.</param>
    /// <param name="numWords">Keep only indices below this; others become <see cref="OovIndex"/>, the start index too
    /// (Keras's test <c>w &lt; num_words</c> runs over the whole sequence). So numWords = 10,000 keeps the 9,996 most
    /// frequent words. Default <c>null</c>: keep every index. Must be ≥ 1. Keras: <c>num_words</c>.</param>
    /// <returns>The indices; a word not in the index is <see cref="OovIndex"/>.</returns>
    public int[] ToSequence(string review, int? numWords = null)
    {
        ValidateNumWords(numWords);
        var words = TextPreprocessing.TextToWordSequence(StripBreakTags(review));
        var sequence = new int[words.Length + 1];
        sequence[0] = StartIndex;
        for (int i = 0; i < words.Length; i++)
            sequence[i + 1] = _ranks.TryGetValue(words[i], out int rank) ? rank + IndexFrom : OovIndex;
        if (numWords is int n)
            for (int i = 0; i < sequence.Length; i++)
                if (sequence[i] >= n) sequence[i] = OovIndex;
        return sequence;
    }

    /// <summary>
    /// The Keras-style sequences and labels of a split, as <c>imdb.load_data(num_words, maxlen)</c> returns them
    /// (but in the split's own order, not shuffled).
    /// </summary>
    /// <param name="split">Reviews and labels, e.g. from <see cref="ImdbReviews.Load(string, Utf8Decoding)"/>.</param>
    /// <param name="numWords">See <see cref="ToSequence"/>. Keras: <c>num_words</c>.</param>
    /// <param name="maxLen">Default <c>null</c>: keep every review. Otherwise keep only sequences SHORTER than maxLen,
    /// counting the start index — a sequence of exactly maxLen is dropped — and drop their labels with them; the rest
    /// are not truncated (that is <see cref="SequencePreprocessing.PadSequences"/>'s job). This is Keras's
    /// <c>_remove_long_seq</c> (<c>if len(x) &lt; maxlen</c>), applied to train and test separately. Keras raises a
    /// <c>ValueError</c> when no sequence is kept; here the result is empty. Must be ≥ 1. Keras: <c>maxlen</c>.</param>
    /// <returns>X: one index sequence per kept review; Y: its label (1 = pos, 0 = neg).</returns>
    /// <remarks>One difference at the edge: with <c>num_words=None</c> Keras sets num_words to the largest index
    /// in the data, which (by its strict <c>&lt;</c>) turns that single largest index into OOV; null here keeps
    /// it.</remarks>
    public (int[][] X, int[] Y) ToSequences(ImdbSplit split, int? numWords = null, int? maxLen = null)
    {
        ArgumentNullException.ThrowIfNull(split);
        ValidateNumWords(numWords);
        if (maxLen < 1)
            throw new ArgumentOutOfRangeException(nameof(maxLen), maxLen,
                "imdb: maxLen must be >= 1, or null to keep every review");
        var x = new List<int[]>(split.Count);
        var y = new List<int>(split.Count);
        for (int i = 0; i < split.Count; i++)
        {
            var sequence = ToSequence(split.Texts[i], numWords);
            if (maxLen is int m && sequence.Length >= m) continue;
            x.Add(sequence);
            y.Add(split.Labels[i]);
        }
        return (x.ToArray(), y.ToArray());
    }

    /// <summary>
    /// Turns a sequence back into words, for reading: indices 0, 1, 2 and unknown ones print as "?", as in the Keras
    /// examples' <c>' '.join(reverse_word_index.get(i - 3, '?') for i in x)</c>.
    /// </summary>
    public string Decode(IEnumerable<int> sequence)
    {
        ArgumentNullException.ThrowIfNull(sequence);
        var byRank = _byRank ??= _ranks.GroupBy(kv => kv.Value).ToDictionary(g => g.Key, g => g.First().Key);
        return string.Join(' ', sequence.Select(i => byRank.TryGetValue(i - IndexFrom, out string? w) ? w : "?"));
    }

    private Dictionary<int, string>? _byRank;

    private static void ValidateNumWords(int? numWords)
    {
        if (numWords < 1)
            throw new ArgumentOutOfRangeException(nameof(numWords), numWords,
                "imdb: numWords must be >= 1 (indices below it are kept), or null to keep every index");
    }
}
