using System.Globalization;
using System.Text;

namespace DeepSeq.Data;

/// <summary>
/// A batch of encoded texts for a BERT encoder, row-major (<see cref="Count"/> × <see cref="Length"/>): what Hugging
/// Face's <c>tokenizer(texts, padding=True, truncation=True, max_length=n)</c> returns as <c>input_ids</c>,
/// <c>attention_mask</c> and <c>token_type_ids</c>.
/// </summary>
/// <param name="Count">How many texts (rows).</param>
/// <param name="Length">The length of every row: the longest encoded text in the batch, capped at the maximum
/// length.</param>
/// <param name="InputIds">Token ids, <c>[CLS] pieces [SEP]</c> then <c>[PAD]</c> ids to <see cref="Length"/>; row r
/// starts at <c>r * Length</c>.</param>
/// <param name="AttentionMask">1 for a real token (the specials included), 0 for padding.</param>
/// <param name="TokenTypeIds">All 0: one sentence per row (segment A).</param>
public sealed record BertBatch(int Count, int Length, int[] InputIds, int[] AttentionMask, int[] TokenTypeIds);

/// <summary>
/// BERT's WordPiece tokenizer: Hugging Face's slow <c>BertTokenizer</c> (<c>transformers/models/bert/
/// tokenization_bert.py</c>, itself Google's <c>tokenization.py</c>), reproduced step by step so that the ids are
/// the ones a pretrained BERT (or MiniLM, or any uncased BERT vocabulary) was trained on.
/// </summary>
/// <remarks>
/// <para>Usage: <c>var t = WordPieceTokenizer.FromFile("vocab.txt"); int[] ids = t.Encode("Hello, world!");</c>
/// gives <c>[CLS] hello , world ! [SEP]</c> as ids (101, 7592, 1010, 2088, 999, 102 in the uncased vocabulary).</para>
/// <para>Steps, as in Hugging Face: (1) the special tokens <c>[CLS] [SEP] [PAD] [UNK] [MASK]</c> written in the
/// text (exact case) are kept whole and the text between them is tokenized on its own; (2) the basic tokenizer cleans
/// the text (drops U+0000, U+FFFD and control characters — Unicode category C* except tab, newline and
/// carriage return — and maps whitespace to a space), puts spaces around CJK ideographs, normalizes to NFC, splits
/// on whitespace, lowercases each word and strips its accents (NFD, then every nonspacing mark, category Mn, dropped) when
/// lowercasing, and splits it on punctuation (ASCII 33–47, 58–64, 91–96, 123–126 and Unicode category P*), each
/// punctuation character a word of its own; (3) WordPiece splits each word greedily, longest match first, pieces after
/// the first carrying the <c>##</c> prefix; a word longer than 100 characters, or one that cannot be split into
/// pieces of the vocabulary all the way, becomes one <c>[UNK]</c>.</para>
/// <para>Characters are Unicode code points, as in Python: a character outside the BMP (an emoji) is one character,
/// never two surrogates. Lowercasing follows Python's <c>str.lower</c> where .NET's invariant lowercasing differs
/// (U+0130 İ becomes i + U+0307; a capital sigma at the end of a word becomes ς).</para>
/// <para>The tokenizer is immutable and safe to use from several threads.</para>
/// </remarks>
public sealed class WordPieceTokenizer
{
    /// <summary>Hugging Face's <c>max_input_chars_per_word</c>: a longer word becomes one <c>[UNK]</c>.</summary>
    public const int MaxInputCharsPerWord = 100;

    private const string ContinuationPrefix = "##";
    private static readonly string[] SpecialNames = ["[CLS]", "[SEP]", "[PAD]", "[UNK]", "[MASK]"];

    private readonly string[] _tokens;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _words;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuations;
    private readonly string[] _specials;

