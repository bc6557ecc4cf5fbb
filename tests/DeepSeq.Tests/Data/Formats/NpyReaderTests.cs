using DeepSeq.Data;
using System.Text;
using DeepSeq.Data.Formats;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;
using static DeepSeq.Tests.Data.Formats.FormatWriters;
using static DeepSeq.Tests.Data.Formats.PickleGolden;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// <see cref="NpyReader"/>: NumPy's exact header bytes, round trips over random shapes, dtypes and versions,
/// and every malformed input refused with an <see cref="DataFormatException"/> that names the file; and
/// <see cref="NpyReader.ReadIntLists(Stream, string)"/> handing object arrays to the pickle reader.
/// </summary>
public sealed class NpyReaderTests
{
    // The header np.save writes for a (2, 3) float32 array, character for character (NumPy's format.py):
    // the dict repr, then spaces up to a 64-byte boundary for the data, then '\n'.
    private const string GoldenDict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";

    private static LoadedArray ReadBytes(byte[] bytes, string name = "test.npy") => NpyReader.Read(new MemoryStream(bytes), name);

    [Fact]
    public void ReadsTheExactBytesNpSaveWritesForA2x3Float32Array()
    {
        // Built by hand from the format description, independently of FormatWriters.
        var file = new List<byte> { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0, 118, 0 };
        file.AddRange(Encoding.ASCII.GetBytes(GoldenDict + new string(' ', 58) + "\n"));
        Assert.Equal(128, file.Count);                       // data starts at byte 128, a multiple of 64
        foreach (float v in new float[] { 0, 1, 2, 3, 4, 5 }) file.AddRange(BitConverter.GetBytes(v));

        var array = ReadBytes([.. file]);

        Assert.Equal("<f4", array.DType);
        Assert.Equal([2, 3], array.Shape.ToArray());
        Assert.Equal([0f, 1, 2, 3, 4, 5], array.As<float>().ToArray());
        Assert.Equal([.. file], Npy("<f4", [2, 3], Encode('f', 4, false, [0, 1, 2, 3, 4, 5])));   // the test writer agrees
    }

    [Fact]
    public void ParsesTheGoldenHeader()
    {
        var header = NpyReader.ParseHeader(GoldenDict + new string(' ', 58) + "\n");
        Assert.Equal("<f4", header.DType);
        Assert.False(header.FortranOrder);
        Assert.Equal([2L, 3L], header.Shape);
    }

    [Theory]
    [InlineData("{'descr': '<i8', 'fortran_order': False, 'shape': (5,), }", 5)]
    [InlineData("{'shape': (), 'fortran_order': False, 'descr': '|u1'}", -1)]                // any key order, no trailing comma
    [InlineData("{\"descr\": \"<f8\", \"fortran_order\": False, \"shape\": (4L, 2L)}", 4)]  // Python 2: double quotes, 4L
    public void ParsesHeaderVariantsNumPyAccepts(string text, long firstDim)
    {
        var header = NpyReader.ParseHeader(text);
        Assert.Equal(firstDim < 0 ? 0 : firstDim == 4 ? 2 : 1, header.Shape.Count);
        if (firstDim >= 0) Assert.Equal(firstDim, header.Shape[0]);
    }

    // dtype, kind, size, big-endian, value range
    private static readonly (string DType, char Kind, int Size, bool Big, double Lo, double Hi, bool Integer)[] Types =
    [
        ("<f4", 'f', 4, false, -1e6, 1e6, false), (">f4", 'f', 4, true, -1e6, 1e6, false),
        ("<f8", 'f', 8, false, -1e12, 1e12, false), ("<f2", 'f', 2, false, -100, 100, true),
        ("<i4", 'i', 4, false, int.MinValue, int.MaxValue, true), ("<i8", 'i', 8, false, int.MinValue, int.MaxValue, true),
        ("|u1", 'u', 1, false, 0, 255, true), ("|i1", 'i', 1, false, -128, 127, true), ("|b1", 'b', 1, false, 0, 1, true),
        ("<i2", 'i', 2, false, short.MinValue, short.MaxValue, true), ("<u2", 'u', 2, false, 0, ushort.MaxValue, true),
    ];

