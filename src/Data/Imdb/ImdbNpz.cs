using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using DeepSeq.Data.Formats;

namespace DeepSeq.Data.Imdb;

/// <summary>
/// The IMDB reviews as word-index sequences read from an <c>imdb.npz</c> archive: the form Keras's
/// <c>imdb.load_data</c> works from, one list of indices per review and a 0/1 label.
/// </summary>
/// <remarks>
/// <para><b>Which files can be read.</b> The archive must hold four arrays, <c>x_train</c>, <c>y_train</c>,
/// <c>x_test</c> and <c>y_test</c>, in the one layout DeepSeq reads:</para>
/// <code>
/// x_train, x_test   int (i1 … i8, u1, u2), shape (N, maxlen): one review per row, padded with 0
/// y_train, y_test   int, shape (N,): 0 = negative, 1 = positive
/// </code>
/// <para>That is what <c>np.savez("imdb_padded.npz", x_train=pad_sequences(x_train), y_train=y_train, …)</c> writes.
/// Index 0 is Keras's padding index and never a word (<see cref="ImdbWordIndex.PaddingIndex"/>), so every 0 in a
/// row is padding wherever it stands: <see cref="Load"/> drops them all, which undoes both <c>padding="pre"</c> and
/// <c>padding="post"</c>. A review longer than <c>maxlen</c> was already truncated when the file was written.</para>
/// <para><b>Keras's own <c>imdb.npz</c> cannot be read.</b> Its reviews have different lengths, so NumPy stored
/// <c>x_train</c> and <c>x_test</c> as <i>object</i> arrays (dtype <c>|O</c>): each element is a Python list,
/// serialised with Python's pickle protocol. Decoding that means implementing pickle's virtual machine, which DeepSeq
/// does not do (and unpickling untrusted data can run arbitrary code in Python). Such a file is refused with a
/// <see cref="NotSupportedException"/> naming it and saying how to convert it once in Python.</para>
/// <para>What goes wrong, and what is thrown (every message starts with the file name):</para>
/// <list type="bullet">
///   <item><see cref="NotSupportedException"/>: <c>x_train</c> or <c>x_test</c> is an object array (Keras's file);
///   anything <see cref="NpzReader"/> refuses as not supported.</item>
///   <item><see cref="InvalidDataException"/>: a damaged archive or member (see <see cref="NpzReader"/>); one of the
///   four arrays missing; an <c>x_*</c> that is not a 2-D int array; a <c>y_*</c> that is not a 1-D int array of one
///   label per row; a negative index.</item>
/// </list>
/// </remarks>
public static class ImdbNpz
{
    /// <summary>The arrays the archive must hold.</summary>
    public static readonly IReadOnlyList<string> Keys = ["x_train", "y_train", "x_test", "y_test"];

    /// <summary>Reads the train and test splits from the padded .npz at <paramref name="path"/> (see remarks for the layout).</summary>
    /// <returns>For each split, one index sequence per review (padding removed) and its label.</returns>
    public static (ImdbSequences Train, ImdbSequences Test) Load(string path)
    {
        RefuseObjectArrays(path);
        var arrays = NpzReader.Read(path);
        foreach (string key in Keys)
            if (!arrays.ContainsKey(key))
                throw new InvalidDataException($"{path}: the archive has no '{key}' array; expected {string.Join(", ", Keys)} (found {string.Join(", ", arrays.Keys)})");
        return (Split(path, arrays, "train"), Split(path, arrays, "test"));
    }

