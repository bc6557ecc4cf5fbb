using DeepSeq.Layers.Saving;
using FsCheck;
using FsCheck.Fluent;
using Google.Protobuf;
using Xunit;

namespace DeepSeq.Tests.Layers.Saving;

/// <summary>
/// <see cref="OnnxModelReader"/> and <see cref="OnnxModel"/> (src/Layers/Saving/OnnxModelReader.cs) on models built
/// here field by field with Google.Protobuf's <see cref="CodedOutputStream"/> (numbers from onnx/onnx.proto): a tiny
/// valid model's nodes, inputs, outputs and initializers (packed and unpacked, raw and typed), and the names
/// <see cref="OnnxModel.NamedWeights"/> gives its anonymous MatMul matrix; and malformed input — every truncation of
/// that model, random bytes, an empty stream, a protobuf without a graph — each an <see cref="InvalidDataException"/>
/// naming the source.
/// </summary>
public sealed class OnnxModelReaderTests
{
    private const string Source = "tiny-test.onnx";

    /// <summary>One length-delimited message, its fields written by <paramref name="write"/>.</summary>
    private static ByteString Message(Action<CodedOutputStream> write)
    {
        using var bytes = new MemoryStream();
        var output = new CodedOutputStream(bytes);
        write(output);
        output.Flush();
        return ByteString.CopyFrom(bytes.ToArray());
    }

    private static void Field(CodedOutputStream output, int number, ByteString message)
    {
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(message);
    }

    private static void Field(CodedOutputStream output, int number, string text)
    {
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteString(text);
    }

    private static void Field(CodedOutputStream output, int number, long value)
    {
        output.WriteTag(number, WireFormat.WireType.Varint);
        output.WriteInt64(value);
    }

    /// <summary>NodeProto: input (1), output (2), name (3), op_type (4).</summary>
    private static ByteString Node(string name, string op, string[] inputs, string[] outputs) => Message(o =>
    {
        foreach (string input in inputs) Field(o, 1, input);
        foreach (string output in outputs) Field(o, 2, output);
        Field(o, 3, name);
        Field(o, 4, op);
    });

    /// <summary>ValueInfoProto with only its name (1).</summary>
    private static ByteString ValueInfo(string name) => Message(o => Field(o, 1, name));

    /// <summary>
    /// y = x·W + dense.bias, W the anonymous initializer <c>onnx::MatMul_7</c> (2, 3) in raw_data with packed
    /// dims; dense.bias (3) in packed float_data; scale (1) in unpacked float_data with unpacked dims; an int64
    /// shape constant; the initializers also listed as graph inputs, as older exporters list them; and fields
    /// the reader skips (ir_version, producer_name, doc_string, opset_import) before the graph, which comes last.
    /// </summary>
    private static byte[] TinyModel()
    {
        float[] w = [1, 2, 3, 4, 5, 6];
        var graph = Message(g =>
        {
            Field(g, 1, Node("mm", "MatMul", ["x", "onnx::MatMul_7"], ["xw"]));
            Field(g, 1, Node("add", "Add", ["xw", "dense.bias"], ["y"]));
            Field(g, 2, "tiny");
            Field(g, 5, Message(t =>
            {
                Field(t, 1, Message(d => { d.WriteInt64(2); d.WriteInt64(3); }));   // packed dims
                Field(t, 2, 1);
                Field(t, 8, "onnx::MatMul_7");
                Field(t, 9, ByteString.CopyFrom([.. w.SelectMany(BitConverter.GetBytes)]));
            }));
            Field(g, 5, Message(t =>
            {
                Field(t, 1, 3);
                Field(t, 2, 1);
                Field(t, 4, Message(f => { f.WriteFloat(0.5f); f.WriteFloat(-1); f.WriteFloat(2); }));   // packed
                Field(t, 8, "dense.bias");
            }));
            Field(g, 5, Message(t =>
            {
                Field(t, 1, 1);
                Field(t, 2, 1);
                t.WriteTag(4, WireFormat.WireType.Fixed32);
                t.WriteFloat(0.25f);
                Field(t, 8, "scale");
            }));
            Field(g, 5, Message(t =>
            {
                Field(t, 1, 2);
                Field(t, 2, 7);   // INT64
                Field(t, 7, Message(v => { v.WriteInt64(-1); v.WriteInt64(3); }));
                Field(t, 8, "shape");
            }));
            Field(g, 11, ValueInfo("x"));
            Field(g, 11, ValueInfo("onnx::MatMul_7"));
            Field(g, 11, ValueInfo("dense.bias"));
            Field(g, 12, ValueInfo("y"));
        });
        return Message(m =>
        {
            Field(m, 1, 7);
            Field(m, 2, "deepseq-tests");
            Field(m, 6, "a model written by hand");
            Field(m, 8, Message(opset => { Field(opset, 1, ""); Field(opset, 2, 13); }));
            Field(m, 7, graph);
        }).ToByteArray();
    }

    private static OnnxModel Read(byte[] bytes) => OnnxModelReader.Read(new MemoryStream(bytes), Source);

