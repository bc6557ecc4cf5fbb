using System.Buffers.Binary;
using DeepSeq.Layers.Saving;
using FsCheck;
using FsCheck.Fluent;
using Xunit;
using static DeepSeq.Tests.Layers.Saving.SafeTensorsBytes;

namespace DeepSeq.Tests.Layers.Saving;

// After the namespace line: the test folder DeepSeq.Tests.Tensor would otherwise shadow the Tensor type.
using Tensor = DeepSeq.Tensor;

/// <summary>
/// Every way a file can break the format is refused with <see cref="InvalidDataException"/> naming the file and what
/// was wrong; a valid file DeepSeq cannot hold gets <see cref="NotSupportedException"/>; no truncated or corrupted
/// file throws anything else, and a lying length never makes the reader allocate more than the file's size. Covers
/// SafeTensorsFile.cs (Read), SafeTensorsHeader.cs (parsing and checks) and SafeTensorDType.cs (unknown codes).
/// </summary>
public sealed class SafeTensorsMalformedTests : IDisposable
{
    private readonly SafeTensorsBytes _files = new();

    public void Dispose() => _files.Dispose();

    private const string FileName = "broken-4f2a.safetensors";

    /// <summary>Reads <paramref name="bytes"/> from a file, expecting <see cref="InvalidDataException"/> naming the file and containing <paramref name="expected"/>.</summary>
    private void Refused(byte[] bytes, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(_files.Save(bytes, FileName)));
        Assert.Contains(FileName, error.Message);
        Assert.Contains(expected, error.Message);
    }

    private void Refused(string header, byte[] buffer, string expected) => Refused(FileBytes(header, buffer), expected);

    private static string Entry(string name, string dtype, string shape, string offsets)
        => $"\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape},\"data_offsets\":{offsets}}}";

    private static readonly byte[] FourBytes = Floats(1f);

    // ---- the length field ----

    [Fact]
    public void AFileShorterThanTheLengthFieldIsRefused()
    {
        for (int length = 0; length < 8; length++) Refused(new byte[length], $"the file has {length} bytes");
    }

    [Theory]
    [InlineData(1000UL, "only 10 bytes follow")]
    [InlineData(99_999_999UL, "only 10 bytes follow")]
    [InlineData(100_000_001UL, "above the format's limit")]
    [InlineData(ulong.MaxValue, "above the format's limit")]
    public void ALyingHeaderLengthIsRefusedWithoutAllocatingIt(ulong declared, string expected)
    {
        byte[] bytes = FileBytes("{}        ", [], declaredLength: declared);
        string path = _files.Save(bytes, FileName);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains(FileName, error.Message);
        Assert.Contains(expected, error.Message);
        Assert.True(allocated < 1_000_000, $"reading a lying header allocated {allocated} bytes");
    }

    // ---- the JSON ----

    [Fact]
    public void AHeaderThatIsNotUtf8IsRefused() => Refused(FileBytes("", [0xFF, 0xFE, 0x7B, 0x7D], declaredLength: 4), "not valid UTF-8");

    [Theory]
    [InlineData("", "not valid JSON")]
    [InlineData("{", "not valid JSON")]
    [InlineData("{not json}", "not valid JSON")]
    [InlineData("{}{}", "not valid JSON")]
    [InlineData("[]", "a JSON array; expected an object")]
    [InlineData("42", "a JSON number; expected an object")]
    [InlineData("\"w\"", "a JSON string; expected an object")]
    [InlineData("null", "a JSON null; expected an object")]
    public void AHeaderThatIsNotAJsonObjectIsRefused(string header, string expected) => Refused(header, [], expected);

    [Theory]
    [InlineData("{\"w\":{\"shape\":[1],\"data_offsets\":[0,4]}}", "no \"dtype\" field")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", "no \"shape\" field")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", "no \"data_offsets\" field")]
    [InlineData("{\"w\":5}", "tensor 'w' is a JSON number")]
    [InlineData("{\"w\":{\"dtype\":32,\"shape\":[1],\"data_offsets\":[0,4]}}", "dtype that is a JSON number")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":\"1\",\"data_offsets\":[0,4]}}", "shape that is a JSON string")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", "shape entry 1.5")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[\"1\"],\"data_offsets\":[0,4]}}", "shape entry \"1\"")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0]}}", "expected [begin, end]")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", "expected [begin, end]")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":{\"0\":4}}}", "expected [begin, end]")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[\"0\",\"4\"]}}", "whole numbers >= 0")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[-4,0]}}", "whole numbers >= 0")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4.0]}}", "whole numbers >= 0")]
    [InlineData("{\"w\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "field 'dtype' twice")]
    [InlineData("{\"\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "empty name")]
    [InlineData("{\"__metadata__\":[\"a\"],\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "'__metadata__' is a JSON array")]
    [InlineData("{\"__metadata__\":{\"v\":1},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "metadata values are strings")]
    [InlineData("{\"__metadata__\":{\"v\":\"1\",\"v\":\"2\"},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "key 'v' twice")]
    [InlineData("{\"__metadata__\":{},\"__metadata__\":{},\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", "'__metadata__' twice")]
    public void AMissingOrIllTypedFieldIsRefused(string header, string expected) => Refused(header, FourBytes, expected);

    [Theory]
    [InlineData("F33")]
    [InlineData("f32")]
    [InlineData("3")]
    [InlineData("")]
    public void AnUnknownDTypeIsRefused(string dtype)
        => Refused("{" + Entry("w", dtype, "[1]", "[0,4]") + "}", FourBytes, $"unknown dtype \"{dtype}\"");

    [Theory]
    [InlineData("BF16", "[2]")]
    [InlineData("F16", "[2]")]
    [InlineData("U32", "[1]")]
    [InlineData("F32", "[1,1,1,1,1,1,1,1,1]")]   // rank 9
    public void AValidFileDeepSeqCannotHoldIsNotSupported(string dtype, string shape)
    {
        var error = Assert.Throws<NotSupportedException>(() => SafeTensorsFile.Read(_files.Save(FileBytes("{" + Entry("w", dtype, shape, "[0,4]") + "}", FourBytes), FileName)));
        Assert.Contains(FileName, error.Message);
        Assert.Contains("'w'", error.Message);
    }

    // ---- shapes against offsets, offsets against the buffer ----

    [Fact]
    public void ANegativeDimensionIsRefused() => Refused("{" + Entry("w", "F32", "[-1]", "[0,4]") + "}", FourBytes, "negative dimension -1");

    [Theory]
    [InlineData("[2]", "[0,4]", 4, "needs 8 bytes but data_offsets [0, 4] span 4")]
    [InlineData("[]", "[0,0]", 0, "needs 4 bytes but data_offsets [0, 0] span 0")]
    [InlineData("[2147483647,2147483647,2147483647,2147483647]", "[0,4]", 4, "span 4")]   // no overflow, just unequal
    public void AByteCountOtherThanShapeTimesDTypeSizeIsRefused(string shape, string offsets, int bufferLength, string expected)
        => Refused("{" + Entry("w", "F32", shape, offsets) + "}", new byte[bufferLength], expected);

    [Fact]
    public void OffsetsPastTheBufferAreRefused()
        => Refused("{" + Entry("w", "F32", "[2]", "[0,8]") + "}", FourBytes, "holds only 4 bytes");

    [Fact]
    public void OffsetsThatRunBackwardsAreRefused()
        => Refused("{" + Entry("w", "F32", "[1]", "[4,0]") + "}", FourBytes, "end before they begin");

    [Fact]
    public void OverlappingTensorsAreRefused()
        => Refused("{" + Entry("a", "F32", "[1]", "[0,4]") + "," + Entry("b", "F32", "[1]", "[2,6]") + "}", new byte[6], "'b' (bytes 2..6) overlaps tensor 'a'");

    [Fact]
    public void TwoTensorsOnTheSameBytesAreRefused()
        => Refused("{" + Entry("a", "F32", "[1]", "[0,4]") + "," + Entry("b", "F32", "[1]", "[0,4]") + "}", FourBytes, "overlaps");

    [Fact]
    public void AHoleBetweenTensorsIsRefused()
        => Refused("{" + Entry("a", "F32", "[1]", "[0,4]") + "," + Entry("b", "F32", "[1]", "[8,12]") + "}", new byte[12], "bytes 4..8 of the buffer");

    [Fact]
    public void AHoleAtTheStartIsRefused()
        => Refused("{" + Entry("a", "F32", "[1]", "[4,8]") + "}", new byte[8], "bytes 0..4 of the buffer");

    [Fact]
    public void BytesAfterTheLastTensorAreRefused()
        => Refused("{" + Entry("a", "F32", "[1]", "[0,4]") + "}", new byte[5], "cover only 4");

    [Fact]
    public void ABufferWithNoTensorsMustBeEmpty() => Refused("{}", [0], "cover only 0");

    [Fact]
    public void ADuplicateTensorNameIsRefused()
        => Refused("{" + Entry("a", "F32", "[1]", "[0,4]") + "," + Entry("a", "F32", "[1]", "[4,8]") + "}", new byte[8], "names tensor 'a' twice");

    // ---- every prefix, random corruption ----

    private static byte[] ValidFile(SafeTensorsBytes files)
    {
        string path = Path.Combine(files.Folder, "valid.safetensors");
        SafeTensorsFile.Write(path,
            [
                SafeTensor.From("dense/kernel", Tensor.FromArray([1f, 2, 3, 4, 5, 6], [2, 3])),
                SafeTensor.From("dense/bias", Tensor.FromArray([0.5, -0.5])),
                SafeTensor.From("step", Tensor.Scalar(7L)),
                SafeTensor.From("mask", Tensor.FromArray(new byte[] { 1, 0, 1 })),
            ],
            new Dictionary<string, string> { ["format"] = "deepseq" });
        byte[] bytes = File.ReadAllBytes(path);
        File.Delete(path);
        return bytes;
    }

    [Fact]
    public void EveryTruncationIsRefusedAsInvalidData()
    {
        byte[] valid = ValidFile(_files);
        Assert.Equal(4, SafeTensorsFile.Read(_files.Save(valid)).Tensors.Count);   // the whole file is fine
        for (int length = 0; length < valid.Length; length++)
        {
            string path = _files.Save(valid[..length], FileName);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var error = Record.Exception(() => SafeTensorsFile.Read(path));
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(error is InvalidDataException, $"a file cut to {length} of {valid.Length} bytes threw {error?.GetType().Name ?? "nothing"}: {error?.Message}");
            Assert.Contains(FileName, error!.Message);
            Assert.True(allocated < 1_000_000, $"a file cut to {length} bytes allocated {allocated} bytes");
        }
    }

    [Fact]
    public void ACorruptedByteNeverThrowsAnythingButAFormatError()
    {
        byte[] valid = ValidFile(_files);
        var corruption =
            from position in Gen.Choose(0, valid.Length - 1)
            from value in Gen.Choose(0, 255)
            select (position, value);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), Prop.ForAll(corruption.ToArbitrary(), c =>
        {
            byte[] bytes = (byte[])valid.Clone();
            bytes[c.position] = (byte)c.value;
            var error = Record.Exception(() => SafeTensorsFile.Read(_files.Save(bytes, FileName)));
            // A corrupted byte in the data, the padding or a name may leave a valid file; anything else is refused cleanly.
            Assert.True(error is null or InvalidDataException or NotSupportedException,
                $"byte {c.position} set to {c.value} threw {error?.GetType().Name}: {error?.Message}");
        }));
    }

    [Fact]
    public void ALengthFieldOffByOneIsRefused()
    {
        byte[] valid = ValidFile(_files);
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(valid);
        foreach (ulong wrong in new[] { length - 1, length + 1 })
        {
            byte[] bytes = (byte[])valid.Clone();
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, wrong);
            Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(_files.Save(bytes, FileName)));
        }
    }
}