    [Property(MaxTest = 200)]
    public Property RoundTripsEveryDtypeShapeAndVersion(int seed)
    {
        var rng = new Random(seed);
        var t = Types[rng.Next(Types.Length)];
        long[] shape = [.. Enumerable.Range(0, rng.Next(5)).Select(_ => (long)rng.Next(5))];
        int size = (int)shape.Aggregate(1L, (a, b) => a * b);
        var values = Enumerable.Range(0, size).Select(_ =>
        {
            double v = t.Lo + rng.NextDouble() * (t.Hi - t.Lo);
            return t.Integer ? Math.Round(v) : t.Size == 4 ? (float)v : v;
        }).ToArray();
        int major = rng.Next(1, 4);
        var bytes = Npy(t.DType, shape, Encode(t.Kind, t.Size, t.Big, values), major);

        // Both paths: a seekable stream (length known) and a forward-only one (buffer grown as bytes arrive).
        var seekable = ReadBytes(bytes);
        var forward = NpyReader.Read(new ForwardOnlyStream(bytes), "forward.npy");
        bool ok = true;
        foreach (var array in new[] { seekable, forward })
        {
            double[] read = array.Tensor switch
            {
                Tensor<float> f => [.. f.ToArray().Select(x => (double)x)],
                Tensor<double> d => d.ToArray(),
                Tensor<int> i => [.. i.ToArray().Select(x => (double)x)],
                _ => [],
            };
            ok &= array.Shape.ToArray().Select(d => (long)d).SequenceEqual(shape) && read.SequenceEqual(values);
        }
        return ok.Label($"{t.DType} shape {PythonTuple(shape)} v{major}.0");
    }

    [Fact]
    public void MapsDtypesToTheDocumentedTensorTypes()
    {
        Assert.Equal(typeof(float), ReadBytes(Npy("<f4", [1], new byte[4])).ElementType);
        Assert.Equal(typeof(double), ReadBytes(Npy("<f8", [1], new byte[8])).ElementType);
        Assert.Equal(typeof(int), ReadBytes(Npy("<i8", [1], new byte[8])).ElementType);
        Assert.Equal(typeof(int), ReadBytes(Npy("|u1", [1], new byte[1])).ElementType);
        var e = Assert.Throws<InvalidCastException>(() => ReadBytes(Npy("|u1", [1], new byte[1])).As<float>());
        Assert.Contains("|u1", e.Message);
    }

