using DeepSeq.Data;
using DeepSeq.Data.Imdb;
using Xunit;
using DeepSeq.Tests.Data.Formats;
using static DeepSeq.Tests.Data.Formats.FormatWriters;

namespace DeepSeq.Tests.Data.Imdb;

/// <summary>
/// <see cref="ImdbNpz"/> on synthetic archives written with <see cref="Npz"/>: the padded int layout, and Keras's
/// pickled object arrays in every pickle flavour NumPy writes (built by <see cref="PickleWriter"/>).
/// </summary>
public sealed class ImdbNpzTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-imdbnpz-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private string Write(byte[] bytes)
    {
        string path = Path.Combine(_dir, $"imdb{Guid.NewGuid():N}.npz");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static byte[] Int32(long[] shape, params double[] values) => Npy("<i4", shape, Encode('i', 4, false, values));
    private static byte[] Int64(long[] shape, params double[] values) => Npy("<i8", shape, Encode('i', 8, false, values));

    /// <summary>
    /// A valid archive: train pre-padded (Keras's default), test post-padded, int32 reviews and int64 labels
    /// (what np.savez writes for Keras's label arrays).
    /// </summary>
    internal static byte[] Padded(bool compressed = true) => Npz(compressed,
        ("x_train", Int32([3, 4], PaddedTrain)),
        ("y_train", Int64([3], 1, 0, 1)),
        ("x_test", Int32([2, 3], 1, 5, 0, /**/ 1, 0, 0)),
        ("y_test", Int64([2], 0, 1)));

    private static readonly double[] PaddedTrain = [0, 0, 1, 14, /**/ 1, 22, 16, 43, /**/ 0, 1, 2, 530];

    /// <summary>Issue 15: a member whose bytes changed (here word 22 of the second review became another index)
    /// loaded as other reviews, because nothing checked its CRC-32.</summary>
    [Fact]
    public void ImdbNpzMemberWithChangedBytesIsRefused()
    {
        byte[] npz = Padded(compressed: false);
        int data = npz.AsSpan().IndexOf(Encode('i', 4, false, PaddedTrain));
        Assert.True(data >= 0, "x_train is not stored as is");
        npz[data + 5 * 4] ^= 0x01;
        string path = Write(npz);
        var e = Assert.Throws<DataFormatException>(() => ImdbNpz.Load(path));
        Assert.Equal($"{path}!x_train.npy", e.Path);
        Assert.Contains("CRC-32", e.Reason);
    }

    [Fact]
    public void DropsPaddingOnEitherSideAndKeepsLabels()
    {
        var (train, test) = ImdbNpz.Load(Write(Padded()));

        Assert.Equal(3, train.Count);
        Assert.Equal([1, 14], train.Sequences[0]);
        Assert.Equal([1, 22, 16, 43], train.Sequences[1]);
        Assert.Equal([1, 2, 530], train.Sequences[2]);
        Assert.Equal([1, 0, 1], train.Labels);

        Assert.Equal(2, test.Count);
        Assert.Equal([1, 5], test.Sequences[0]);
        Assert.Equal([1], test.Sequences[1]);
        Assert.Equal([0, 1], test.Labels);
    }

    /// <summary>An object-array .npy as np.save writes it: the '|O' header, then the pickle of the rows.</summary>
    private static byte[] Ragged(long[][] rows, int protocol = 3, bool python2 = false, string multiarray = "numpy.core.multiarray")
        => Npy("|O", [rows.Length], PickleWriter.ObjectArray(rows, protocol, python2, multiarray));

    /// <summary>
    /// Keras's own layout: x_* object arrays of Python lists (of different lengths, one empty), pickled with protocol 3
    /// by NumPy 1, and int64 labels; stored uncompressed as np.savez writes it (so a fuzzer's flipped bytes reach the pickle).
    /// </summary>
    internal static byte[] Pickled() => Npz(false,
        ("x_train", Ragged([[1, 14, 22, 16], [1, 2, 530, 973, 1622, 65536, 88585], [1]])),
        ("y_train", Int64([3], 1, 0, 1)),
        ("x_test", Ragged([[1, 591, 202], []])),
        ("y_test", Int64([2], 0, 1)));

    [Fact]
    public void ReadsKerasPickledRaggedLayout()
    {
        var (train, test) = ImdbNpz.Load(Write(Pickled()));

        Assert.Equal(3, train.Count);
        Assert.Equal([1, 14, 22, 16], train.Sequences[0]);
        Assert.Equal([1, 2, 530, 973, 1622, 65536, 88585], train.Sequences[1]);
        Assert.Equal([1], train.Sequences[2]);
        Assert.Equal([1, 0, 1], train.Labels);

        Assert.Equal(2, test.Count);
        Assert.Equal([1, 591, 202], test.Sequences[0]);
        Assert.Empty(test.Sequences[1]);
        Assert.Equal([0, 1], test.Labels);
    }

    [Theory]
    [InlineData(2, true, "numpy.core.multiarray")]     // Python 2's np.save: protocol 2, str and long opcodes
    [InlineData(2, false, "numpy.core.multiarray")]    // Python 3 with protocol 2: b'b' as _codecs.encode
    [InlineData(4, false, "numpy._core.multiarray")]   // NumPy 2 pickled at protocol 4: FRAME, STACK_GLOBAL, MEMOIZE
    [InlineData(5, false, "numpy._core.multiarray")]
    public void ReadsEveryPickleFlavourAndMixesLayouts(int protocol, bool python2, string multiarray)
    {
        // x_train ragged in the given flavour, x_test in the padded layout: each split is read by its own dtype.
        string path = Write(Npz(false,
            ("x_train", Ragged([[1, 5, 300], [], [1, 70000]], protocol, python2, multiarray)), ("y_train", Int64([3], 0, 1, 1)),
            ("x_test", Int32([1, 3], 0, 1, 9)), ("y_test", Int64([1], 1))));

        var (train, test) = ImdbNpz.Load(path);
        Assert.Equal([1, 5, 300], train.Sequences[0]);
        Assert.Empty(train.Sequences[1]);
        Assert.Equal([1, 70000], train.Sequences[2]);
        Assert.Equal([1, 9], test.Sequences[0]);
    }

    [Fact]
    public void AMaliciousPickleIsRefusedNamingTheMember()
    {
        // x_train's pickle calls os.system: refused at the GLOBAL, 2 bytes after the 128-byte .npy header.
        byte[] exploit = Npy("|O", [1], [0x80, 2, 0x63, .. "os\nsystem\n"u8, 0x85, 0x52, 0x2E]);
        string path = Write(Npz(true, ("x_train", exploit), ("y_train", Int64([1], 0)), ("x_test", Ragged([[1]])), ("y_test", Int64([1], 1))));

        var e = Assert.Throws<DataFormatException>(() => ImdbNpz.Load(path));
        Assert.StartsWith($"{path}!x_train.npy: ", e.Message);
        Assert.Contains("GLOBAL (0x63) at byte offset 130 names the global 'os.system'", e.Message);
    }

    [Fact]
    public void RaggedReviewsAreCheckedAgainstTheirLabels()
    {
        // Three reviews, two labels.
        string labels = Write(Npz(false, ("x_train", Ragged([[1], [1, 4], [1, 5]])), ("y_train", Int64([2], 0, 1)),
            ("x_test", Ragged([[1]])), ("y_test", Int64([1], 0))));
        Assert.Contains("'y_train' must be a 1-D int array of 3 labels", Assert.Throws<DataFormatException>(() => ImdbNpz.Load(labels)).Message);

        // A negative index.
        string negative = Write(Npz(false, ("x_train", Ragged([[1], [1, -4]])), ("y_train", Int64([2], 0, 1)),
            ("x_test", Ragged([[1]])), ("y_test", Int64([1], 0))));
        Assert.Contains("x_train[1] holds the negative index -4", Assert.Throws<DataFormatException>(() => ImdbNpz.Load(negative)).Message);

        // A truncated pickle (the first bytes of one).
        string truncated = Write(Npz(false, ("x_train", Npy("|O", [2], [0x80, 0x02, 0x63, 0x6E, 0x75, 0x6D])), ("y_train", Int64([2], 0, 1)),
            ("x_test", Ragged([[1]])), ("y_test", Int64([1], 0))));
        var cut = Assert.Throws<DataFormatException>(() => ImdbNpz.Load(truncated));
        Assert.StartsWith($"{truncated}!x_train.npy: ", cut.Message);
        Assert.Contains("truncated", cut.Message);
    }

    [Fact]
    public void AMissingArrayIsNamed()
    {
        string path = Write(Npz(false, ("x_train", Int32([1, 2], 1, 4)), ("y_train", Int64([1], 1)), ("x_test", Int32([1, 2], 1, 4))));

        var e = Assert.Throws<DataFormatException>(() => ImdbNpz.Load(path));
        Assert.StartsWith($"{path}: zip directory: the archive has no 'y_test' array", e.Message);
    }

    [Fact]
    public void WrongShapesAndTypesAreRefused()
    {
        // x_train flat (1-D): the offsets layout is not read.
        string flat = Write(Npz(false, ("x_train", Int32([3], 1, 4, 5)), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([1], 0))));
        Assert.Contains("'x_train' must be an object array of lists (Keras's imdb.npz) or a 2-D int array", Assert.Throws<DataFormatException>(() => ImdbNpz.Load(flat)).Message);

        // float reviews.
        string floats = Write(Npz(false, ("x_train", Npy("<f4", [1, 2], Encode('f', 4, false, [1, 4]))), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([1], 0))));
        Assert.Contains("'x_train' must be an object array of lists (Keras's imdb.npz) or a 2-D int array", Assert.Throws<DataFormatException>(() => ImdbNpz.Load(floats)).Message);

        // two labels for one review.
        string labels = Write(Npz(false, ("x_train", Int32([1, 2], 1, 4)), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([2], 0, 1))));
        Assert.Contains("'y_test' must be a 1-D int array of 1 labels", Assert.Throws<DataFormatException>(() => ImdbNpz.Load(labels)).Message);

        // a negative index.
        string negative = Write(Npz(false, ("x_train", Int32([1, 2], 1, -4)), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([1], 0))));
        Assert.Contains("x_train[0] holds the negative index -4", Assert.Throws<DataFormatException>(() => ImdbNpz.Load(negative)).Message);
    }

    [Fact]
    public void NotAZipIsRefused()
    {
        string path = Write("not a zip at all"u8.ToArray());
        var e = Assert.Throws<DataFormatException>(() => ImdbNpz.Load(path));
        Assert.StartsWith(path, e.Message);
    }
}
