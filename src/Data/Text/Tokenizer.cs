using System.Collections.ObjectModel;

namespace DeepSeq.Data;

/// <summary>How <see cref="Tokenizer.TextsToMatrix"/> scores word j in a text. Keras:
/// <c>mode='binary'|'count'|'freq'|'tfidf'</c>.</summary>
public enum MatrixMode
{
    /// <summary>1 if the word occurs in the text, else 0 (Keras's default).</summary>
    Binary,
    /// <summary>How many times the word occurs in the text.</summary>
    Count,
    /// <summary>The count divided by the length of the text's sequence (counting every index in it, even those past
    /// <c>numWords</c>).</summary>
    Freq,
    /// <summary>tf·idf with tf = 1 + ln(count) and idf = ln(1 + documentCount / (1 + documents containing the
    /// word)).</summary>
    TfIdf,
}

/// <summary>
/// Builds a vocabulary from texts and turns texts into sequences of word indices (or into one row of word scores
/// per text): Keras 2's <c>keras.preprocessing.text.Tokenizer</c>.
/// </summary>
/// <remarks>
/// <para>Usage: <c>FitOnTexts</c> counts words; the most frequent word gets index 1, the next 2, and so on.
/// Example: fitting on <c>["the cat sat", "the dog"]</c> gives <c>WordIndex = {the: 1, cat: 2, sat: 3, dog: 4}</c>, and
/// <c>TextsToSequences(["the dog sat"])</c> → <c>[[1, 4, 3]]</c>.</para>
/// <para>Index 0 is never given to a word: it is left for padding (see
/// <see cref="SequencePreprocessing.PadSequences"/>). With an <see cref="OovToken"/> that token takes index 1 and every
/// word moves up by one.</para>
/// <para>Ties: words with equal counts keep the order in which they were first seen (Keras sorts the word counts with
/// Python's stable sort, by count only), so the vocabulary does not depend on alphabetical order.</para>
/// <para><c>NumWords</c> does not shrink the vocabulary: <see cref="WordIndex"/> always holds every word seen. It is
/// applied when texts are converted: an index i is kept only if i &lt; numWords (Keras's test
/// <c>if num_words and i &gt;= num_words</c>), so at most numWords − 1 words survive — one fewer than the name
/// suggests, because index 0 counts as a slot.</para>
/// <para>Fitting again adds to the counts (the vocabulary is re-ranked over everything seen so far), as in
/// Keras.</para>
/// </remarks>
public sealed class Tokenizer
{
    // Keras keeps word_counts in an OrderedDict: first-seen order is what breaks ties in the ranking.
    private readonly OrderedDictionary<string, int> _wordCounts = new(StringComparer.Ordinal);
    private readonly OrderedDictionary<string, int> _wordDocs = new(StringComparer.Ordinal);
    private OrderedDictionary<string, int> _wordIndex = new(StringComparer.Ordinal);
    private OrderedDictionary<int, string> _indexWord = new();
    private readonly Dictionary<int, int> _indexDocs = new();

    /// <summary>Creates an empty tokenizer; call <see cref="FitOnTexts"/> before converting texts.</summary>
    /// <param name="numWords">Keep only indices below this when converting (the numWords − 1 most frequent words).
    /// Default <c>null</c>: keep every word. Must be ≥ 1 when given (Keras reads 0 as "no limit"; pass null for that).
    /// Keras: <c>num_words</c>.</param>
    /// <param name="filters">Characters removed from texts before splitting (ignored when <paramref name="charLevel"/>
    /// is true). Default <see cref="TextPreprocessing.DefaultFilters"/>. Keras: <c>filters</c>.</param>
    /// <param name="lower">Lower-case texts. Default <c>true</c>. Keras: <c>lower</c>.</param>
    /// <param name="split">Word separator (ignored when <paramref name="charLevel"/> is true). Default <c>" "</c>.
    /// Keras: <c>split</c>.</param>
    /// <param name="charLevel">Treat every character (Unicode code point) as a token. Filters are NOT applied in this
    /// mode — spaces and punctuation become tokens too — exactly as in Keras. Default <c>false</c>. Keras:
    /// <c>char_level</c>.</param>
    /// <param name="oovToken">Token that stands for every out-of-vocabulary word (unseen, or cut off by
    /// <paramref name="numWords"/>); it gets index 1. Default <c>null</c>: such words are dropped. Keras:
    /// <c>oov_token</c>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numWords"/> is less than 1.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="filters"/> or <paramref name="split"/> is
    /// null.</exception>
    /// <exception cref="ArgumentException"><paramref name="split"/> is empty.</exception>
    public Tokenizer(int? numWords = null, string filters = TextPreprocessing.DefaultFilters, bool lower = true,
                     string split = " ", bool charLevel = false, string? oovToken = null)
    {
        if (numWords < 1)
            throw new ArgumentOutOfRangeException(nameof(numWords), numWords,
                "Tokenizer: numWords must be >= 1 (indices below it are kept), or null to keep every word");
        ArgumentNullException.ThrowIfNull(filters);
        TextPreprocessing.ValidateSplit(split, nameof(split));
        NumWords = numWords;
        Filters = filters;
        Lower = lower;
        Split = split;
        CharLevel = charLevel;
        OovToken = oovToken;
    }

