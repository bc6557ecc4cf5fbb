using System.Text;
using System.Text.Json;
using DeepSeq.Layers.Saving;
using Xunit;
using static DeepSeq.Tests.Layers.Saving.SafeTensorsBytes;

namespace DeepSeq.Tests.Layers.Saving;

/// <summary>
/// Files built byte by byte from the format's definition: <see cref="SafeTensorsFile.Read"/> decodes them, and
/// <see cref="SafeTensorsFile.Write"/> reproduces them exactly. The first four are the test vectors of the reference
/// implementation (huggingface/safetensors, <c>tensor.rs</c>: test_serialization, test_serialization_forced_alignement,
/// test_empty), so a byte-equal file here is a byte-equal file there. Covers SafeTensorsFile.cs, SafeTensorsHeader.cs
/// (layout, padding, order) and SafeTensorDType.cs (codes and sizes).
/// </summary>
public sealed class SafeTensorsGoldenTests : IDisposable
{
    private readonly SafeTensorsBytes _files = new();

    public void Dispose() => _files.Dispose();

    private static SafeTensor F32(string name, Shape shape, params float[] values) => new(name, SafeTensorDType.F32, shape, Floats(values));

    private byte[] Written(IEnumerable<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        string path = Path.Combine(_files.Folder, $"written-{Guid.NewGuid():N}.safetensors");
        SafeTensorsFile.Write(path, tensors, metadata);
        return File.ReadAllBytes(path);
    }

    [Fact]
    public void ReferenceVectorOneF32TensorNeedsNoPadding()
    {
        const string header = """{"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}}""";
        Assert.Equal(64, header.Length);   // a multiple of 8 already: no spaces
        byte[] expected = FileBytes(header, Floats(0, 1, 2, 3, 4, 5));

        var read = SafeTensorsFile.Read(_files.Save(expected));
        var tensor = Assert.Single(read.Tensors);
        Assert.Equal("attn.0", tensor.Name);
        Assert.Equal(SafeTensorDType.F32, tensor.DType);
        Assert.Equal(new Shape(1, 2, 3), tensor.Shape);
        Assert.Equal([0f, 1, 2, 3, 4, 5], tensor.ToTensor<float>().ToArray());
        Assert.Empty(read.Metadata);

        Assert.Equal(expected, Written([F32("attn.0", [1, 2, 3], 0, 1, 2, 3, 4, 5)]));
    }

    [Fact]
    public void ReferenceVectorTwoIsPaddedWithSpacesToEightBytes()
    {
        const string json = """{"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}}""";
        Assert.Equal(65, json.Length);
        byte[] expected = FileBytes(json + new string(' ', 7), Floats(0, 1, 2, 3, 4, 5));
        Assert.Equal(72UL, BitConverter.ToUInt64(expected, 0));

        Assert.Equal([0f, 1, 2, 3, 4, 5], SafeTensorsFile.Read(_files.Save(expected))["attn0"].ToTensor<float>().ToArray());
        Assert.Equal(expected, Written([F32("attn0", [1, 1, 2, 3], 0, 1, 2, 3, 4, 5)]));
    }

    [Fact]
    public void ReferenceVectorsForAFileWithNoTensors()
    {
        byte[] empty = [8, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}', 32, 32, 32, 32, 32, 32];
        Assert.Empty(SafeTensorsFile.Read(_files.Save(empty)).Tensors);
        Assert.Equal(empty, Written([]));

        byte[] withMetadata = FileBytes("""{"__metadata__":{"framework":"pt"}}     """, []);
        Assert.Equal(40UL, BitConverter.ToUInt64(withMetadata, 0));
        var read = SafeTensorsFile.Read(_files.Save(withMetadata));
        Assert.Equal(new Dictionary<string, string> { ["framework"] = "pt" }, read.Metadata);
        Assert.Equal(withMetadata, Written([], new Dictionary<string, string> { ["framework"] = "pt" }));
    }

