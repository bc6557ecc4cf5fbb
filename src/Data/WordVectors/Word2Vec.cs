using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using DeepSeq.Data.Formats;

namespace DeepSeq.Data.WordVectors;

/// <summary>
/// Reads word vectors in word2vec's binary format (Google's <c>GoogleNews-vectors-negative300.bin</c>, gensim's
/// <c>save_word2vec_format(binary=True)</c>), plain or gzipped, and builds the embedding matrix for a word index.
/// </summary>
/// <remarks>
/// <para>The layout:</para>
/// <code>
/// "3000000 300\n"                      header: vocabulary size and dimension, ASCII, one line
/// "in" ' ' 300 × float32 little-endian  one record per word: its UTF-8 bytes up to a space, then the vector
/// "\n"                                  optional; newlines before a word are skipped (as gensim does)
/// …
/// </code>
/// <para>The header is a claim, not a fact: before anything is read, the bytes it implies (at least 2 + 4·dim per
/// word: one byte of word, the space, the floats) are compared with what a plain file holds, so a lying header ends in
/// a <see cref="DataFormatException"/>, never in an <see cref="OutOfMemoryException"/>. A gzipped file's length is
/// unknown in advance; there the vector buffer grows only as real bytes arrive (see
/// <c>FormatInput.ReadExactly</c>).</para>
/// <para>Errors are <see cref="DataFormatException"/>s whose message starts with the file name and gives the
/// record number: a bad header, a truncated record, a word that is empty or not UTF-8, bytes other than newlines
/// after the last record, a damaged gzip stream.</para>
/// </remarks>
public static class Word2Vec
{
    // The header is two numbers and a newline: anything longer is not a word2vec header.
    private const int MaxHeaderBytes = 64;
    private static readonly UTF8Encoding StrictUtf8 =
        new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The (word, vector) pairs of the binary file at <paramref name="path"/>, in file order, read lazily: one record
    /// per step of the enumeration; the file is opened when the enumeration starts and closed when it ends.
    /// </summary>
    /// <param name="path">A word2vec binary file, plain or gzipped.</param>
    /// <remarks>Being lazy, the enumeration yields the records before a bad one and throws when it reaches it; use
    /// <see cref="LoadMatrix"/> (or <c>ToList()</c>) to get all or nothing.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="DataFormatException">During enumeration: a malformed file (see the class remarks).</exception>
    public static IEnumerable<(string Word, float[] Vector)> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return ReadRecords(path);
    }

    /// <summary>
    /// The embedding matrix for <paramref name="wordIndex"/>: row i is the vector of the word whose index is i, for
    /// every index below <paramref name="numWords"/>; rows of words the file lacks stay zero. Same alignment as
    /// <see cref="GloVe.LoadMatrix"/>.
    /// </summary>
    /// <param name="path">A word2vec binary file, plain or gzipped.</param>
    /// <param name="wordIndex">Word → index, e.g. <see cref="Tokenizer.WordIndex"/>. Keras: <c>word_index</c>.</param>
    /// <param name="numWords">Rows of the matrix; words with an index ≥ this are skipped. Keras:
    /// <c>max_words</c>.</param>
    /// <param name="dim">The vector size; must equal the header's. Keras: <c>embedding_dim</c>.</param>
    /// <returns>A float32 tensor of shape (numWords, dim). Built only after the whole file was read: an error leaves
    /// nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="wordIndex"/> is
    /// null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="numWords"/> or <paramref name="dim"/> is less than
    /// 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="wordIndex"/> holds a negative index, or the matrix is too
    /// large.</exception>
    /// <exception cref="DataFormatException">A malformed file, or a header whose dimension is not
    /// <paramref name="dim"/>.</exception>
    public static Tensor<float> LoadMatrix(
        string path, IReadOnlyDictionary<string, int> wordIndex, int numWords, int dim)
    {
        WordVectorInput.ValidateMatrixArguments(path, wordIndex, numWords, dim, "Word2Vec");
        return WordVectorInput.FillMatrix(ReadRecords(path, dim), wordIndex, numWords, dim, path);
    }

    private static IEnumerable<(string Word, float[] Vector)> ReadRecords(string path, int? expectedDim = null)
    {
        using var stream = WordVectorInput.Open(path, out long? remaining);
        var (vocab, dim, headerBytes) = Guard(path, "the header", () => ReadHeader(stream, path));
        if (expectedDim is int asked && asked != dim)
            throw new DataFormatException(path, "header",
                $"the header says the vectors have {dim} dimensions, but dim = {asked} was asked for");
        if (remaining is long size)
        {
            long left = size - headerBytes, need;
            try { need = checked(vocab * (2 + 4L * dim)); }
            catch (OverflowException) { need = long.MaxValue; }
            if (need > left)
                throw new DataFormatException(path, "header",
                    $"the header claims {vocab} words of {dim} dimensions, which need at least " +
                    $"{(need == long.MaxValue ? "2⁶³" : need.ToString())} bytes " +
                    $"(a 1-byte word, a space and {4L * dim} bytes of floats each), " +
                    $"but only {left} remain in the file");
        }

        byte[]? raw = null;   // the vector's bytes, reused from one record to the next
        var wordBytes = new List<byte>();
        for (long k = 1; k <= vocab; k++)
        {
            long number = k;
            string word = Guard(path, $"word {k}", () => ReadWord(stream, wordBytes, number, vocab, path));
            raw = Guard(path, $"word {k}",
                () => ReadVectorBytes(stream, raw, dim, remaining, word, number, vocab, path));
            var vector = new float[dim];
            for (int j = 0; j < dim; j++) vector[j] = BinaryPrimitives.ReadSingleLittleEndian(raw.AsSpan(4 * j));
            yield return (word, vector);
        }
        Guard(path, "the end", () => ExpectOnlyNewlines(stream, vocab, path));
    }

    /// <summary>Runs <paramref name="read"/>, renaming GZipStream's anonymous errors so they name the file.</summary>
    private static T Guard<T>(string path, string where, Func<T> read)
    {
        try { return read(); }
        catch (Exception e) when (WordVectorInput.IsForeignIoError(e, path))
        {
            throw new DataFormatException(path, where, $"damaged gzip stream while reading {where}: {e.Message}", e);
        }
    }

    /// <summary>"vocab_size dim\n" → the two numbers and the header's length in bytes.</summary>
    private static (long Vocab, int Dim, int Bytes) ReadHeader(Stream stream, string path)
    {
        var header = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            header.Add((byte)b);
            if (header.Count > MaxHeaderBytes)
                throw new DataFormatException(path, "header", $"not a word2vec binary file: the first line should be " +
                    $"'vocab_size dim', but it is longer than {MaxHeaderBytes} bytes");
        }
        string text = Encoding.ASCII.GetString(CollectionsMarshal.AsSpan(header)).Trim();
        if (b < 0 && header.Count == 0)
            throw new DataFormatException(path, "end of file",
                $"the file is empty; expected a word2vec header 'vocab_size dim'");
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (b < 0 || parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long vocab)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int dim) || dim < 1)
            throw new DataFormatException(path, "header",
                $"not a word2vec binary file: the first line should be 'vocab_size dim' (two whole numbers, " +
                $"dim >= 1, then a newline), found '{text}'");
        return (vocab, dim, header.Count + 1);
    }

    /// <summary>The UTF-8 bytes up to the next space, after skipping the newlines that may end the previous
    /// record.</summary>
    private static string ReadWord(Stream stream, List<byte> bytes, long k, long vocab, string path)
    {
        bytes.Clear();
        int b;
        while ((b = stream.ReadByte()) == '\n') { }
        for (; b >= 0 && b != ' '; b = stream.ReadByte()) bytes.Add((byte)b);
        if (b < 0)
            throw new DataFormatException(path, "end of file", bytes.Count == 0
                ? $"truncated: the header announced {vocab} words, but the file ends after {k - 1}"
                : $"truncated: word {k} of {vocab} " +
                    $"('{Encoding.UTF8.GetString(CollectionsMarshal.AsSpan(bytes))}…') ends before the space that " +
                    "follows a word");
        if (bytes.Count == 0)
            throw new DataFormatException(path, $"word {k}",
                $"word {k} of {vocab} is empty (a space where its first byte should be)");
        try { return StrictUtf8.GetString(CollectionsMarshal.AsSpan(bytes)); }
        catch (DecoderFallbackException)
        {
            throw new DataFormatException(path, $"word {k}", $"word {k} of {vocab} is not valid UTF-8 (bytes " +
                $"{Convert.ToHexString(CollectionsMarshal.AsSpan(bytes))})");
        }
    }

    /// <summary>The 4·dim bytes of one vector, into <paramref name="buffer"/> (allocated on the first call).</summary>
    private static byte[] ReadVectorBytes(
        Stream stream, byte[]? buffer, int dim, long? remaining, string word, long k, long vocab, string path)
    {
        string what = $"vector of word {k} of {vocab} ('{word}')";
        // First record: with the length unknown (gzip) FormatInput grows the buffer only as real bytes arrive, so a
        // header claiming a huge dim cannot make us allocate it. A plain file was checked against the header already.
        if (buffer is null)
            return FormatInput.ReadExactly(stream, 4L * dim, remaining is null ? null : long.MaxValue, path, what);
        int filled = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        if (filled < buffer.Length)
            throw new DataFormatException(path, "end of file",
                $"truncated: the {what} needs {buffer.Length} bytes but the file ends after {filled}");
        return buffer;
    }

    /// <summary>
    /// After the last record only newlines may follow; anything else means the header's count is wrong.
    /// </summary>
    private static bool ExpectOnlyNewlines(Stream stream, long vocab, string path)
    {
        int b;
        while ((b = stream.ReadByte()) >= 0)
            if (b is not ('\n' or '\r' or ' '))
                throw new DataFormatException(path, "end of file",
                    $"more data follows the {vocab} words the header announced; the header's count is wrong");
        return true;
    }
}
