using System.Runtime.InteropServices;
using Google.Protobuf;

namespace DeepSeq.Layers.Saving;

/// <summary>One node of an ONNX graph: its operator and the names of the values it reads and writes.</summary>
/// <param name="Name">the node's name (may be empty)</param>
/// <param name="OpType">the operator, e.g. <c>MatMul</c></param>
/// <param name="Inputs">the values it reads, in order (graph inputs, initializers or other nodes' outputs)</param>
/// <param name="Outputs">the values it writes</param>
public sealed record OnnxNode(string Name, string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs);

/// <summary>What DeepSeq takes from an ONNX model: the graph's nodes, its input and output names and its float32
/// initializers (the weights), by name.</summary>
/// <param name="Source">the file's name, for error messages</param>
/// <param name="Nodes">the graph's nodes in file order (ONNX stores them topologically sorted)</param>
/// <param name="Inputs">the graph's input names (initializers listed as inputs by older exporters excluded)</param>
/// <param name="Outputs">the graph's output names</param>
/// <param name="Initializers">the float32 initializers by name</param>
/// <param name="OtherInitializers">the names of initializers of other types (int64 shape constants, ...) and their
/// ONNX data type, kept so that asking for one gives a clear error</param>
public sealed record OnnxModel(string Source, IReadOnlyList<OnnxNode> Nodes, IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Outputs, IReadOnlyDictionary<string, Tensor<float>> Initializers,
    IReadOnlyDictionary<string, int> OtherInitializers)
{
    /// <summary>The float32 initializer <paramref name="name"/>; a clear error naming the file when it is missing
    /// or of another type.</summary>
    public Tensor<float> Initializer(string name)
    {
        if (Initializers.TryGetValue(name, out var tensor)) return tensor;
        if (OtherInitializers.TryGetValue(name, out int type))
            throw new NotSupportedException($"{Source}: initializer '{name}' has ONNX data type {type}, not float32 (1)");
        throw new InvalidDataException($"{Source}: no initializer named '{name}'");
    }

    /// <summary>
    /// Every float32 weight by name, the anonymous matrices of linear layers named after their biases: a
    /// <c>MatMul(x, W)</c> whose W is an initializer followed by an <c>Add</c> that takes the initializer
    /// <c>prefix.bias</c> gives W the name <c>prefix.weight</c>.
    /// </summary>
    /// <remarks>
    /// <para>PyTorch's exporter keeps the module names of parameters it stores as they are (embeddings, biases,
    /// LayerNorm weights), but a <c>Linear</c> weight is exported transposed, as the (in, out) operand of a MatMul,
    /// and gets a numbered name (<c>onnx::MatMul_1234</c>). W keeps that (in, out) layout here: Keras's kernel
    /// layout, the transpose of PyTorch's (out, in) <c>weight</c>.</para>
    /// <para>A MatMul on a weight whose name does not end in <c>.weight</c> and that no Add with a <c>.bias</c>
    /// initializer follows is an error naming the node and the tensor, as is a name that would be given twice.</para>
    /// </remarks>
    public IReadOnlyDictionary<string, Tensor<float>> NamedWeights()
    {
        var named = new Dictionary<string, Tensor<float>>(Initializers);
        var consumers = Nodes.SelectMany(n => n.Inputs.Select(i => (input: i, node: n)))
            .ToLookup(p => p.input, p => p.node);
        foreach (var matMul in Nodes.Where(n => n.OpType == "MatMul" && n.Inputs.Count == 2))
        {
            string matrix = matMul.Inputs[1];
            if (!Initializers.ContainsKey(matrix) || matrix.EndsWith(".weight", StringComparison.Ordinal)) continue;
            string bias = consumers[matMul.Outputs[0]].Where(n => n.OpType == "Add")
                .SelectMany(n => n.Inputs)
                .FirstOrDefault(i => i.EndsWith(".bias", StringComparison.Ordinal) && Initializers.ContainsKey(i))
                ?? throw new InvalidDataException(
                    $"{Source}: MatMul node '{matMul.Name}' multiplies by the unnamed initializer '{matrix}', but no " +
                    "Add taking a '….bias' initializer follows it, so the matrix cannot be named");
            string name = bias[..^".bias".Length] + ".weight";
            if (!named.TryAdd(name, Initializers[matrix]))
                throw new InvalidDataException(
                    $"{Source}: '{matrix}' (MatMul node '{matMul.Name}') would be named '{name}', which is taken");
            named.Remove(matrix);
        }
        return named;
    }
}

/// <summary>
/// Reads an ONNX model (a protobuf <c>ModelProto</c>, onnx/onnx.proto) field by field with Google.Protobuf's
/// <see cref="CodedInputStream"/>: no generated code, only the fields DeepSeq uses are decoded and the others are
/// skipped by their wire type.
/// </summary>
/// <remarks>
/// The fields read (numbers from onnx.proto): ModelProto 7 graph; GraphProto 1 node, 5 initializer, 11 input,
/// 12 output; NodeProto 1 input, 2 output, 3 name, 4 op_type; ValueInfoProto 1 name; TensorProto 1 dims,
/// 2 data_type, 4 float_data, 8 name, 9 raw_data (little-endian), 14 data_location. Tensors stored outside the file
/// (data_location = EXTERNAL) are refused with <see cref="NotSupportedException"/>; a truncated or malformed
/// message throws <see cref="InvalidDataException"/> naming the source.
/// </remarks>
public static class OnnxModelReader
{
    private const int FloatType = 1;

