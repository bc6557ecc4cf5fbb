// Keras 2 (keras/preprocessing/text.py):
//
//   hashing_trick(text, n, hash_function=None, ...):
//       [ hash_function(w) % (n − 1) + 1   for w in text_to_word_sequence(text, ...) ]
//   one_hot(text, n, ...) = hashing_trick(text, n, hash_function=hash, ...)
//
// Index 0 is never produced: Keras keeps it for padding. Two different words may share an index (a collision),
// which is the price of not storing a vocabulary.

using System.Security.Cryptography;
using System.Text;

namespace DeepSeq.Data;

/// <summary>The hash a word is turned into an index with, in <see cref="HashingTrick"/>.</summary>
public enum HashFunction
{
    /// <summary>
    /// 32-bit FNV-1a over the word's UTF-8 bytes:
    /// <c>h = 2166136261; for each byte b: h = (h ^ b) · 16777619 mod 2³²</c>. DeepSeq's default, standing in for
    /// Python's built-in <c>hash</c> (see <see cref="HashingTrick"/>).
    /// </summary>
    Fnv1a32,

    /// <summary>
    /// MD5 of the word's UTF-8 bytes read as one 128-bit big-endian integer — Keras's <c>hash_function='md5'</c>,
    /// <c>int(md5(w.encode()).hexdigest(), 16)</c>. Gives exactly Keras's indices.
    /// </summary>
    Md5,
}

/// <summary>
/// The hashing trick of Keras 2's <c>keras.preprocessing.text</c>: words to indices in <c>[1, n − 1]</c> without a
/// vocabulary, by hashing; plus n-grams of a token list.
/// </summary>
/// <remarks>
/// <para>Keras's default hash is Python's built-in <c>hash()</c>, which for strings is salted with a random key
/// chosen when the interpreter starts (<c>PYTHONHASHSEED</c>): the same word gets a different index in every Python
/// process, so results built on <c>one_hot</c> (such as the book's) cannot be reproduced. DeepSeq's default,
/// FNV-1a, is unsalted: the same word gives the same index in every run, on every machine. Choose
/// <see cref="HashFunction.Md5"/> for Keras's own reproducible option, with indices identical to Keras's.</para>
/// </remarks>
public static class HashingTrick
{
    /// <summary>
    /// Splits <paramref name="text"/> into words (<see cref="TextPreprocessing.TextToWordSequence"/>) and maps each
    /// word to <c>hash(word) % (n − 1) + 1</c>. Keras: <c>hashing_trick(text, n, hash_function, filters, lower,
    /// split)</c>.
    /// </summary>
    /// <param name="text">The text.</param>
    /// <param name="n">Size of the index space, ≥ 2: indices fall in <c>[1, n − 1]</c>. Keras: <c>n</c>.</param>
    /// <param name="hashFunction">The hash. Default <see cref="HashFunction.Fnv1a32"/> (Keras: <c>None</c>, Python's
    /// salted <c>hash</c>).</param>
    /// <param name="filters">Characters removed before splitting. Default Keras's
    /// (<see cref="TextPreprocessing.DefaultFilters"/>).</param>
    /// <param name="lower">Lower-case first. Default <c>true</c>.</param>
    /// <param name="split">Word separator. Default <c>" "</c>.</param>
    /// <returns>One index per word, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 2 (Keras fails with a division by
    /// zero at n = 1).</exception>
    public static int[] Hash(string text, int n, HashFunction hashFunction = HashFunction.Fnv1a32,
                             string filters = TextPreprocessing.DefaultFilters, bool lower = true, string split = " ")
    {
        if (n < 2)
            throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 2: indices are drawn from [1, n - 1].");
        if (!Enum.IsDefined(hashFunction))
            throw new ArgumentOutOfRangeException(nameof(hashFunction), hashFunction, "Unknown hash function.");
        uint modulus = (uint)(n - 1);
        return TextPreprocessing.TextToWordSequence(text, filters, lower, split)
            .Select(word => (int)(Remainder(word, hashFunction, modulus) + 1))
            .ToArray();
    }

    /// <summary>
    /// Keras's <c>one_hot(text, n)</c>: despite the name, a list of word indices in <c>[1, n − 1]</c> — the hashing
    /// trick with the default hash (<see cref="HashFunction.Fnv1a32"/> here, Python's salted <c>hash</c> in Keras).
    /// </summary>
    /// <inheritdoc cref="Hash" path="/param"/>
    public static int[] OneHot(
        string text, int n, string filters = TextPreprocessing.DefaultFilters, bool lower = true, string split = " ")
        => Hash(text, n, HashFunction.Fnv1a32, filters, lower, split);

    /// <summary>32-bit FNV-1a of the UTF-8 bytes of <paramref name="word"/> (offset basis 2166136261, prime
    /// 16777619).</summary>
    public static uint Fnv1a32(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        uint h = 2166136261;
        foreach (byte b in Encoding.UTF8.GetBytes(word))
            h = unchecked((h ^ b) * 16777619);
        return h;
    }

    /// <summary>
    /// The contiguous runs of <paramref name="n"/> tokens, in order: <c>[t0..t(n−1)], [t1..tn], …</c>
    /// (<c>tokens.Count − n + 1</c> of them; none when there are fewer than n tokens). The n-grams of Keras's
    /// fastText example, <c>zip(*[tokens[i:] for i in range(n)])</c>, in order and with repeats kept.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is below 1.</exception>
    public static T[][] NGrams<T>(IReadOnlyList<T> tokens, int n)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "n must be >= 1.");
        int count = Math.Max(0, tokens.Count - n + 1);
        var grams = new T[count][];
        for (int i = 0; i < count; i++)
        {
            grams[i] = new T[n];
            for (int j = 0; j < n; j++) grams[i][j] = tokens[i + j];
        }
        return grams;
    }

    /// <summary>hash(word) mod <paramref name="modulus"/>, computed exactly even for MD5's 128-bit value.</summary>
    private static uint Remainder(string word, HashFunction hashFunction, uint modulus)
    {
        if (hashFunction == HashFunction.Fnv1a32) return Fnv1a32(word) % modulus;

        // Horner's rule over the big-endian digest bytes: (r·256 + b) mod m, never above 2³¹·256 — fits a ulong.
        ulong r = 0;
        foreach (byte b in MD5.HashData(Encoding.UTF8.GetBytes(word)))
            r = (r * 256 + b) % modulus;
        return (uint)r;
    }
}