    [Fact]
    public void Int64BeyondTheIntRangeThrowsNamingTheElement()
    {
        var bytes = Npy("<i8", [3], Encode('i', 8, false, [1, 2, 1L << 40]));
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, "big.npy"));
        Assert.Contains("big.npy", e.Message);
        Assert.Contains("element 2", e.Message);
    }

    [Fact]
    public void FortranOrderIsNotSupportedAndSaysSo()
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(Npy("<f4", [2, 2], new byte[16], fortran: true), "f.npy"));
        Assert.Contains("f.npy", e.Message);
        Assert.Contains("Fortran", e.Message);
    }

    [Fact]
    public void MoreThanEightDimensionsIsNotSupported()
        => Assert.Throws<DataFormatException>(() => ReadBytes(Npy("|u1", [1, 1, 1, 1, 1, 1, 1, 1, 1], new byte[1])));

    [Theory]
    [InlineData("|O", "object")]
    [InlineData("<c8", "unsupported dtype")]
    [InlineData("<U5", "unsupported dtype")]
    [InlineData("<f16", "unsupported dtype")]
    [InlineData("", "unsupported dtype")]
    public void UnsupportedDtypesAreRefusedByName(string descr, string expected)
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(Npy(descr, [1], new byte[16]), "dt.npy"));
        Assert.StartsWith("dt.npy: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void StructuredDtypesAreRefused()
    {
        var bytes = Npy("", [1], new byte[8], header: "{'descr': [('x', '<f4'), ('y', '<f4')], 'fortran_order': False, 'shape': (1,), }");
        Assert.Contains("structured", Assert.Throws<DataFormatException>(() => ReadBytes(bytes)).Message);
    }

    public static TheoryData<string, byte[], string> Malformed()
    {
        var valid = Npy("<f4", [2, 3], new byte[24]);
        return new()
        {
            { "empty file", [], "empty" },
            { "truncated magic", valid[..4], "truncated" },
            { "wrong magic", [.. "PK\u0003\u0004NUMPY"u8.ToArray(), .. valid[10..]], "magic" },
            { "unknown version", [.. valid[..6], 9, 0, .. valid[8..]], "version 9.0" },
            { "truncated header", valid[..60], "truncated" },
            { "truncated data", valid[..^1], "23 remain" },
            { "trailing bytes", [.. valid, 0], "extra bytes" },
            { "header lies about the shape", Npy("<f4", [1000, 1000], new byte[24]), "4000000 bytes" },
            { "shape overflows 64 bits", Npy("<f8", [1L << 40, 1L << 40], new byte[8]), "more elements than" },
            { "shape beyond a long", Npy("<f4", [1], new byte[4], header: "{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999,), }"), "too large" },
            { "not a dict", Npy("<f4", [1], new byte[4], header: "['<f4', False, (1,)]"), "expected the header to start with '{'" },
            { "missing key", Npy("<f4", [1], new byte[4], header: "{'descr': '<f4', 'shape': (1,), }"), "no 'fortran_order'" },
            { "extra key", Npy("<f4", [1], new byte[4], header: "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), 'x': 1}"), "unexpected header key 'x'" },
            { "unterminated string", Npy("<f4", [1], new byte[4], header: "{'descr: <f4}"), "closing '" },
            { "shape is not a tuple", Npy("<f4", [1], new byte[4], header: "{'descr': '<f4', 'fortran_order': False, 'shape': 'big'}"), "'shape' should be a tuple" },
            { "fortran_order not a bool", Npy("<f4", [1], new byte[4], header: "{'descr': '<f4', 'fortran_order': 0, 'shape': (1,)}"), "True or False" },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedInputIsRefusedNamingTheFile(string why, byte[] bytes, string expected)
    {
        foreach (var stream in new Stream[] { new MemoryStream(bytes), new ForwardOnlyStream(bytes) })
        {
            var e = Assert.Throws<DataFormatException>(() => NpyReader.Read(stream, "bad.npy"));
            Assert.StartsWith("bad.npy: ", e.Message);
            if (stream is MemoryStream || !expected.Contains("remain")) Assert.Contains(expected, e.Message);
            Assert.False(string.IsNullOrEmpty(why));
        }
    }

    [Fact]
    public void AHeaderClaimingTerabytesIsRefusedBeforeAllocating()
    {
        // Seekable: the claim is compared with the file's length. Forward-only: the length is unknown, but no
        // array can hold 4 TB, so the claim is refused as unsupported; either way nothing big is allocated.
        var bytes = Npy("<f4", [1_000_000, 1_000_000], new byte[24]);
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, "liar.npy"));
        Assert.Equal("liar.npy: header: the header's shape (1000000, 1000000) of '<f4' needs 4000000000000 bytes of data but only 24 remain in the file", e.Message);
        Assert.Throws<DataFormatException>(() => NpyReader.Read(new ForwardOnlyStream(bytes), "liar.npy"));
    }

    [Fact]
    public void ReadFromPathNamesThePathInErrors()
    {
        string path = Path.Combine(Path.GetTempPath(), $"deepseq-{Guid.NewGuid():N}.npy");
        try
        {
            File.WriteAllBytes(path, Npy("<f8", [2], Encode('f', 8, false, [1.5, -2.5])));
            Assert.Equal([1.5, -2.5], NpyReader.Read(path).As<double>().ToArray());
            File.WriteAllBytes(path, []);
            Assert.StartsWith(path + ": ", Assert.Throws<DataFormatException>(() => NpyReader.Read(path)).Message);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void NpyReaderHandsObjectArraysToThePickleReader()
    {
        var npy = Npy("|O", [2], GoldenProtocol3);
        foreach (var stream in new Stream[] { new MemoryStream(npy), new ForwardOnlyStream(npy) })
        {
            var rows = NpyReader.ReadIntLists(stream, "x.npy");
            Assert.Equal([1, 14], rows[0]);
            Assert.Empty(rows[1]);
        }

        // Offsets in messages count from the start of the .npy file: the pickle starts after the 128-byte header.
        var exploit = Npy("|O", [1], [0x80, 2, 0x63, .. "os\nsystem\n"u8, 0x2E]);
        Assert.Contains("GLOBAL (0x63) at byte offset 130", Assert.Throws<DataFormatException>(() => NpyReader.ReadIntLists(new MemoryStream(exploit), "x.npy")).Message);

        // The header's shape must match the pickle; a numeric dtype goes to NpyReader.Read; 2-D is not supported.
        Assert.Contains("shape (3) disagrees with the 2 pickled elements",
            Assert.Throws<DataFormatException>(() => NpyReader.ReadIntLists(new MemoryStream(Npy("|O", [3], GoldenProtocol3)), "x.npy")).Message);
        Assert.Contains("is numeric", Assert.Throws<DataFormatException>(
            () => NpyReader.ReadIntLists(new MemoryStream(Npy("<i4", [1], [1, 0, 0, 0])), "x.npy")).Message);
        Assert.Throws<DataFormatException>(() => NpyReader.ReadIntLists(new MemoryStream(Npy("|O", [2, 1], GoldenProtocol3)), "x.npy"));
    }
}