    /// <summary>
    /// Looks at the header of <c>x_train.npy</c> and <c>x_test.npy</c> before anything is decoded: an object array
    /// is Keras's pickled file, which deserves its own explanation rather than NpyReader's generic "unsupported dtype".
    /// </summary>
    private static void RefuseObjectArrays(string path)
    {
        ZipArchive zip;
        try { zip = ZipFile.OpenRead(path); }
        catch (InvalidDataException e) { throw new InvalidDataException($"{path}: not a .npz (zip) archive: {e.Message}", e); }
        using (zip)
        {
            foreach (string key in (string[])["x_train", "x_test"])
            {
                var entry = zip.GetEntry(key + ".npy");
                if (entry is null) continue;   // reported by Load with the list of keys found
                string? descr = ReadDescr(entry);
                if (descr is not null && descr.Length >= 2 && descr[1] == 'O')
                    throw new NotSupportedException(
                        $"{path}: '{key}' is a NumPy object array (dtype '{descr}'): each review is a pickled Python list, "
                        + "which is how Keras's own imdb.npz stores reviews of different lengths. DeepSeq has no pickle decoder. "
                        + "Convert it once in Python: x = keras.utils.pad_sequences(np.load(f, allow_pickle=True)['x_train']), "
                        + "then np.savez(out, x_train=x, y_train=…, x_test=…, y_test=…), and load that file.");
            }
        }
    }

    /// <summary>The <c>descr</c> of a .npy member, or null when its header cannot be read (NpzReader then reports why).</summary>
    private static string? ReadDescr(ZipArchiveEntry entry)
    {
        try
        {
            using var stream = entry.Open();
            // Magic (6), version (2), header length (2 in v1, 4 in v2/v3), then the header dict; see NpyReader.
            var prefix = new byte[12];
            if (stream.ReadAtLeast(prefix, 12, throwOnEndOfStream: false) < 12 || prefix[0] != 0x93) return null;
            bool v1 = prefix[6] == 1;
            long length = v1 ? BinaryPrimitives.ReadUInt16LittleEndian(prefix.AsSpan(8)) : BinaryPrimitives.ReadUInt32LittleEndian(prefix.AsSpan(8));
            if (length > 1 << 20) return null;   // a lying length: NpzReader will say so
            var header = new byte[length];
            int have = (int)Math.Min(v1 ? 2 : 0, length);   // in v1 the last two prefix bytes already belong to the header
            prefix.AsSpan(10, have).CopyTo(header);
            if (have < length && stream.ReadAtLeast(header.AsSpan(have), (int)length - have, throwOnEndOfStream: false) < length - have) return null;
            string text = (prefix[6] == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(header);
            return NpyReader.ParseHeader(text).DType;
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            return null;
        }
    }

    private static ImdbSequences Split(string path, IReadOnlyDictionary<string, LoadedArray> arrays, string split)
    {
        LoadedArray x = arrays["x_" + split], y = arrays["y_" + split];
        if (x.Shape.Rank != 2 || x.ElementType != typeof(int))
            throw new InvalidDataException($"{path}: 'x_{split}' must be a 2-D int array (reviews × maxlen, padded with 0), found dtype '{x.DType}' of shape ({string.Join(", ", x.Shape.Dims.ToArray())})");
        if (y.Shape.Rank != 1 || y.ElementType != typeof(int) || y.Shape[0] != x.Shape[0])
            throw new InvalidDataException($"{path}: 'y_{split}' must be a 1-D int array of {x.Shape[0]} labels (one per row of x_{split}), found dtype '{y.DType}' of shape ({string.Join(", ", y.Shape.Dims.ToArray())})");

        int rows = x.Shape[0], maxLen = x.Shape[1];
        int[] flat = x.As<int>().ToArray();
        var sequences = new int[rows][];
        for (int r = 0; r < rows; r++)
        {
            var row = flat.AsSpan(r * maxLen, maxLen);
            var words = new List<int>(maxLen);
            foreach (int index in row)
            {
                if (index < 0) throw new InvalidDataException($"{path}: x_{split}[{r}] holds the negative index {index}");
                if (index != ImdbWordIndex.PaddingIndex) words.Add(index);
            }
            sequences[r] = [.. words];
        }
        return new ImdbSequences(sequences, y.As<int>().ToArray());
    }
}

/// <summary>One split of <see cref="ImdbNpz"/>: parallel arrays, one entry per review.</summary>
/// <param name="Sequences">Each review's word indices in Keras's convention (1 = start, 2 = out of vocabulary, rank + 3), padding removed.</param>
/// <param name="Labels">0 = negative, 1 = positive.</param>
public sealed record ImdbSequences(int[][] Sequences, int[] Labels)
{
    /// <summary>The number of reviews.</summary>
    public int Count => Labels.Length;
}