    /// <summary>Indices ≥ this are cut off when converting; null keeps all. Keras: <c>num_words</c>.</summary>
    public int? NumWords { get; }
    /// <summary>Characters removed before splitting into words. Keras: <c>filters</c>.</summary>
    public string Filters { get; }
    /// <summary>Whether texts are lower-cased. Keras: <c>lower</c>.</summary>
    public bool Lower { get; }
    /// <summary>The word separator. Keras: <c>split</c>.</summary>
    public string Split { get; }
    /// <summary>Whether every character is a token. Keras: <c>char_level</c>.</summary>
    public bool CharLevel { get; }
    /// <summary>The out-of-vocabulary token (index 1), or null. Keras: <c>oov_token</c>.</summary>
    public string? OovToken { get; }

    /// <summary>How many texts (or sequences) were fitted. Keras: <c>document_count</c>.</summary>
    public int DocumentCount { get; private set; }

    /// <summary>Occurrences of each word over all fitted texts, enumerated in first-seen order. Keras:
    /// <c>word_counts</c>.</summary>
    public IReadOnlyDictionary<string, int> WordCounts => new ReadOnlyDictionary<string, int>(_wordCounts);

    /// <summary>Number of fitted texts that contain each word (enumerated in first-seen order). Keras:
    /// <c>word_docs</c>.</summary>
    public IReadOnlyDictionary<string, int> WordDocs => new ReadOnlyDictionary<string, int>(_wordDocs);

    /// <summary>Word → index (1 = most frequent, or the OOV token), enumerated in index order. Keras:
    /// <c>word_index</c>.</summary>
    public IReadOnlyDictionary<string, int> WordIndex => new ReadOnlyDictionary<string, int>(_wordIndex);

    /// <summary>Index → word, the inverse of <see cref="WordIndex"/>. Keras: <c>index_word</c>.</summary>
    public IReadOnlyDictionary<int, string> IndexWord => new ReadOnlyDictionary<int, string>(_indexWord);

    /// <summary>Index → number of fitted documents containing it; the document frequency tf-idf uses. Keras:
    /// <c>index_docs</c>.</summary>
    public IReadOnlyDictionary<int, int> IndexDocs => new ReadOnlyDictionary<int, int>(_indexDocs);

