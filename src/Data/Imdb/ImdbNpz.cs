using System.IO.Compression;
using DeepSeq.Data.Formats;

namespace DeepSeq.Data.Imdb;

/// <summary>
/// The IMDB reviews as word-index sequences read from an <c>imdb.npz</c> archive: the form Keras's
/// <c>imdb.load_data</c> works from, one list of indices per review and a 0/1 label.
/// </summary>
/// <remarks>
/// <para><b>Which files can be read.</b> The archive must hold four arrays, <c>x_train</c>, <c>y_train</c>,
/// <c>x_test</c> and <c>y_test</c>. The labels are 1-D int arrays (0 = negative, 1 = positive), one per review.
/// The reviews come in either of two layouts, each <c>x_*</c> independently:</para>
/// <code>
/// ragged  dtype object (|O), shape (N,): one Python list of ints per review, pickled
///         (Keras's own imdb.npz)
/// padded  int (i1 … i8, u1, u2), shape (N, maxlen): one review per row, padded with 0
///         (np.savez(f, x_train=pad_sequences(x), …))
/// </code>
/// <para><b>Ragged</b> is what Keras downloads: its reviews have different lengths, so NumPy stored them as an
/// object array, whose data is a pickle. <see cref="PickleReader"/> decodes it without running any Python code
/// (a pickle naming anything but NumPy's array machinery is refused), and the lists are returned as stored.</para>
/// <para><b>Padded</b>: index 0 is Keras's padding index and never a word (<see cref="ImdbWordIndex.PaddingIndex"/>),
/// so every 0 in a row is padding wherever it stands: <see cref="Load"/> drops them all, which undoes both
/// <c>padding="pre"</c> and <c>padding="post"</c>. A review longer than <c>maxlen</c> was already truncated when the
/// file was written.</para>
/// <para>Keras's <c>load_data</c> options (<c>num_words</c>, <c>skip_top</c>, <c>maxlen</c>, <c>index_from</c>, the
/// shuffle with seed 113) are not applied here: the sequences come back as the file stores them, already in Keras's
/// index convention (1 = start, 2 = out of vocabulary, rank + 3).</para>
/// <para>What goes wrong, and what is thrown: always a <see cref="DataFormatException"/> naming the file (and the
/// member, where there is one) and the position:</para>
/// <list type="bullet">
///   <item>a damaged archive: a local header that disagrees with the zip directory, a member whose bytes do not
///   have the CRC-32 or size the directory records (see <see cref="NpzReader"/>), or a damaged member (see
///   <see cref="NpyReader"/> and <see cref="PickleReader"/>);</item>
///   <item>one of the four arrays missing; an <c>x_*</c> that is neither layout; a <c>y_*</c> that is not a 1-D int
///   array of one label per review; a negative index.</item>
/// </list>
/// <para>A pickle this reader will not execute (a foreign global, an unsupported opcode or protocol; see
/// <see cref="PickleReader"/>) and anything <see cref="NpyReader"/> refuses as not supported are refused the same
/// way, the reason saying what DeepSeq does not read.</para>
/// </remarks>
public static class ImdbNpz
{
    /// <summary>The arrays the archive must hold.</summary>
    public static readonly IReadOnlyList<string> Keys = ["x_train", "y_train", "x_test", "y_test"];

    /// <summary>Reads the train and test splits from the .npz at <paramref name="path"/>, ragged or padded (see
    /// remarks).</summary>
    /// <returns>For each split, one index sequence per review (padding removed) and its label.</returns>
    public static (ImdbSequences Train, ImdbSequences Test) Load(string path)
    {
        using var file = File.OpenRead(path);
        return NpzArchive.Read(file, path, zip =>
        {
            var names = zip.Entries
                .Select(e => e.FullName.EndsWith(".npy", StringComparison.Ordinal) ? e.FullName[..^4] : e.FullName)
                .ToList();
            foreach (string key in Keys)
                if (!names.Contains(key))
                    throw new DataFormatException(path, "zip directory",
                        $"the archive has no '{key}' array; expected " +
                        $"{string.Join(", ", Keys)} (found {string.Join(", ", names)})");
            return (Split(path, zip, "train"), Split(path, zip, "test"));
        });
    }