    [Fact]
    public void A_tiny_model_reads_back_field_by_field()
    {
        var model = Read(TinyModel());
        Assert.Equal(Source, model.Source);
        Assert.Equal(["MatMul", "Add"], model.Nodes.Select(n => n.OpType));
        Assert.Equal(["mm", "add"], model.Nodes.Select(n => n.Name));
        Assert.Equal(["x", "onnx::MatMul_7"], model.Nodes[0].Inputs);
        Assert.Equal(["xw"], model.Nodes[0].Outputs);
        Assert.Equal(["xw", "dense.bias"], model.Nodes[1].Inputs);
        Assert.Equal(["x"], model.Inputs);
        Assert.Equal(["y"], model.Outputs);
        Assert.Equal(["dense.bias", "onnx::MatMul_7", "scale"], model.Initializers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([2, 3], model.Initializer("onnx::MatMul_7").Shape.ToArray());
        Assert.Equal([1f, 2, 3, 4, 5, 6], model.Initializer("onnx::MatMul_7").ToArray());
        Assert.Equal([0.5f, -1, 2], model.Initializer("dense.bias").ToArray());
        Assert.Equal([1], model.Initializer("scale").Shape.ToArray());
        Assert.Equal([0.25f], model.Initializer("scale").ToArray());
        Assert.Equal(7, model.OtherInitializers["shape"]);
        Assert.Contains("data type 7", Assert.Throws<NotSupportedException>(() => model.Initializer("shape")).Message);
        Assert.Contains($"{Source}: no initializer named 'nothing'",
            Assert.Throws<InvalidDataException>(() => model.Initializer("nothing")).Message);
    }

    [Fact]
    public void Named_weights_name_the_matmul_matrix_after_its_bias()
    {
        var weights = Read(TinyModel()).NamedWeights();
        Assert.Equal(["dense.bias", "dense.weight", "scale"], weights.Keys.Order(StringComparer.Ordinal));
        Assert.Equal([2, 3], weights["dense.weight"].Shape.ToArray());
        Assert.Equal([1f, 2, 3, 4, 5, 6], weights["dense.weight"].ToArray());
    }

    [Fact]
    public void Every_truncation_of_a_valid_model_is_an_invalid_data_error_naming_the_source()
    {
        byte[] model = TinyModel();
        for (int length = 0; length < model.Length; length++)
        {
            var e = Record.Exception(() => Read(model[..length]));
            Assert.True(e is InvalidDataException && e.Message.StartsWith(Source, StringComparison.Ordinal),
                $"{length} of {model.Length} bytes: {e?.GetType().Name ?? "no exception"}: {e?.Message}");
        }
    }

    [Fact]
    public void Random_bytes_are_an_invalid_data_error_naming_the_source() => Check.One(
        Config.QuickThrowOnFailure.WithMaxTest(200).WithQuietOnSuccess(true),
        Prop.ForAll(Gen.Choose(0, int.MaxValue).SelectMany(seed => Gen.Choose(1, 600).Select(n => (seed, n)))
            .ToArbitrary(), t =>
        {
            var bytes = new byte[t.n];
            new Random(t.seed).NextBytes(bytes);
            var e = Record.Exception(() => Read(bytes));
            Assert.True(e is InvalidDataException && e.Message.StartsWith(Source, StringComparison.Ordinal),
                $"{t.n} random bytes (seed {t.seed}): {e?.GetType().Name ?? "no exception"}: {e?.Message}");
        }));

    [Fact]
    public void An_empty_stream_is_a_model_without_a_graph()
        => Assert.Equal($"{Source}: the ONNX model has no graph (field 7)",
            Assert.Throws<InvalidDataException>(() => Read([])).Message);

    [Fact]
    public void A_valid_protobuf_without_a_graph_is_an_invalid_data_error()
    {
        byte[] noGraph = Message(m =>
        {
            Field(m, 1, 7);
            Field(m, 2, "pytorch");
            Field(m, 8, Message(opset => Field(opset, 2, 13)));
        }).ToByteArray();
        Assert.Equal($"{Source}: the ONNX model has no graph (field 7)",
            Assert.Throws<InvalidDataException>(() => Read(noGraph)).Message);
    }

    [Fact]
    public void A_graph_field_of_the_wrong_wire_type_is_an_invalid_data_error()
    {
        byte[] varintGraph = Message(m => Field(m, 7, 3)).ToByteArray();
        var e = Assert.Throws<InvalidDataException>(() => Read(varintGraph));
        Assert.StartsWith(Source, e.Message);
    }

    [Fact]
    public void Initializer_data_that_does_not_fit_its_dims_is_an_error_naming_the_tensor()
    {
        byte[] model = Message(m => Field(m, 7, Message(g => Field(g, 5, Message(t =>
        {
            Field(t, 1, Message(d => { d.WriteInt64(2); d.WriteInt64(2); }));
            Field(t, 2, 1);
            Field(t, 8, "short");
            Field(t, 9, ByteString.CopyFrom(new byte[12]));
        }))))).ToByteArray();
        var e = Assert.Throws<InvalidDataException>(() => Read(model));
        Assert.Contains($"{Source}: initializer 'short' of shape (2, 2) should hold 4 floats, holds 3", e.Message);
    }
}
