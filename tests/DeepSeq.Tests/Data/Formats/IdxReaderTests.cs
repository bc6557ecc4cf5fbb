using DeepSeq.Data;
using DeepSeq.Data.Formats;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Data.Formats.FormatWriters;

namespace DeepSeq.Tests.Data.Formats;

/// <summary><see cref="IdxReader"/>: every element type, gzip detected by content, and every malformed header.</summary>
public sealed class IdxReaderTests
{
    private static LoadedArray ReadBytes(byte[] bytes, string name = "test.idx") => IdxReader.Read(new MemoryStream(bytes), name);

    // type code, NumPy dtype, kind, size, value range, integer?
    private static readonly (byte Code, string DType, char Kind, int Size, double Lo, double Hi, bool Integer)[] Types =
    [
        (0x08, "|u1", 'u', 1, 0, 255, true), (0x09, "|i1", 'i', 1, -128, 127, true),
        (0x0B, ">i2", 'i', 2, short.MinValue, short.MaxValue, true), (0x0C, ">i4", 'i', 4, int.MinValue, int.MaxValue, true),
        (0x0D, ">f4", 'f', 4, -1e6, 1e6, false), (0x0E, ">f8", 'f', 8, -1e12, 1e12, false),
    ];

    [Property(MaxTest = 200)]
    public Property RoundTripsEveryTypeAndShapeGzippedOrNot(int seed)
    {
        var rng = new Random(seed);
        var t = Types[rng.Next(Types.Length)];
        int[] dims = [.. Enumerable.Range(0, rng.Next(1, 5)).Select(_ => rng.Next(5))];
        int size = dims.Aggregate(1, (a, b) => a * b);
        var values = Enumerable.Range(0, size).Select(_ =>
        {
            double v = t.Lo + rng.NextDouble() * (t.Hi - t.Lo);
            return t.Integer ? Math.Round(v) : t.Size == 4 ? (float)v : v;
        }).ToArray();
        bool gzip = rng.Next(2) == 0;
        var bytes = Idx(t.Code, dims, Encode(t.Kind, t.Size, true, values));
        if (gzip) bytes = Gzip(bytes);

        var array = ReadBytes(bytes);
        double[] read = array.Tensor switch
        {
            Tensor<float> f => [.. f.ToArray().Select(x => (double)x)],
            Tensor<double> d => d.ToArray(),
            Tensor<int> i => [.. i.ToArray().Select(x => (double)x)],
            _ => [],
        };
        return (array.DType == t.DType && array.Shape.ToArray().SequenceEqual(dims) && read.SequenceEqual(values))
            .Label($"{t.DType} dims ({string.Join(",", dims)}) gzip {gzip}");
    }

    [Fact]
    public void ReadsAnMnistShapedImageFile()
    {
        // 00 00 08 03, then 2, 28, 28 big-endian: the first 16 bytes of train-images-idx3-ubyte with 2 images.
        var pixels = Enumerable.Range(0, 2 * 28 * 28).Select(i => (byte)(i % 256)).ToArray();
        byte[] header = [0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28];
        Assert.Equal(header, Idx(0x08, [2, 28, 28], [])); // the test writer agrees with the hand-written bytes

        var images = ReadBytes([.. header, .. pixels]);

        Assert.Equal("|u1", images.DType);
        Assert.Equal([2, 28, 28], images.Shape.ToArray());
        var t = images.As<int>();
        Assert.Equal(255, t[0, 9, 3]);    // pixel 255 = row 9, column 3 of image 0
        Assert.Equal(pixels.Select(p => (int)p), t.ToArray());
    }

    [Fact]
    public void GzipIsRecognisedByItsMagicBytesNotTheFileName()
    {
        string dir = Path.Combine(Path.GetTempPath(), $"deepseq-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            var plain = Idx(0x08, [3], [1, 2, 3]);
            File.WriteAllBytes(Path.Combine(dir, "misnamed.gz"), plain);
            File.WriteAllBytes(Path.Combine(dir, "misnamed-ubyte"), Gzip(plain));
            Assert.Equal([1, 2, 3], IdxReader.Read(Path.Combine(dir, "misnamed.gz")).As<int>().ToArray());
            Assert.Equal([1, 2, 3], IdxReader.Read(Path.Combine(dir, "misnamed-ubyte")).As<int>().ToArray());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    public static TheoryData<string, byte[], string> Malformed()
    {
        var valid = Idx(0x08, [2, 3], [1, 2, 3, 4, 5, 6]);
        var gz = Gzip(valid);
        var damagedGz = (byte[])gz.Clone();
        damagedGz[^6] ^= 0xFF;      // inside the CRC-32 trailer
        return new()
        {
            { "empty file", [], "empty" },
            { "truncated magic", [0, 0, 8], "truncated" },
            { "wrong magic", [.. "PK"u8.ToArray(), .. valid[2..]], "00 00" },
            { "unknown type code", [0, 0, 0x0A, 1, 0, 0, 0, 1, 0], "unknown IDX element type 0x0A" },
            { "zero dimensions", [0, 0, 8, 0, 1], "0 dimensions" },
            { "truncated sizes", valid[..9], "truncated" },
            { "truncated data", valid[..^1], "only 5 remain" },
            { "trailing bytes", [.. valid, 7], "extra bytes" },
            { "sizes lie", Idx(0x08, [60000, 28, 28], new byte[10]), "47040000 bytes" },
            { "sizes overflow", Idx(0x0E, [-1, -1, -1], new byte[10]), "more elements than" },
            { "gzip, truncated data", Gzip(valid[..^2]), "truncated" },
            { "gzip, lying sizes", Gzip(Idx(0x08, [60000, 28, 28], new byte[10])), "truncated" },
            { "gzip, cut short", gz[..(gz.Length - 10)], "" },
            { "gzip, damaged CRC", damagedGz, "" },
            { "gzip of nothing", Gzip([]), "empty" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedInputIsRefusedNamingTheFile(string why, byte[] bytes, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, "bad-idx3-ubyte"));
        Assert.StartsWith("bad-idx3-ubyte: ", e.Message);
        Assert.True(e.Message.Contains(expected, StringComparison.Ordinal), $"{why}: {e.Message}");
    }

    [Fact]
    public void MoreThanEightDimensionsIsNotSupported()
        => Assert.Throws<DataFormatException>(() => ReadBytes(Idx(0x08, [1, 1, 1, 1, 1, 1, 1, 1, 1], [5])));
}
