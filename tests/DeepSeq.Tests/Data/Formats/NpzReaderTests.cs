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
        => Assert.Throws<NotSupportedException>(() => ReadBytes(Npz(false, ("f", Npy("<f4", [1], new byte[4], fortran: true)))));

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
    public void MalformedArchivesThrowInvalidDataNamingTheFile(string why, byte[] bytes)
    {
        var e = Assert.Throws<DataFormatException>(() => ReadBytes(bytes, "broken.npz"));
        Assert.True(e.Message.StartsWith("broken.npz", StringComparison.Ordinal) || e.Message.Contains("broken.npz"), $"{why}: {e.Message}");
    }
}
