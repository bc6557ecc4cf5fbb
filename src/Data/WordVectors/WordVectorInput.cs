namespace DeepSeq.Data.WordVectors;

/// <summary>
/// What the GloVe and word2vec readers share: opening a file that may be gzipped, and filling an embedding matrix
/// aligned to a word index (the recipe of Chollet, <i>Deep Learning with Python</i>, §6.1).
/// </summary>
internal static class WordVectorInput
{
    /// <summary>
    /// Opens <paramref name="path"/> for reading, decompressing on the fly when it starts with the gzip magic
    /// bytes 1F 8B (the name does not matter). <paramref name="remaining"/> is the number of bytes the file holds
    /// when that is known (a plain file), null for a gzip stream, whose decompressed length is unknown in advance.
    /// </summary>
    internal static Stream Open(string path, out long? remaining)
    {
        var file = File.OpenRead(path);
        try
        {
            int b0 = file.ReadByte(), b1 = b0 < 0 ? -1 : file.ReadByte();
            file.Position = 0;
            if (b0 == 0x1F && b1 == 0x8B)
            {
                remaining = null;
                // The trailer (CRC-32, length) is checked at the end. Buffered: ReadByte through GZipStream is slow.
                return new BufferedStream(Formats.GzipInput.Open(file, path), 1 << 16);
            }
            remaining = file.Length;
            return file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Re-throws GZipStream's complaints about a damaged stream (bad deflate data, wrong CRC), which do not name the
    /// file, as a <see cref="DataFormatException"/> that does. Our own errors already start with the name.
    /// </summary>
    internal static bool IsForeignIoError(Exception e, string source)
        => e is IOException or InvalidDataException && !e.Message.StartsWith(source, StringComparison.Ordinal);

    /// <summary>
    /// A (numWords × dim) matrix whose row i is the vector of the word with index i, for every word of
    /// <paramref name="records"/> found in <paramref name="wordIndex"/> with an index below
    /// <paramref name="numWords"/>. Rows of words absent from the file stay zero. The tensor is created only after the
    /// whole file was read, so an error leaves nothing half-loaded.
    /// </summary>
    /// <remarks>
    /// Keras's recipe walks <c>word_index</c> and looks each word up in a dict built from the whole file; here the file
    /// is streamed once and each word is looked up in the index instead, so only the matrix is held in memory. The
    /// result is the same, including for a word listed twice in the file: the later vector wins, as it would in a dict.
    /// </remarks>
    internal static Tensor<float> FillMatrix(
        IEnumerable<(string Word, float[] Vector)> records, IReadOnlyDictionary<string, int> wordIndex,
        int numWords, int dim, string source)
    {
        var matrix = new float[checked((long)numWords * dim)];
        foreach (var (word, vector) in records)
        {
            if (vector.Length != dim)
                throw new DataFormatException(source, "line 1",
                    $"the vectors have {vector.Length} dimensions, but dim = {dim} was asked for");
            if (wordIndex.TryGetValue(word, out int i) && i < numWords)
                vector.CopyTo(matrix, (long)i * dim);
        }
        return Tensor.FromArray<float>(matrix, new Shape(numWords, dim));
    }

    /// <summary>The argument checks both LoadMatrix methods make before touching the file.</summary>
    internal static void ValidateMatrixArguments(
        string path, IReadOnlyDictionary<string, int> wordIndex, int numWords, int dim, string caller)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(wordIndex);
        ArgumentOutOfRangeException.ThrowIfLessThan(numWords, 1, nameof(numWords));
        ArgumentOutOfRangeException.ThrowIfLessThan(dim, 1, nameof(dim));
        if ((long)numWords * dim > Array.MaxLength)
            throw new ArgumentException(
                $"{caller}: a {numWords} × {dim} matrix has more elements than a .NET array can hold");
        // Python would index a negative row from the end; here it is a mistake in the index.
        foreach (var (word, i) in wordIndex)
            if (i < 0)
                throw new ArgumentException($"{caller}: the word index gives '{word}' the negative index {i}; " +
                    "indices are >= 0", nameof(wordIndex));
    }
}
