namespace DeepSeq.Samples.EmojiSuggestions.Networks;

/// <summary>
/// The book's character encoding: the sorted set of every character in the tweets, and a one-hot row per
/// position of a tweet padded with zero rows after its end to the longest tweet (167 × 100 on the emotion tweets, as
/// in the book).
/// </summary>
/// <remarks>A tweet is read as UTF-16 chars (a character outside the BMP counts as two, Python as one; the emotion
/// tweets have none). The length is at least <see cref="MinimumLength"/>, what the networks' convolutions and
/// poolings need, so that short tweets (a <c>--quick</c> run on synthetic data) still fit.</remarks>
public sealed class CharacterEncoding
{
    private readonly Dictionary<char, int> _index;

    private CharacterEncoding(char[] chars, int length)
    {
        (Chars, Length) = (chars, length);
        _index = chars.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i);
    }

    /// <summary>The shortest length C3 and C4 can take: C3's 6-wide convolutions and 6-wide poolings need
    /// ⌊(⌊(L − 5) / 6⌋ − 5) / 6⌋ ≥ 1, so L ≥ 71 (C4's need 41).</summary>
    public const int MinimumLength = 71;

    /// <summary>The characters, sorted by code unit; position i is one-hot column i.</summary>
    public IReadOnlyList<char> Chars { get; }

    /// <summary>The padded length: the longest tweet, at least <see cref="MinimumLength"/>.</summary>
    public int Length { get; }

    /// <summary>The longest tweet's length (the padded length unless that was raised to the minimum).</summary>
    public int Longest { get; private init; }

    /// <summary>The encoding of <paramref name="texts"/> (the book fits it on every tweet).</summary>
    /// <exception cref="ArgumentException">There are no tweets.</exception>
    public static CharacterEncoding Fit(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) throw new ArgumentException("character encoding: no tweets");
        int longest = texts.Max(t => t.Length);
        return new CharacterEncoding([.. texts.SelectMany(t => t).Distinct().Order()],
            Math.Max(longest, MinimumLength)) { Longest = longest };
    }

    /// <summary>The tweets <paramref name="rows"/> of <paramref name="texts"/> one-hot encoded: (rows, length,
    /// chars), the first characters of each tweet at the first positions, zero rows after its end.</summary>
    /// <exception cref="ArgumentException">A tweet is longer than <see cref="Length"/> or has a character the
    /// encoding was not fitted on.</exception>
    public Tensor<float> OneHot(IReadOnlyList<string> texts, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(rows);
        var data = new float[checked(rows.Count * Length * Chars.Count)];
        for (int r = 0; r < rows.Count; r++)
        {
            string text = texts[rows[r]];
            if (text.Length > Length)
                throw new ArgumentException($"character encoding: tweet {rows[r]} has {text.Length} characters, " +
                                            $"more than the {Length} it was fitted to");
            for (int j = 0; j < text.Length; j++)
                data[(r * Length + j) * Chars.Count + (_index.TryGetValue(text[j], out int c) ? c
                    : throw new ArgumentException($"character encoding: tweet {rows[r]} has U+{(int)text[j]:X4}, " +
                                                  "which it was not fitted on"))] = 1f;
        }
        return Tensor.FromArray<float>(data, new Shape(rows.Count, Length, Chars.Count));
    }
}