    /// <summary>Reads the model in <paramref name="stream"/> (read to its end; not closed).</summary>
    /// <param name="stream">the model.onnx bytes</param>
    /// <param name="source">a name for error messages, e.g. the file's</param>
    public static OnnxModel Read(Stream stream, string source = "model.onnx")
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        try
        {
            return ReadModel(new CodedInputStream(buffer.GetBuffer(), 0, (int)buffer.Length), source);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException($"{source}: not a valid ONNX (protobuf) file: {e.Message}", e);
        }
    }

    private static OnnxModel ReadModel(CodedInputStream input, string source)
    {
        OnnxModel? model = null;
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 7) model = ReadGraph(input.ReadBytes().CreateCodedInput(), source);
            else input.SkipLastField();
        }
        return model ?? throw new InvalidDataException($"{source}: the ONNX model has no graph (field 7)");
    }

    private static OnnxModel ReadGraph(CodedInputStream input, string source)
    {
        var nodes = new List<OnnxNode>();
        var inputs = new List<string>();
        var outputs = new List<string>();
        var floats = new Dictionary<string, Tensor<float>>();
        var others = new Dictionary<string, int>();
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: nodes.Add(ReadNode(input.ReadBytes().CreateCodedInput())); break;
                case 5: ReadInitializer(input.ReadBytes().CreateCodedInput(), source, floats, others); break;
                case 11: inputs.Add(ReadValueInfoName(input.ReadBytes().CreateCodedInput())); break;
                case 12: outputs.Add(ReadValueInfoName(input.ReadBytes().CreateCodedInput())); break;
                default: input.SkipLastField(); break;
            }
        }
        inputs.RemoveAll(name => floats.ContainsKey(name) || others.ContainsKey(name));
        return new OnnxModel(source, nodes, inputs, outputs, floats, others);
    }

    private static OnnxNode ReadNode(CodedInputStream input)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        string name = "", opType = "";
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1: inputs.Add(input.ReadString()); break;
                case 2: outputs.Add(input.ReadString()); break;
                case 3: name = input.ReadString(); break;
                case 4: opType = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        }
        return new OnnxNode(name, opType, inputs, outputs);
    }

    private static string ReadValueInfoName(CodedInputStream input)
    {
        string name = "";
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1) name = input.ReadString();
            else input.SkipLastField();
        }
        return name;
    }

    private static void ReadInitializer(CodedInputStream input, string source, Dictionary<string, Tensor<float>> floats,
        Dictionary<string, int> others)
    {
        var dims = new List<long>();
        var floatData = new List<float>();
        ByteString? raw = null;
        string name = "";
        int type = 0;
        bool external = false;
        for (uint tag; (tag = input.ReadTag()) != 0;)
        {
            bool packed = WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited;
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when packed: ReadPacked(input, s => dims.Add(s.ReadInt64())); break;
                case 1: dims.Add(input.ReadInt64()); break;
                case 2: type = input.ReadInt32(); break;
                case 4 when packed: ReadPacked(input, s => floatData.Add(s.ReadFloat())); break;
                case 4: floatData.Add(input.ReadFloat()); break;
                case 8: name = input.ReadString(); break;
                case 9: raw = input.ReadBytes(); break;
                case 14: external = input.ReadInt32() == 1; break;
                default: input.SkipLastField(); break;
            }
        }
        if (type != FloatType)
        {
            others[name] = type;
            return;
        }
        if (external)
            throw new NotSupportedException($"{source}: initializer '{name}' keeps its data in an external file");
        if (dims.Any(d => d < 0 || d > int.MaxValue))
            throw new InvalidDataException($"{source}: initializer '{name}' has dims ({string.Join(", ", dims)})");
        var shape = dims.Select(d => (int)d).ToArray();
        long size = shape.Aggregate(1L, (p, d) => p * d);
        float[] values = raw is null ? [.. floatData] : MemoryMarshal.Cast<byte, float>(raw.Span).ToArray();
        if (raw is not null && raw.Length % sizeof(float) != 0 || values.Length != size)
            throw new InvalidDataException(
                $"{source}: initializer '{name}' of shape ({string.Join(", ", shape)}) should hold {size} floats, " +
                $"holds {(raw is null ? values.Length : raw.Length / (double)sizeof(float))}");
        if (!BitConverter.IsLittleEndian)
            throw new NotSupportedException("ONNX raw data is little-endian; this machine is not");
        if (!floats.TryAdd(name, Tensor.FromArray<float>(values, new Shape(shape))))
            throw new InvalidDataException($"{source}: two initializers are named '{name}'");
    }

    /// <summary>Reads a packed repeated field: a length-delimited run of values.</summary>
    private static void ReadPacked(CodedInputStream input, Action<CodedInputStream> readOne)
    {
        var run = input.ReadBytes().CreateCodedInput();
        while (!run.IsAtEnd) readOne(run);
    }
}