    /// <summary>
    /// Counts the words of <paramref name="texts"/> and re-ranks the vocabulary. Keras: <c>fit_on_texts(texts)</c>.
    /// </summary>
    /// <param name="texts">The training texts; each counts as one document.</param>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its texts is null.</exception>
    public void FitOnTexts(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        foreach (string text in texts)
        {
            var tokens = Tokenize(text, nameof(texts));
            DocumentCount++;
            foreach (string w in tokens)
                _wordCounts[w] = _wordCounts.TryGetValue(w, out int c) ? c + 1 : 1;
            foreach (string w in tokens.Distinct(StringComparer.Ordinal))
                _wordDocs[w] = _wordDocs.TryGetValue(w, out int d) ? d + 1 : 1;
        }

        // OrderBy is a stable sort, like Python's list.sort: equal counts keep first-seen order.
        var vocabulary = new List<string>();
        if (OovToken is not null) vocabulary.Add(OovToken);
        vocabulary.AddRange(_wordCounts.OrderByDescending(kv => kv.Value).Select(kv => kv.Key));

        // Keras builds dict(zip(vocabulary, 1..n)): should the OOV token also occur as a word, the later index wins
        // (and index 1 goes unused). Assigning in order reproduces that.
        _wordIndex = new OrderedDictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < vocabulary.Count; i++) _wordIndex[vocabulary[i]] = i + 1;
        _indexWord = new OrderedDictionary<int, string>();
        foreach (var (word, index) in _wordIndex) _indexWord[index] = word;
        foreach (var (word, docs) in _wordDocs) _indexDocs[_wordIndex[word]] = docs;
    }

    /// <summary>
    /// Updates the document frequencies from already-indexed sequences (for tf-idf) without touching the vocabulary.
    /// Keras: <c>fit_on_sequences(sequences)</c>.
    /// </summary>
    /// <param name="sequences">Sequences of word indices; each counts as one document.</param>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of them is null.</exception>
    public void FitOnSequences(IEnumerable<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        foreach (var sequence in sequences)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(sequences));
            DocumentCount++;
            foreach (int i in sequence.Distinct())
                _indexDocs[i] = _indexDocs.GetValueOrDefault(i) + 1;
        }
    }

    /// <summary>
    /// Converts each text to the indices of its words. Keras: <c>texts_to_sequences(texts)</c>.
    /// </summary>
    /// <param name="texts">The texts to convert.</param>
    /// <returns>One array per text. A word not in the vocabulary, or whose index is ≥ <see cref="NumWords"/>, is
    /// dropped — or replaced by the OOV index (1) when <see cref="OovToken"/> is set.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its texts is null.</exception>
    /// <exception cref="InvalidOperationException">An OOV token is set but the tokenizer has not been fitted, so it has
    /// no index yet.</exception>
    public int[][] TextsToSequences(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        int? oovIndex = OovIndex("TextsToSequences");
        var result = new List<int[]>();
        foreach (string text in texts)
        {
            var sequence = new List<int>();
            foreach (string w in Tokenize(text, nameof(texts)))
            {
                if (_wordIndex.TryGetValue(w, out int i))
                {
                    if (NumWords is int n && i >= n)
                    {
                        if (oovIndex is int oov) sequence.Add(oov);
                    }
                    else
                    {
                        sequence.Add(i);
                    }
                }
                else if (oovIndex is int oov)
                {
                    sequence.Add(oov);
                }
            }
            result.Add(sequence.ToArray());
        }
        return result.ToArray();
    }

    /// <summary>
    /// Converts index sequences back to text: the words joined by single spaces. Keras:
    /// <c>sequences_to_texts(sequences)</c>.
    /// </summary>
    /// <param name="sequences">Sequences of word indices.</param>
    /// <returns>One string per sequence. Indices that are unknown (0 included) or ≥ <see cref="NumWords"/> are dropped,
    /// or written as the OOV token when one is set. Tokens are joined by a space even in char-level mode (as Keras
    /// does).</returns>
    /// <remarks>Filtering and lower-casing cannot be undone: the round trip gives back the filtered, lower-cased
    /// words.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of them is null.</exception>
    /// <exception cref="InvalidOperationException">An OOV token is set but the tokenizer has not been
    /// fitted.</exception>
    public string[] SequencesToTexts(IEnumerable<IReadOnlyList<int>> sequences)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        int? oovIndex = OovIndex("SequencesToTexts");
        var result = new List<string>();
        foreach (var sequence in sequences)
        {
            ArgumentNullException.ThrowIfNull(sequence, nameof(sequences));
            var words = new List<string>();
            foreach (int i in sequence)
            {
                if (_indexWord.TryGetValue(i, out string? word))
                {
                    if (NumWords is int n && i >= n)
                    {
                        if (oovIndex is int oov) words.Add(_indexWord[oov]);
                    }
                    else
                    {
                        words.Add(word);
                    }
                }
                else if (oovIndex is int oov)
                {
                    words.Add(_indexWord[oov]);
                }
            }
            result.Add(string.Join(' ', words));
        }
        return result.ToArray();
    }

    /// <summary>
    /// One row of word scores per text: <see cref="TextsToSequences"/> followed by <see cref="SequencesToMatrix"/>.
    /// Keras: <c>texts_to_matrix(texts, mode)</c>.
    /// </summary>
    /// <param name="texts">The texts to score.</param>
    /// <param name="mode">The score. Default <see cref="MatrixMode.Binary"/>. Keras: <c>mode</c>.</param>
    /// <returns>A float32 tensor (texts, columns); see <see cref="SequencesToMatrix"/> for the column count.</returns>
    public Tensor<float> TextsToMatrix(IEnumerable<string> texts, MatrixMode mode = MatrixMode.Binary)
        => SequencesToMatrix(TextsToSequences(texts), mode);

    /// <summary>
    /// One row of scores per sequence, column j scoring word index j. Keras:
    /// <c>sequences_to_matrix(sequences, mode)</c>.
    /// </summary>
    /// <param name="sequences">Sequences of word indices (each ≥ 0).</param>
    /// <param name="mode">The score. Default <see cref="MatrixMode.Binary"/>. Keras: <c>mode</c>.</param>
    /// <returns>
    /// A float32 tensor of shape (sequences, columns). Columns = <see cref="NumWords"/> when set; otherwise, as in
    /// Keras, the vocabulary size + 1 (column 0 is the reserved padding index and stays 0).
    /// Indices ≥ columns are skipped.
    /// </returns>
    /// <remarks>
    /// <para>For a sequence with c occurrences of index j (len = the sequence's full length, skipped indices included —
    /// Keras divides by <c>len(seq)</c>):</para>
    /// <para>Binary: 1. Count: c. Freq: c / len. TfIdf: (1 + ln c) · ln(1 + D / (1 + dⱼ)), with D =
    /// <see cref="DocumentCount"/> and dⱼ = <see cref="IndexDocs"/>[j] (0 if absent) — Keras's weighting "scheme 2".
    /// The 1 + … inside the idf keeps it positive even for a word in every document.</para>
    /// <para>Computed in double (as NumPy does) and rounded to float32 at the end.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="sequences"/> or one of them is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mode"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">A sequence holds a negative index (Python would silently index from the
    /// end).</exception>
    /// <exception cref="InvalidOperationException">Neither <see cref="NumWords"/> is set nor the tokenizer fitted, so
    /// the column count is unknown; or <see cref="MatrixMode.TfIdf"/> is asked of a tokenizer fitted on no
    /// documents.</exception>
    public Tensor<float> SequencesToMatrix(
        IEnumerable<IReadOnlyList<int>> sequences, MatrixMode mode = MatrixMode.Binary)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        if (!Enum.IsDefined(mode))
            throw new ArgumentOutOfRangeException(nameof(mode), mode,
                "Tokenizer: mode must be Binary, Count, Freq or TfIdf");
        int columns = NumWords ?? (_wordIndex.Count > 0
            ? _wordIndex.Count + 1
            : throw new InvalidOperationException(
                "Tokenizer: the matrix width is unknown: pass numWords to the constructor, or call FitOnTexts first"));
        if (mode == MatrixMode.TfIdf && DocumentCount == 0)
            throw new InvalidOperationException(
                "Tokenizer: tf-idf needs document frequencies: call FitOnTexts (or FitOnSequences) first");

        var rows = sequences.ToList();
        var data = new float[checked(rows.Count * columns)];
        for (int r = 0; r < rows.Count; r++)
        {
            var sequence = rows[r];
            ArgumentNullException.ThrowIfNull(sequence, nameof(sequences));
            var counts = new Dictionary<int, int>();
            foreach (int j in sequence)
            {
                if (j < 0)
                    throw new ArgumentException($"Tokenizer: sequence {r} holds the negative index {j}; word indices " +
                        "are >= 0", nameof(sequences));
                if (j >= columns) continue;
                counts[j] = counts.GetValueOrDefault(j) + 1;
            }
            foreach (var (j, c) in counts)
            {
                double score = mode switch
                {
                    MatrixMode.Binary => 1.0,
                    MatrixMode.Count => c,
                    MatrixMode.Freq => (double)c / sequence.Count,
                    _ => (1.0 + Math.Log(c))
                         * Math.Log(1.0 + (double)DocumentCount / (1 + _indexDocs.GetValueOrDefault(j))),
                };
                data[r * columns + j] = (float)score;
            }
        }
        return Tensor.FromArray<float>(data, new Shape(rows.Count, columns));
    }

    // The tokens of one text: its code points in char-level mode (lower-cased, never filtered — Keras's rule),
    // else its words.
    private List<string> Tokenize(string text, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(text, parameterName);
        if (!CharLevel) return [.. TextPreprocessing.TextToWordSequence(text, Filters, Lower, Split)];
        return [.. TextPreprocessing.CodePoints(Lower ? text.ToLowerInvariant() : text)];
    }

    // The OOV token's index, or null without one. Keras would emit None for an unfitted tokenizer; fail clearly
    // instead.
    private int? OovIndex(string operation)
    {
        if (OovToken is null) return null;
        if (!_wordIndex.TryGetValue(OovToken, out int index))
            throw new InvalidOperationException(
                $"Tokenizer.{operation}: the OOV token \"{OovToken}\" has no index yet: call FitOnTexts first");
        return index;
    }
}
