using DeepSeq.Data;
using DeepSeq.Data.Formats;
using Xunit;
using static DeepSeq.Tests.Data.Formats.FormatWriters;

namespace DeepSeq.Tests.Data.Formats;

/// <summary><see cref="NpzReader"/>: archives as np.savez and np.savez_compressed write them, and damaged ones.</summary>
public sealed class NpzReaderTests
{
    private static IReadOnlyDictionary<string, LoadedArray> ReadBytes(byte[] bytes, string name = "test.npz")
        => NpzReader.Read(new MemoryStream(bytes), name);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsEveryMemberKeyedByNameWithoutNpy(bool compressed)
    {
        var npz = Npz(compressed,
            ("weights", Npy("<f4", [2, 2], Encode('f', 4, false, [1, 2, 3, 4]))),
            ("labels", Npy("<i8", [3], Encode('i', 8, false, [7, 8, 9]))),
            ("arr_0", Npy("<f8", [], Encode('f', 8, false, [0.25]))));

        var arrays = ReadBytes(npz);

        Assert.Equal(["arr_0", "labels", "weights"], arrays.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([1f, 2, 3, 4], arrays["weights"].As<float>().ToArray());
        Assert.Equal([2, 2], arrays["weights"].Shape.ToArray());
        Assert.Equal("<i8", arrays["labels"].DType);
        Assert.Equal([7, 8, 9], arrays["labels"].As<int>().ToArray());
        Assert.Equal(0, arrays["arr_0"].Shape.Rank);
        Assert.Equal([0.25], arrays["arr_0"].As<double>().ToArray());
    }

    [Fact]
    public void ABadMemberIsNamedAsArchiveBangMember()
    {
        var npz = Npz(true, ("good", Npy("<f4", [1], new byte[4])), ("bad", Npy("<f4", [100], new byte[4])));
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(npz, "model.npz"));
        Assert.StartsWith("model.npz!bad.npy: ", e.Message);
    }

    [Fact]
    public void FortranOrderInsideAnArchiveIsNotSupported()
        => Assert.Throws<DataFormatException>(() => ReadBytes(Npz(false, ("f", Npy("<f4", [1], new byte[4], fortran: true)))));

    public static TheoryData<string, byte[]> Malformed()
    {
        var valid = Npz(true, ("x", Npy("<f4", [4], new byte[16])));
        return new()
        {
            { "empty file", [] },
            { "not a zip", Npy("<f4", [1], new byte[4]) },
            { "truncated archive", valid[..(valid.Length / 2)] },
            { "missing central directory", valid[..(valid.Length - 22)] },
        };
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void MalformedNpzIsRefusedNamingTheFile(string why, byte[] bytes)
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, "broken.npz"));
        Assert.True(e.Message.StartsWith("broken.npz", StringComparison.Ordinal) || e.Message.Contains("broken.npz"), $"{why}: {e.Message}");
    }

    /// <summary>
    /// What <c>np.savez_compressed</c> writes (Python's zipfile with <c>force_zip64=True</c>: both sizes of each local
    /// header are 0xFFFFFFFF and live in a ZIP64 extra field), made with CPython 3's zipfile: <c>x</c> = float32
    /// [1.5, -2, 3], <c>y</c> = int64 [7, 8]. The local header check must read it as the directory does.
    /// </summary>
    private const string NumpyZip64Hex =
        "504b03042d00000008000000210045111cfeffffffffffffffff05001400782e6e7079010010008c000000000000004f00000000" +
        "0000009bec17ea1b10c9c850c650ad9e925a9c5ca46ea5a06e9366a2aea3a09e965f54529498179f5f94920a12774bcc294e058a" +
        "17672416a402f91ac63a9a3a0ab50a14002e068603f60c408281c1c10100504b03042d00000008000000210020894d2bffffffff" +
        "ffffffff05001400792e6e70790100100090000000000000004a000000000000009bec17ea1b10c9c850c650ad9e925a9c5ca46e" +
        "a5a06e9369a1aea3a09e965f54529498179f5f94920a12774bcc294e058a17672416a402f91a463a9a3a0ab50a14002e760608e0" +
        "80d200504b01022d032d00000008000000210045111cfe4f0000008c000000050000000000000000000000800100000000782e6e" +
        "7079504b01022d032d00000008000000210020894d2b4a00000090000000050000000000000000000000800186000000792e6e70" +
        "79504b0506000000000200020066000000070100000000";

    [Fact]
    public void NpzWithZip64LocalHeadersAsNumpyWritesItReads()
    {
        var arrays = ReadBytes(Convert.FromHexString(NumpyZip64Hex));
        Assert.Equal([1.5f, -2f, 3f], arrays["x"].As<float>().ToArray());
        Assert.Equal([7, 8], arrays["y"].As<int>().ToArray());   // int64 is held as int32, as DeepSeq reads it
    }

    /// <summary>Issue 15: a stored member whose data bytes changed read as other numbers, because nothing checked
    /// its CRC-32.</summary>
    [Fact]
    public void NpzMemberWithChangedBytesIsRefused()
    {
        var npz = Npz(false, ("x", Npy("<f4", [4], Encode('f', 4, false, [1, 2, 3, 4]))));
        int data = IndexOf(npz, Encode('f', 4, false, [1, 2, 3, 4]));
        npz[data + 5] ^= 0x40;   // 2.0f becomes another finite float: only the CRC-32 can tell
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(npz, "model.npz"));
        Assert.Equal("model.npz!x.npy", e.Path);
        Assert.Equal("member data", e.Position);
        Assert.Contains("CRC-32", e.Reason);
    }

    /// <summary>
    /// Issue 15: a local file header that disagrees with the zip directory (one of the two copies is damaged) is
    /// refused with the member and the field, whichever field it is: the name (which no CRC covers), the method, the
    /// CRC-32 or either size. Offsets are those of the first local header.
    /// </summary>
    [Theory]
    [InlineData(30, "name")]
    [InlineData(8, "compression method")]
    [InlineData(14, "CRC-32")]
    [InlineData(18, "compressed size")]
    [InlineData(22, "size")]
    public void NpzLocalHeaderThatDisagreesWithTheDirectoryIsRefused(int offset, string field)
    {
        var npz = Npz(false, ("x", Npy("<f4", [4], new byte[16])), ("y", Npy("|u1", [2], [1, 2])));
        npz[offset] ^= 0x01;
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(npz, "model.npz"));
        Assert.Equal("model.npz!x.npy", e.Path);
        Assert.Equal("local file header at byte 0", e.Position);
        Assert.StartsWith($"the local header's {field} is ", e.Reason);
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        int at = haystack.AsSpan().IndexOf(needle);
        Assert.True(at >= 0, "the member's bytes are not stored as is");
        return at;
    }
}