    private WordPieceTokenizer(string[] tokens, bool lowercase, Func<string, Exception> missing)
    {
        _tokens = tokens;
        Lowercase = lowercase;
        var words = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        var continuations = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int id = 0; id < tokens.Length; id++)
        {
            // Hugging Face's load_vocab: vocab[token] = index, so a repeated token keeps its last line.
            string token = tokens[id];
            words[token] = id;
            if (token.StartsWith(ContinuationPrefix, StringComparison.Ordinal))
                continuations[token[ContinuationPrefix.Length..]] = id;
        }
        _words = words.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuations = continuations.GetAlternateLookup<ReadOnlySpan<char>>();
        ClsId = words.TryGetValue("[CLS]", out int cls) ? cls : throw missing("[CLS]");
        SepId = words.TryGetValue("[SEP]", out int sep) ? sep : throw missing("[SEP]");
        PadId = words.TryGetValue("[PAD]", out int pad) ? pad : throw missing("[PAD]");
        UnkId = words.TryGetValue("[UNK]", out int unk) ? unk : throw missing("[UNK]");
        _specials = SpecialNames.Where(words.ContainsKey).ToArray();
    }

    /// <summary>
    /// A tokenizer over <paramref name="vocabulary"/>, one word piece per entry, the index its id: Hugging Face's
    /// <c>BertTokenizer(vocab_file, do_lower_case=lowercase)</c> with the file's lines in a list. This matches it.
    /// </summary>
    /// <param name="vocabulary">The word pieces; continuation pieces start with <c>##</c>. It must hold
    /// <c>[CLS]</c>, <c>[SEP]</c>, <c>[PAD]</c> and <c>[UNK]</c>. A repeated entry maps to its last index, as in
    /// Hugging Face's <c>load_vocab</c>.</param>
    /// <param name="lowercase">Hugging Face's <c>do_lower_case</c> (true for uncased models): lowercase and strip
    /// accents. False (cased models) keeps case and accents, as Hugging Face's default <c>strip_accents=None</c>
    /// does.</param>
    /// <exception cref="ArgumentException">The vocabulary is empty, holds a null, or lacks a special token (the
    /// message names which).</exception>
    public static WordPieceTokenizer FromVocabulary(IReadOnlyList<string> vocabulary, bool lowercase = true)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        if (vocabulary.Count == 0) throw new ArgumentException("the vocabulary is empty", nameof(vocabulary));
        var tokens = new string[vocabulary.Count];
        for (int i = 0; i < tokens.Length; i++)
            tokens[i] = vocabulary[i]
                ?? throw new ArgumentException($"vocabulary entry {i} is null", nameof(vocabulary));
        return new WordPieceTokenizer(tokens, lowercase,
            name => new ArgumentException($"the vocabulary has no {name} token", nameof(vocabulary)));
    }

    /// <summary>
    /// A tokenizer over the vocabulary file <paramref name="vocabPath"/> (BERT's <c>vocab.txt</c>: UTF-8, one word
    /// piece a line, line n (from 0) is id n): Hugging Face's
    /// <c>BertTokenizer(vocab_file, do_lower_case=lowercase)</c>. This matches it (line ends <c>\n</c> or
    /// <c>\r\n</c>).
    /// </summary>
    /// <param name="vocabPath">The vocabulary file.</param>
    /// <param name="lowercase">Hugging Face's <c>do_lower_case</c>; see <see cref="FromVocabulary"/>.</param>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="DataFormatException">The file is empty or lacks <c>[CLS]</c>, <c>[SEP]</c>, <c>[PAD]</c> or
    /// <c>[UNK]</c>; the message names the file and the token.</exception>
    public static WordPieceTokenizer FromFile(string vocabPath, bool lowercase = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(vocabPath);
        if (!File.Exists(vocabPath))
            throw new FileNotFoundException($"{vocabPath}: no such vocabulary file", vocabPath);
        string[] lines = File.ReadAllLines(vocabPath, new UTF8Encoding(false, true));
        if (lines.Length == 0) throw new DataFormatException(vocabPath, "end of file", "the vocabulary is empty");
        return new WordPieceTokenizer(lines, lowercase,
            name => new DataFormatException(vocabPath, "vocabulary", $"the vocabulary has no {name} token"));
    }

    /// <summary>Whether text is lowercased and its accents stripped (Hugging Face's <c>do_lower_case</c>).</summary>
    public bool Lowercase { get; }

    /// <summary>The id of <c>[CLS]</c>, which starts every encoded text (Hugging Face's <c>cls_token_id</c>).</summary>
    public int ClsId { get; }

    /// <summary>The id of <c>[SEP]</c>, which ends every encoded text (Hugging Face's <c>sep_token_id</c>).</summary>
    public int SepId { get; }

    /// <summary>The id of <c>[PAD]</c>, which pads a batch's shorter rows (Hugging Face's
    /// <c>pad_token_id</c>).</summary>
    public int PadId { get; }

    /// <summary>The id of <c>[UNK]</c>, given to a word WordPiece cannot split (Hugging Face's
    /// <c>unk_token_id</c>).</summary>
    public int UnkId { get; }

    /// <summary>How many ids there are: the vocabulary's line count (Hugging Face's <c>vocab_size</c>).</summary>
    public int VocabularySize => _tokens.Length;

    /// <summary>The word piece with id <paramref name="id"/>: Hugging Face's <c>convert_ids_to_tokens</c> for one
    /// id (its <c>ids_to_tokens</c>, so a repeated vocabulary entry keeps every line's id here). This matches
    /// it.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="id"/> is not in
    /// [0, <see cref="VocabularySize"/>).</exception>
    public string IdToToken(int id)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(id);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(id, _tokens.Length);
        return _tokens[id];
    }

    /// <summary>
    /// The word pieces of <paramref name="text"/>, without <c>[CLS]</c>/<c>[SEP]</c>: Hugging Face's
    /// <c>BertTokenizer.tokenize(text)</c>, and this matches it. Special tokens written in the text (<c>[CLS]</c>,
    /// <c>[SEP]</c>, <c>[PAD]</c>, <c>[UNK]</c>, <c>[MASK]</c>, exact case) stay whole; see the class remarks for
    /// the steps.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    public IReadOnlyList<string> Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var pieces = new List<string>();
        Run(text, id => pieces.Add(_tokens[id]), int.MaxValue);
        return pieces;
    }

    /// <summary>
    /// The ids of <paramref name="text"/>: <c>[CLS]</c>, its word pieces, <c>[SEP]</c>, the pieces cut so that there
    /// are at most <paramref name="maxLength"/> ids (<c>[SEP]</c> stays last): Hugging Face's
    /// <c>tokenizer.encode(text, truncation=True, max_length=maxLength)</c>. This matches it.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="maxLength">The most ids to return, the two specials included (BERT's limit is 512).</param>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 2 (no room for
    /// <c>[CLS]</c> and <c>[SEP]</c>).</exception>
    public int[] Encode(string text, int maxLength = 512)
    {
        ArgumentNullException.ThrowIfNull(text);
        CheckMaxLength(maxLength);
        var ids = new List<int> { ClsId };
        Run(text, ids.Add, maxLength - 2);
        ids.Add(SepId);
        return ids.ToArray();
    }

    /// <summary>
    /// <paramref name="texts"/> encoded as <see cref="Encode"/> does, padded with <c>[PAD]</c> to the longest of them
    /// (at most <paramref name="maxLength"/>): Hugging Face's <c>tokenizer(texts, padding=True, truncation=True,
    /// max_length=maxLength)</c>, with its <c>input_ids</c>, <c>attention_mask</c> (1 on tokens, 0 on padding) and
    /// <c>token_type_ids</c> (all 0) laid out row-major. This matches it. An empty list gives an empty batch
    /// (<see cref="BertBatch.Length"/> 0).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="texts"/> or one of its texts is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxLength"/> is below 2.</exception>
    public BertBatch EncodeBatch(IReadOnlyList<string> texts, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(texts);
        CheckMaxLength(maxLength);
        var rows = new int[texts.Count][];
        int length = 0;
        for (int r = 0; r < rows.Length; r++)
        {
            string text = texts[r] ?? throw new ArgumentNullException(nameof(texts), $"text {r} is null");
            rows[r] = Encode(text, maxLength);
            length = Math.Max(length, rows[r].Length);
        }
        var inputIds = new int[rows.Length * length];
        var mask = new int[inputIds.Length];
        inputIds.AsSpan().Fill(PadId);
        for (int r = 0; r < rows.Length; r++)
        {
            rows[r].CopyTo(inputIds, r * length);
            mask.AsSpan(r * length, rows[r].Length).Fill(1);
        }
        return new BertBatch(rows.Length, length, inputIds, mask, new int[inputIds.Length]);
    }

    private static void CheckMaxLength(int maxLength)
    {
        if (maxLength < 2)
            throw new ArgumentOutOfRangeException(nameof(maxLength), maxLength,
                "maxLength must be at least 2: room for [CLS] and [SEP]");
    }

    // Emits the ids of text's pieces, at most limit of them. Hugging Face's PreTrainedTokenizer.tokenize: split on the
    // special tokens written in the text (its trie: the earliest match, the longest one there), then BertTokenizer.
    // _tokenize on each stretch between them.
    private void Run(string text, Action<int> emit, int limit)
    {
        int count = 0;
        var scratch = new StringBuilder();
        int start = 0;
        for (int i = text.IndexOf('['); i >= 0 && count < limit; i = text.IndexOf('[', i + 1))
        {
            string? special = null;
            foreach (string s in _specials)
                if (text.AsSpan(i).StartsWith(s, StringComparison.Ordinal)
                    && (special is null || s.Length > special.Length)) special = s;
            if (special is null) continue;
            Basic(text.AsSpan(start, i - start), scratch, emit, ref count, limit);
            if (count < limit)
            {
                emit(_words[special]);
                count++;
            }
            start = i + special.Length;
            i = start - 1;
        }
        if (count < limit) Basic(text.AsSpan(start), scratch, emit, ref count, limit);
    }

    // BasicTokenizer.tokenize, then WordPiece on each word.
    private void Basic(ReadOnlySpan<char> text, StringBuilder buffer, Action<int> emit, ref int count, int limit)
    {
        if (text.IsEmpty) return;
        // _clean_text and _tokenize_chinese_chars in one pass over code points.
        buffer.Clear();
        bool ascii = true;
        foreach (Rune rune in text.EnumerateRunes())
        {
            int cp = rune.Value;
            if (cp < 0x80)
            {
                if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r') buffer.Append(' ');
                else if (cp >= 0x20 && cp != 0x7F) buffer.Append((char)cp);
                continue;   // other ASCII below 0x20, and DEL, are Cc: dropped
            }
            ascii = false;
            // A lone surrogate reads as U+FFFD here; Python sees category Cs. Either way it is dropped.
            if (cp == 0xFFFD || IsControl(rune)) continue;
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.SpaceSeparator) buffer.Append(' ');
            else if (IsCjk(cp)) buffer.Append(' ').Append(rune.ToString()).Append(' ');
            else AppendRune(buffer, rune);
        }
        string cleaned = buffer.ToString();
        // Hugging Face (not Google) normalizes to NFC before splitting on whitespace. Uncased, that changes nothing
        // (each word is decomposed again before the vocabulary sees it); cased, it composes, which string.Normalize
        // does only when .NET has ICU (under InvariantGlobalization it returns the text as it is).
        if (!ascii && !Lowercase && !cleaned.IsNormalized(NormalizationForm.FormC))
            cleaned = cleaned.Normalize(NormalizationForm.FormC);

        // whitespace_tokenize: Python's str.split(), which also splits on U+2028/U+2029 (kept by _clean_text).
        int n = cleaned.Length;
        for (int i = 0; i < n && count < limit;)
        {
            while (i < n && char.IsWhiteSpace(cleaned[i])) i++;
            int begin = i;
            while (i < n && !char.IsWhiteSpace(cleaned[i])) i++;
            if (i > begin) Word(cleaned.AsSpan(begin, i - begin), ascii, emit, ref count, limit);
        }
    }

    // One whitespace-separated token: lowercase and strip accents, split on punctuation, WordPiece each part.
    private void Word(ReadOnlySpan<char> token, bool ascii, Action<int> emit, ref int count, int limit)
    {
        string word;
        if (!Lowercase) word = token.ToString();
        else if (ascii || IsAscii(token))
        {
            Span<char> lower = token.Length <= 256 ? stackalloc char[token.Length] : new char[token.Length];
            token.ToLowerInvariant(lower);
            word = lower.ToString();
        }
        else word = StripAccents(PythonLower(token));

        // _run_split_on_punc: every punctuation character is a word of its own.
        int start = 0;
        for (int i = 0; i < word.Length && count < limit;)
        {
            Rune.DecodeFromUtf16(word.AsSpan(i), out Rune rune, out int used);
            if (IsPunctuation(rune))
            {
                if (i > start) WordPiece(word.AsSpan(start, i - start), emit, ref count, limit);
                if (count < limit) WordPiece(word.AsSpan(i, used), emit, ref count, limit);
                start = i + used;
            }
            i += used;
        }
        if (start < word.Length && count < limit) WordPiece(word.AsSpan(start), emit, ref count, limit);
    }

    // WordpieceTokenizer.tokenize for one word: greedy longest match first; [UNK] for the whole word if it is too
    // long or some part of it matches nothing.
    private void WordPiece(ReadOnlySpan<char> word, Action<int> emit, ref int count, int limit)
    {
        if (CodePoints(word) > MaxInputCharsPerWord)
        {
            emit(UnkId);
            count++;
            return;
        }
        Span<int> found = word.Length <= 128 ? stackalloc int[word.Length] : new int[word.Length];
        int pieces = 0;
        for (int start = 0; start < word.Length;)
        {
            int id = -1, end = word.Length;
            for (; end > start; end--)
            {
                if (end < word.Length && char.IsLowSurrogate(word[end]) && char.IsHighSurrogate(word[end - 1]))
                    continue;   // never cut a code point in two
                var lookup = start == 0 ? _words : _continuations;
                if (lookup.TryGetValue(word[start..end], out id)) break;
                id = -1;
            }
            if (id < 0)
            {
                emit(UnkId);
                count++;
                return;
            }
            found[pieces++] = id;
            start = end;
        }
        for (int p = 0; p < pieces && count < limit; p++)
        {
            emit(found[p]);
            count++;
        }
    }

    private static int CodePoints(ReadOnlySpan<char> s)
    {
        int n = s.Length;
        for (int i = 1; i < s.Length; i++)
            if (char.IsLowSurrogate(s[i]) && char.IsHighSurrogate(s[i - 1])) n--;
        return n;
    }

    private static bool IsAscii(ReadOnlySpan<char> s) => System.Text.Ascii.IsValid(s);

    private static void AppendRune(StringBuilder sb, Rune rune)
    {
        if (rune.IsBmp) sb.Append((char)rune.Value);
        else sb.Append(rune.ToString());
    }

    // Python's str.lower where it differs from .NET's invariant lowercasing: U+0130 → "i\u0307" (SpecialCasing), and
    // Σ → ς at the end of a word (Final_Sigma: after a cased letter, not before one, case-ignorables skipped).
    private static string PythonLower(ReadOnlySpan<char> token)
    {
        string lower = token.ToString().ToLowerInvariant();
        if (token.IndexOfAny('\u0130', '\u03A3') < 0) return lower;
        var sb = new StringBuilder(lower.Length + 4);
        for (int i = 0; i < token.Length; i++)
        {
            char c = token[i];
            if (c == '\u0130') sb.Append("i\u0307");
            else if (c == '\u03A3') sb.Append(IsFinalSigma(token, i) ? '\u03C2' : '\u03C3');
            else sb.Append(lower[i]);   // invariant lowercasing maps char to char, so the indices line up
        }
        return sb.ToString();
    }

    private static bool IsFinalSigma(ReadOnlySpan<char> s, int i)
    {
        int j = i - 1;
        while (j >= 0 && IsCaseIgnorable(s[j])) j--;
        if (j < 0 || !IsCased(s[j])) return false;
        j = i + 1;
        while (j < s.Length && IsCaseIgnorable(s[j])) j++;
        return j == s.Length || !IsCased(s[j]);
    }

    private static bool IsCased(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.UppercaseLetter
        or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter;

    private static bool IsCaseIgnorable(char c) => c is '\'' or '.' or ':' or '\u00B7' or '\u2019' or '\u2018'
        || char.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.Format or UnicodeCategory.ModifierLetter or UnicodeCategory.ModifierSymbol;

    // _run_strip_accents: NFD, then every nonspacing mark (Mn) dropped. NFD from CanonicalDecomposition's table:
    // string.Normalize is a no-op under InvariantGlobalization. (Canonical reordering is skipped: it only permutes
    // combining marks, and the only ones left after dropping Mn — a few Mc with a nonzero combining class — would
    // have to sit next to each other to move.)
    private static string StripAccents(string text)
    {
        var nfd = new StringBuilder(text.Length + 8);
        foreach (Rune rune in text.EnumerateRunes()) CanonicalDecomposition.Append(nfd, rune.Value);
        var sb = new StringBuilder(nfd.Length);
        foreach (ReadOnlyMemory<char> chunk in nfd.GetChunks())
            foreach (Rune rune in chunk.Span.EnumerateRunes())
                if (Rune.GetUnicodeCategory(rune) != UnicodeCategory.NonSpacingMark) AppendRune(sb, rune);
        return sb.ToString();
    }

    // _is_control: category C* (Cc, Cf, Cs, Co, Cn) except tab, newline and carriage return (which are whitespace).
    private static bool IsControl(Rune rune) => Rune.GetUnicodeCategory(rune) is UnicodeCategory.Control
        or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned;

    // _is_punctuation: the ASCII non-alphanumerics (so $, +, ^, ` count though Unicode files them as symbols), and
    // every category P*.
    private static bool IsPunctuation(Rune rune)
    {
        int cp = rune.Value;
        if (cp is >= 33 and <= 47 or >= 58 and <= 64 or >= 91 and <= 96 or >= 123 and <= 126) return true;
        if (cp < 0x80) return false;
        return Rune.GetUnicodeCategory(rune) is UnicodeCategory.ConnectorPunctuation
            or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation;
    }

    // _is_chinese_char: the CJK Unified Ideographs blocks and their extensions, and the compatibility ideographs.
    private static bool IsCjk(int cp) => cp is >= 0x4E00 and <= 0x9FFF or >= 0x3400 and <= 0x4DBF
        or >= 0x20000 and <= 0x2A6DF or >= 0x2A700 and <= 0x2B73F or >= 0x2B740 and <= 0x2B81F
        or >= 0x2B820 and <= 0x2CEAF or >= 0xF900 and <= 0xFAFF or >= 0x2F800 and <= 0x2FA1F;
}
