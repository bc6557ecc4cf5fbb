using System.Globalization;
using System.Text;

namespace DeepSeq.Data.WordVectors;

/// <summary>
/// Reads word vectors in GloVe's text format (Stanford's <c>glove.6B.100d.txt</c> and the like), plain or gzipped,
/// and builds the embedding matrix for a word index: Chollet, <i>Deep Learning with Python</i>, §6.1.
/// </summary>
/// <remarks>
/// <para>One word per line, then its values, all separated by single spaces:</para>
/// <code>
/// the -0.038194 -0.24487 0.72812 …    (100 numbers for glove.6B.100d)
/// ,   -0.10767 0.11053 0.59812 …
/// </code>
/// <para>The word is everything before the first space, so it may hold any character but a space (non-ASCII
/// included; the file is read as UTF-8). Numbers are read with the invariant culture (a dot as decimal point).
/// Spaces or a CR at the end of a line are ignored. There is no header: the dimension is the number of values on
/// the first line, unless the caller states it.</para>
/// <para>The file is read line by line, never as a whole. A gzipped file is recognised by its first two bytes
/// (1F 8B), not by its name.</para>
/// <para>Errors are <see cref="DataFormatException"/>s whose message starts with the file name and gives the line
/// number: an empty line, a line whose number of values differs from the dimension (both numbers are named), a value
/// that is not a number, a damaged gzip stream.</para>
/// </remarks>
public static class GloVe
{
    /// <summary>
    /// The (word, vector) pairs of the file at <paramref name="path"/>, in file order, read lazily: one line is parsed
    /// per step of the enumeration, and the file is opened when the enumeration starts and closed when it ends.
    /// </summary>
    /// <param name="path">A GloVe text file, plain or gzipped.</param>
    /// <param name="dim">The number of values every line must have. Default <c>null</c>: the count on the first
    /// line.</param>
    /// <remarks>Being lazy, the enumeration yields the lines before a bad one and throws when it reaches it; use
    /// <see cref="LoadMatrix"/> (or <c>ToList()</c>) to get all or nothing.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dim"/> is less than 1.</exception>
    /// <exception cref="DataFormatException">During enumeration: a malformed line (see the class remarks).</exception>
    /// <param name="utf8">How bytes that are not UTF-8 are treated; default <see cref="Utf8Decoding.Strict"/>.</param>
    public static IEnumerable<(string Word, float[] Vector)> Read(string path, int? dim = null,
        Utf8Decoding? utf8 = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (dim < 1)
            throw new ArgumentOutOfRangeException(nameof(dim), dim,
                "GloVe: dim must be >= 1, or null to take the first line's");
        // The checks above run now; the iterator runs on enumeration.
        return ReadLines(path, dim, utf8 ?? Utf8Decoding.Strict);
    }

    /// <summary>
    /// The embedding matrix for <paramref name="wordIndex"/>: row i is the vector of the word whose index is i, for
    /// every index below <paramref name="numWords"/>; rows of words the file lacks (and row 0, the padding index of a
    /// <see cref="Tokenizer"/>) stay zero. Feed it to an Embedding layer of input size numWords and output size dim.
    /// </summary>
    /// <param name="path">A GloVe text file, plain or gzipped.</param>
    /// <param name="wordIndex">Word → index, e.g. <see cref="Tokenizer.WordIndex"/>. Keras: <c>word_index</c>.</param>
    /// <param name="numWords">Rows of the matrix; words with an index ≥ this are skipped. Keras:
    /// <c>max_words</c>.</param>
    /// <param name="dim">The vector size; every line of the file must have exactly this many values. Keras:
    /// <c>embedding_dim</c>.</param>
    /// <returns>A float32 tensor of shape (numWords, dim). Built only after the whole file was read: an error leaves
    /// nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="wordIndex"/> is
    /// null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numWords"/> or <paramref name="dim"/> is less than
    /// 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="wordIndex"/> holds a negative index, or the matrix is too
    /// large.</exception>
    /// <exception cref="DataFormatException">A malformed line, including one with a number of values other than
    /// dim.</exception>
    public static Tensor<float> LoadMatrix(
        string path, IReadOnlyDictionary<string, int> wordIndex, int numWords, int dim)
    {
        WordVectorInput.ValidateMatrixArguments(path, wordIndex, numWords, dim, "GloVe");
        return WordVectorInput.FillMatrix(ReadLines(path, dim, Utf8Decoding.Strict), wordIndex, numWords, dim, path);
    }

    private static IEnumerable<(string Word, float[] Vector)> ReadLines(string path, int? dim, Utf8Decoding utf8)
    {
        using var stream = WordVectorInput.Open(path, out _);
        var lines = new Formats.Utf8Lines(stream, path, utf8);
        string dimSource = dim is null ? "the dimension of line 1" : "the dimension asked for";
        while (lines.ReadLine() is { } line)
        {
            var (word, vector) = ParseLine(line, (int)lines.LineNumber, dim, dimSource, path);
            dim ??= vector.Length;
            yield return (word, vector);
        }
        // An empty file is no set of word vectors; a cut-off one is caught by the gzip check or by its last line.
        if (lines.LineNumber == 0)
            throw new DataFormatException(path, "end of file", "the file holds no word vectors (it is empty)");
    }

    /// <summary>"word v1 … vd" → (word, [v1 … vd]); with <paramref name="dim"/> null any count ≥ 1 is
    /// accepted.</summary>
    private static (string Word, float[] Vector) ParseLine(
        string line, int lineNumber, int? dim, string dimSource, string source)
    {
        var text = line.AsSpan().TrimEnd(" \r");
        if (text.IsEmpty)
            throw new DataFormatException(source, $"line {lineNumber}",
                $"the line is empty; expected a word followed by {dim?.ToString() ?? "its"} values");
        int space = text.IndexOf(' ');
        if (space == 0)
            throw new DataFormatException(source, $"line {lineNumber}",
                $"the line starts with a space, so its word is empty");
        string word = (space < 0 ? text : text[..space]).ToString();
        var rest = space < 0 ? ReadOnlySpan<char>.Empty : text[(space + 1)..];

        // Count first, so a wrong line is reported with both dimensions before anything is parsed or allocated.
        int count = rest.IsEmpty ? 0 : rest.Count(' ') + 1;
        if (dim is int expected ? count != expected : count == 0)
            throw new DataFormatException(source, $"line {lineNumber}", $"the word '{word}' has {count} values; " +
                $"expected {dim?.ToString() ?? "at least 1"}" + (dim is null ? "" : $" ({dimSource})"));

        var vector = new float[count];
        int k = 0;
        foreach (var range in rest.Split(' '))
        {
            var field = rest[range];
            // float.TryParse gives ±∞ for 1e999 and accepts NaN and Infinity: none is a word vector's value.
            if (!float.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out vector[k])
                || !float.IsFinite(vector[k]))
                throw new DataFormatException(source, $"line {lineNumber}, value {k + 1} of {count}",
                    $"'{field}' (word '{word}') is not a finite float32 number");
            k++;
        }
        return (word, vector);
    }
}
