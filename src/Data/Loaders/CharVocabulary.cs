namespace DeepSeq.Data.Loaders;

/// <summary>
/// The characters of a text, sorted by code point, each with its index: Chollet's
/// <c>chars = sorted(list(set(text)))</c> and <c>char_indices = dict((c, chars.index(c)) for c in chars)</c>
/// (<i>Deep Learning with Python</i>, §8.1).
/// </summary>
/// <remarks>
/// A character here is a UTF-16 <see cref="char"/>. <see cref="TextCorpus"/> refuses text outside the Basic
/// Multilingual Plane, where a Python character would be two C# chars, so the two counts and orders always agree.
/// </remarks>
public sealed class CharVocabulary
{
    private readonly char[] _chars;
    private readonly Dictionary<char, int> _indices;

    /// <summary>The vocabulary of the distinct characters of <paramref name="text"/>.</summary>
    public CharVocabulary(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        _chars = [.. text.Distinct().Order()];   // char order is code-point order inside the BMP
        _indices = _chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    /// <summary>The distinct characters, sorted by code point; character <c>i</c> has index <c>i</c>.</summary>
    public IReadOnlyList<char> Chars => _chars;

    /// <summary>The number of distinct characters (the size of a one-hot vector).</summary>
    public int Count => _chars.Length;

    /// <summary>Whether <paramref name="c"/> is in the vocabulary.</summary>
    public bool Contains(char c) => _indices.ContainsKey(c);

    /// <summary>The index of <paramref name="c"/>.</summary>
    /// <exception cref="ArgumentException">The character is not in the vocabulary.</exception>
    public int IndexOf(char c)
        => _indices.TryGetValue(c, out int i) ? i
            : throw new ArgumentException(
                $"the character {Describe(c)} is not in the vocabulary of {Count} characters", nameof(c));

    /// <summary>The index of every character of <paramref name="text"/>.</summary>
    /// <exception cref="ArgumentException">A character is not in the vocabulary (the message gives its
    /// position).</exception>
    public int[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var codes = new int[text.Length];
        for (int i = 0; i < text.Length; i++)
            if (!_indices.TryGetValue(text[i], out codes[i]))
                throw new ArgumentException($"the character {Describe(text[i])} at position {i} is not in the " +
                    $"vocabulary of {Count} characters", nameof(text));
        return codes;
    }

    /// <summary>The text whose character indices are <paramref name="codes"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>0 .. Count − 1</c>.</exception>
    public string Decode(IEnumerable<int> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        var text = new System.Text.StringBuilder();
        foreach (int code in codes)
        {
            if (code < 0 || code >= _chars.Length)
                throw new ArgumentOutOfRangeException(nameof(codes), code,
                    $"a character index must be in 0 .. {Count - 1}");
            text.Append(_chars[code]);
        }
        return text.ToString();
    }

    private static string Describe(char c)
        => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}' (U+{(int)c:X4})";
}