    private static ImdbSequences Split(string path, ZipArchive zip, string split)
    {
        int[][] sequences = ReadReviews(path, zip, "x_" + split);
        LoadedArray y = ReadMember(path, zip, "y_" + split,
            (stream, header, _, left, source) => NpyReader.ReadData(stream, header, left, source));
        if (y.Shape.Rank != 1 || y.ElementType != typeof(int) || y.Shape[0] != sequences.Length)
            throw new DataFormatException(path, $"member y_{split}.npy",
                $"'y_{split}' must be a 1-D int array of {sequences.Length} " +
                $"labels (one per review of x_{split}), found dtype '{y.DType}' of shape " +
                $"({string.Join(", ", y.Shape.Dims.ToArray())})");
        for (int r = 0; r < sequences.Length; r++)
            foreach (int index in sequences[r])
                if (index < 0) throw new DataFormatException(path, $"member x_{split}.npy, row {r}",
                    $"x_{split}[{r}] holds the negative index {index}");
        return new ImdbSequences(sequences, y.As<int>().ToArray());
    }

    /// <summary>One <c>x_*</c> member in either layout: the header's dtype says which.</summary>
    private static int[][] ReadReviews(string path, ZipArchive zip, string key)
        => ReadMember(path, zip, key, (stream, header, dataStart, left, source) => NpyReader.IsObjectDType(header.DType)
            ? NpyReader.ReadIntListData(stream, header, dataStart, left, source)
            : Unpad(path, key, NpyReader.ReadData(stream, header, left, source)));

    /// <summary>Opens the member <c>key.npy</c>, reads its header, and hands the rest to
    /// <paramref name="readData"/>.</summary>
    private static T ReadMember<T>(
        string path, ZipArchive zip, string key, Func<Stream, NpyHeader, long, long?, string, T> readData)
    {
        var entry = zip.GetEntry(key + ".npy") ?? zip.GetEntry(key)!;   // Load has checked that one of them exists
        string source = $"{path}!{entry.FullName}";
        // entry.Length is the size the zip directory declares: it lets a lying .npy header be refused before
        // allocating. ZipMember checks the member's CRC-32 and size afterwards.
        return Formats.ZipMember.Read(entry, source, stream =>
        {
            var (header, dataStart, left) = NpyReader.ReadHeader(stream, entry.Length, source);
            return readData(stream, header, dataStart, left, source);
        });
    }

    /// <summary>The padded layout: every 0 is padding (see remarks), so each row keeps only its non-zero
    /// indices.</summary>
    private static int[][] Unpad(string path, string key, LoadedArray x)
    {
        if (x.Shape.Rank != 2 || x.ElementType != typeof(int))
            throw new DataFormatException(path, $"member {key}.npy",
                $"'{key}' must be an object array of lists (Keras's imdb.npz) or " +
                $"a 2-D int array (reviews × maxlen, padded with 0), found dtype '{x.DType}' of shape " +
                $"({string.Join(", ", x.Shape.Dims.ToArray())})");
        int rows = x.Shape[0], maxLen = x.Shape[1];
        int[] flat = x.As<int>().ToArray();
        var sequences = new int[rows][];
        for (int r = 0; r < rows; r++)
        {
            var words = new List<int>(maxLen);
            foreach (int index in flat.AsSpan(r * maxLen, maxLen))
                if (index != ImdbWordIndex.PaddingIndex) words.Add(index);
            sequences[r] = [.. words];
        }
        return sequences;
    }
}

/// <summary>One split of <see cref="ImdbNpz"/>: parallel arrays, one entry per review.</summary>
/// <param name="Sequences">Each review's word indices in Keras's convention (1 = start, 2 = out of vocabulary, rank +
/// 3), padding removed. A row the pickle refers to twice (the same Python list) is the same array: copy before editing
/// in place.</param>
/// <param name="Labels">0 = negative, 1 = positive.</param>
public sealed record ImdbSequences(int[][] Sequences, int[] Labels)
{
    /// <summary>The number of reviews.</summary>
    public int Count => Labels.Length;
}