    [Fact]
    public void EveryDTypeInTheReferenceOrderAlignmentFirstThenName()
    {
        // Written deliberately out of order; the file holds I64 (n, z), F64, F32, I32, U8: largest alignment first,
        // names ascending within a dtype, so each tensor starts at a multiple of its element size.
        SafeTensor[] tensors =
        [
            new("b", SafeTensorDType.U8, [3], new byte[] { 1, 2, 255 }),
            new("a", SafeTensorDType.I32, [2], BitConverter.GetBytes(-1).Concat(BitConverter.GetBytes(7)).ToArray()),
            F32("w", [2], 0.5f, -2f),
            new("z", SafeTensorDType.I64, [1], BitConverter.GetBytes(42L)),
            new("v", SafeTensorDType.F64, [], BitConverter.GetBytes(3.25)),
            new("n", SafeTensorDType.I64, [0], Array.Empty<byte>()),
        ];
        string json = "{\"__metadata__\":{\"a key\":\"é\",\"format\":\"pt\"},"
            + "\"n\":{\"dtype\":\"I64\",\"shape\":[0],\"data_offsets\":[0,0]},"
            + "\"z\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]},"
            + "\"v\":{\"dtype\":\"F64\",\"shape\":[],\"data_offsets\":[8,16]},"
            + "\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
            + "\"a\":{\"dtype\":\"I32\",\"shape\":[2],\"data_offsets\":[24,32]},"
            + "\"b\":{\"dtype\":\"U8\",\"shape\":[3],\"data_offsets\":[32,35]}}";
        int utf8Length = Encoding.UTF8.GetByteCount(json);
        string header = json + new string(' ', (8 - utf8Length % 8) % 8);
        byte[] buffer = [.. BitConverter.GetBytes(42L), .. BitConverter.GetBytes(3.25), .. Floats(0.5f, -2f),
                         .. BitConverter.GetBytes(-1), .. BitConverter.GetBytes(7), 1, 2, 255];
        byte[] expected = FileBytes(header, buffer);

        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["a key"] = "é" };
        Assert.Equal(expected, Written(tensors, metadata));

        var read = SafeTensorsFile.Read(_files.Save(expected));
        Assert.Equal(["n", "z", "v", "w", "a", "b"], read.Tensors.Select(t => t.Name));
        Assert.Equal(metadata, read.Metadata);
        Assert.Equal([42L], read["z"].ToTensor<long>().ToArray());
        Assert.Equal(3.25, read["v"].ToTensor<double>().Item());
        Assert.Equal([0.5f, -2f], read["w"].ToTensor<float>().ToArray());
        Assert.Equal([-1, 7], read["a"].ToTensor<int>().ToArray());
        Assert.Equal([1, 2, 255], read["b"].ToTensor<byte>().ToArray());
        Assert.Equal(new Shape(0), read["n"].Shape);
    }

    [Fact]
    public void AForeignLayoutReadsAsLongAsTheOffsetsTileTheBuffer()
    {
        // Pretty-printed, keys not in offset order, metadata last, an unknown field, padding: all valid.
        string header = """
            {
              "second": { "dtype": "F32", "shape": [2], "data_offsets": [4, 12], "comment": "ignored" },
              "first": { "data_offsets": [0, 4], "shape": [], "dtype": "I32" },
              "__metadata__": { "framework": "keras" }
            }
            """ + "   ";
        byte[] buffer = [.. BitConverter.GetBytes(5), .. Floats(1.5f, float.NegativeInfinity)];
        var read = SafeTensorsFile.Read(_files.Save(FileBytes(header, buffer)));

        Assert.Equal(["first", "second"], read.Tensors.Select(t => t.Name));   // the order of the bytes
        Assert.Equal(5, read["first"].ToTensor<int>().Item());
        Assert.Equal([1.5f, float.NegativeInfinity], read["second"].ToTensor<float>().ToArray());
        Assert.Equal("keras", read.Metadata["framework"]);
    }

    [Fact]
    public void TheWrittenHeaderParsesToTheSameEntries()
    {
        byte[] bytes = Written([F32("dense/kernel", [2, 2], 1, 2, 3, 4), F32("dense/bias", [2], 0, 0)]);
        ulong length = BitConverter.ToUInt64(bytes, 0);
        Assert.Equal(0UL, length % 8);
        string header = Encoding.UTF8.GetString(bytes, 8, (int)length);
        using var json = JsonDocument.Parse(header);
        var kernel = json.RootElement.GetProperty("dense/kernel");
        Assert.Equal("F32", kernel.GetProperty("dtype").GetString());
        Assert.Equal([2, 2], kernel.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal([8L, 24L], kernel.GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));   // after "dense/bias"
        Assert.Equal([0L, 8L], json.RootElement.GetProperty("dense/bias").GetProperty("data_offsets").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(8 + (int)length + 24, bytes.Length);
    }
}
