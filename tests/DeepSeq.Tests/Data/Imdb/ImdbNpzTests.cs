using DeepSeq.Data.Imdb;
using Xunit;
using static DeepSeq.Tests.Data.Formats.FormatWriters;

namespace DeepSeq.Tests.Data.Imdb;

/// <summary>
/// <see cref="ImdbNpz"/> on synthetic archives written with <see cref="Npz"/>: the padded int layout it reads, and
/// Keras's pickled object arrays it refuses.
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
    internal static byte[] Padded() => Npz(true,
        ("x_train", Int32([3, 4], 0, 0, 1, 14, /**/ 1, 22, 16, 43, /**/ 0, 1, 2, 530)),
        ("y_train", Int64([3], 1, 0, 1)),
        ("x_test", Int32([2, 3], 1, 5, 0, /**/ 1, 0, 0)),
        ("y_test", Int64([2], 0, 1)));

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

    [Fact]
    public void KerasObjectArraysAreRefusedWithAnExplanation()
    {
        // Keras's imdb.npz: x_* have dtype '|O' and hold a pickle stream (here just its first bytes; never decoded).
        byte[] pickled = Npy("|O", [2], [0x80, 0x02, 0x63, 0x6E, 0x75, 0x6D, 0x70, 0x79]);
        string path = Write(Npz(true, ("x_test", pickled), ("x_train", pickled), ("y_train", Int64([2], 0, 1)), ("y_test", Int64([2], 1, 0))));

        var e = Assert.Throws<NotSupportedException>(() => ImdbNpz.Load(path));
        Assert.StartsWith(path + ": 'x_train' is a NumPy object array (dtype '|O')", e.Message);
        Assert.Contains("pickle", e.Message);
        Assert.Contains("pad_sequences", e.Message);   // says how to convert it
    }

    [Fact]
    public void AMissingArrayIsNamed()
    {
        string path = Write(Npz(false, ("x_train", Int32([1, 2], 1, 4)), ("y_train", Int64([1], 1)), ("x_test", Int32([1, 2], 1, 4))));

        var e = Assert.Throws<InvalidDataException>(() => ImdbNpz.Load(path));
        Assert.StartsWith($"{path}: the archive has no 'y_test' array", e.Message);
    }

    [Fact]
    public void WrongShapesAndTypesAreInvalidData()
    {
        // x_train flat (1-D): the offsets layout is not read.
        string flat = Write(Npz(false, ("x_train", Int32([3], 1, 4, 5)), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([1], 0))));
        Assert.Contains("'x_train' must be a 2-D int array", Assert.Throws<InvalidDataException>(() => ImdbNpz.Load(flat)).Message);

        // float reviews.
        string floats = Write(Npz(false, ("x_train", Npy("<f4", [1, 2], Encode('f', 4, false, [1, 4]))), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([1], 0))));
        Assert.Contains("'x_train' must be a 2-D int array", Assert.Throws<InvalidDataException>(() => ImdbNpz.Load(floats)).Message);

        // two labels for one review.
        string labels = Write(Npz(false, ("x_train", Int32([1, 2], 1, 4)), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([2], 0, 1))));
        Assert.Contains("'y_test' must be a 1-D int array of 1 labels", Assert.Throws<InvalidDataException>(() => ImdbNpz.Load(labels)).Message);

        // a negative index.
        string negative = Write(Npz(false, ("x_train", Int32([1, 2], 1, -4)), ("y_train", Int64([1], 1)),
            ("x_test", Int32([1, 2], 1, 4)), ("y_test", Int64([1], 0))));
        Assert.Contains("x_train[0] holds the negative index -4", Assert.Throws<InvalidDataException>(() => ImdbNpz.Load(negative)).Message);
    }

    [Fact]
    public void NotAZipIsInvalidData()
    {
        string path = Write("not a zip at all"u8.ToArray());
        var e = Assert.Throws<InvalidDataException>(() => ImdbNpz.Load(path));
        Assert.StartsWith(path, e.Message);
    }
}
