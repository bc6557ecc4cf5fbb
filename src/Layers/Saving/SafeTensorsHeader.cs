using System.Buffers;
using System.Numerics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace DeepSeq.Layers.Saving;

/// <summary>
/// The JSON header of a safetensors file: built for writing, parsed and checked for reading.
/// </summary>
/// <remarks>
/// <para>
/// The header is one JSON object. Each key but <c>__metadata__</c> names a tensor and maps to
/// <c>{"dtype": "F32", "shape": [2, 3], "data_offsets": [begin, end]}</c>, where the offsets are byte positions in
/// the buffer that follows the header (end exclusive). <c>__metadata__</c>, when present, maps strings to strings.
/// </para>
/// <para>
/// Reading trusts nothing: a file may be truncated, corrupt or hostile. Every rule of the reference implementation is
/// checked, and a few it leaves to chance (a repeated key, which serde silently resolves to the last one, is refused
/// here). Fields other than the three above are ignored, as the reference ignores them.
/// </para>
/// </remarks>
internal static class SafeTensorsHeader
{
    /// <summary>One tensor as the header describes it; the offsets are relative to the start of the byte
    /// buffer.</summary>
    internal sealed record Entry(string Name, SafeTensorDType DType, Shape Shape, long Begin, long End)
    {
        public int ByteCount => (int)(End - Begin);
    }

    /// <summary>
    /// The header bytes for <paramref name="tensors"/>, laid out one after the other in the given order, with the
    /// metadata first (as the reference writes it), compact, and padded with spaces to a multiple of 8 bytes so that
    /// the buffer starts 8-byte aligned.
    /// </summary>
    public static byte[] Build(IReadOnlyList<SafeTensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // The relaxed encoder writes non-ASCII names as UTF-8, as the reference does, instead of \uXXXX escapes.
        // ("Unsafe" refers to embedding the JSON in HTML, which a header never is.)
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(SafeTensor.MetadataKey);
                // Sorted: the same input gives the same file.
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                    json.WriteString(key, value);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var tensor in tensors)
            {
                json.WriteStartObject(tensor.Name);
                json.WriteString("dtype", tensor.DType.ToString());
                json.WriteStartArray("shape");
                foreach (int d in tensor.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                long end = offset + tensor.Data.Length;
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(end);
                json.WriteEndArray();
                offset = end;
                json.WriteEndObject();
            }
            json.WriteEndObject();
        }
        int padding = (8 - buffer.WrittenCount % 8) % 8;
        buffer.GetSpan(padding)[..padding].Fill((byte)' ');
        buffer.Advance(padding);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Parses and checks <paramref name="header"/> against a byte buffer of <paramref name="bufferLength"/> bytes:
    /// the entries come back ordered by offset, and are known to tile the buffer exactly — contiguous, no overlap,
    /// no hole, nothing past its end — with each entry's byte count equal to prod(shape) × dtype size.
    /// </summary>
    /// <exception cref="InvalidDataException">The header breaks the format; the message names
    /// <paramref name="path"/>.</exception>
    /// <exception cref="NotSupportedException">The header is valid but uses a dtype, rank or size DeepSeq cannot
    /// hold.</exception>
    public static (
        List<Entry> Entries,
        Dictionary<string,
        string> Metadata) Parse(byte[] header, long bufferLength, string path)
    {
        if (!Utf8.IsValid(header)) throw Invalid(path, "the header is not valid UTF-8 text");
        using var document = ParseJson(header, path);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
            throw Invalid(path,
                $"the header is a JSON {Describe(root.ValueKind)}; " +
                $"expected an object mapping tensor names to entries");

        var entries = new List<Entry>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
                throw Invalid(path, property.Name == SafeTensor.MetadataKey
                    ? $"the header holds '{SafeTensor.MetadataKey}' twice"
                    : $"the header names tensor '{property.Name}' twice");
            if (property.Name == SafeTensor.MetadataKey) ReadMetadata(property.Value, metadata, path);
            else entries.Add(ReadEntry(property.Name, property.Value, bufferLength, path));
        }
        // By offset; empty tensors sharing an offset keep the header's order (a stable sort), which is the writer's
        // order.
        entries = entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        CheckTiling(entries, bufferLength, path);
        return (entries, metadata);
    }

    private static JsonDocument ParseJson(byte[] header, string path)
    {
        try
        {
            return JsonDocument.Parse(header);
        }
        catch (JsonException e)
        {
            throw Invalid(path, $"the header is not valid JSON ({e.Message})");
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid(path,
                $"'{SafeTensor.MetadataKey}' is a JSON {Describe(value.ValueKind)}; expected an object of strings");
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
                throw Invalid(path,
                    $"'{SafeTensor.MetadataKey}' entry '{item.Name}' is a JSON " +
                    $"{Describe(item.Value.ValueKind)}; metadata values are strings");
            if (!metadata.TryAdd(item.Name, item.Value.GetString()!))
                throw Invalid(path, $"'{SafeTensor.MetadataKey}' holds key '{item.Name}' twice");
        }
    }

    private static Entry ReadEntry(string name, JsonElement value, long bufferLength, string path)
    {
        if (name.Length == 0) throw Invalid(path, "a tensor has an empty name");
        if (value.ValueKind != JsonValueKind.Object)
            throw Invalid(path,
                $"tensor '{name}' is a JSON {Describe(value.ValueKind)}; " +
                $"expected {{\"dtype\", \"shape\", \"data_offsets\"}}");
        JsonElement? dtypeField = null, shapeField = null, offsetsField = null;
        foreach (var field in value.EnumerateObject())
        {
            switch (field.Name)
            {
                case "dtype": dtypeField = Once(dtypeField, field, name, path); break;
                case "shape": shapeField = Once(shapeField, field, name, path); break;
                case "data_offsets": offsetsField = Once(offsetsField, field, name, path); break;
                default: break;   // unknown fields are ignored, as in the reference
            }
        }

        var dtype = ReadDType(name, dtypeField ?? throw Missing(path, name, "dtype"), path);
        int[] dims = ReadDims(name, shapeField ?? throw Missing(path, name, "shape"), path);
        var (begin, end) = ReadOffsets(name, offsetsField ?? throw Missing(path, name, "data_offsets"), path);

        if (end > bufferLength)
            throw Invalid(path,
                $"tensor '{name}' has data_offsets [{begin}, {end}] but the " +
                $"byte buffer after the header holds only {bufferLength} bytes");
        // BigInteger: a lying shape such as [2^31-1, 2^31-1, 2^31-1] must compare unequal, not overflow.
        var expected = dims.Aggregate(BigInteger.One, (product, d) => product * d) * dtype.Size;
        if (expected != end - begin)
            throw Invalid(path,
                $"tensor '{name}' ({dtype}, shape [{string.Join(", ", dims)}]) needs {expected} bytes but " +
                $"data_offsets [{begin}, {end}] span {end - begin}");
        if (dims.Length > Kernels.Dims8.Capacity)
            throw new NotSupportedException(
                $"safetensors: {path}: tensor '{name}' has rank {dims.Length}; DeepSeq tensors have at most " +
                $"{Kernels.Dims8.Capacity} dimensions");
        if (end - begin > Array.MaxLength)
            throw new NotSupportedException(
                $"safetensors: {path}: tensor '{name}' has {end - begin} bytes; DeepSeq holds at most " +
                $"{Array.MaxLength} in one tensor");
        return new Entry(name, dtype, new Shape(dims), begin, end);
    }

    private static JsonElement Once(JsonElement? already, JsonProperty field, string name, string path)
        => already is null ? field.Value : throw Invalid(path, $"tensor '{name}' has field '{field.Name}' twice");

    private static SafeTensorDType ReadDType(string name, JsonElement field, string path)
    {
        if (field.ValueKind != JsonValueKind.String)
            throw Invalid(path,
                $"tensor '{name}' has a dtype that is a JSON " +
                $"{Describe(field.ValueKind)}; expected a string such as \"F32\"");
        string text = field.GetString()!;
        if (SafeTensorDTypes.TryParse(text, out var dtype)) return dtype;
        if (SafeTensorDTypes.IsOtherFormatDType(text))
            throw new NotSupportedException(
                $"safetensors: {path}: tensor '{name}' has dtype {text}, which " +
                $"DeepSeq does not support (it reads U8, I32, F32, F64 and I64)");
        throw Invalid(path, $"tensor '{name}' has unknown dtype \"{text}\"");
    }

    private static int[] ReadDims(string name, JsonElement field, string path)
    {
        if (field.ValueKind != JsonValueKind.Array)
            throw Invalid(path,
                $"tensor '{name}' has a shape that is a JSON " +
                $"{Describe(field.ValueKind)}; expected an array of whole numbers");
        var dims = new List<int>();
        foreach (var item in field.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out long d))
                throw Invalid(path, $"tensor '{name}' has shape entry {item.GetRawText()}; expected a whole number");
            if (d < 0) throw Invalid(path, $"tensor '{name}' has negative dimension {d} in its shape");
            if (d > int.MaxValue)
                throw new NotSupportedException(
                    $"safetensors: {path}: tensor '{name}' has dimension " +
                    $"{d}; DeepSeq dimensions are at most {int.MaxValue}");
            dims.Add((int)d);
        }
        return [.. dims];
    }

    private static (long Begin, long End) ReadOffsets(string name, JsonElement field, string path)
    {
        if (field.ValueKind != JsonValueKind.Array || field.GetArrayLength() != 2)
            throw Invalid(path, $"tensor '{name}' has data_offsets {field.GetRawText()}; expected [begin, end]");
        var offsets = new long[2];
        int i = 0;
        foreach (var item in field.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetInt64(out offsets[i]) || offsets[i] < 0)
                throw Invalid(path,
                    $"tensor '{name}' has data_offsets {field.GetRawText()}; offsets are whole numbers >= 0");
            i++;
        }
        if (offsets[1] < offsets[0])
            throw Invalid(path,
                $"tensor '{name}' has data_offsets [{offsets[0]}, {offsets[1]}], which end before they begin");
        return (offsets[0], offsets[1]);
    }

    // The reference's rule: sorted by offset, each tensor starts where the previous ended, and the last one ends at
    // the end of the file. So no byte is read twice (overlap) and no byte is unaccounted for (hole).
    private static void CheckTiling(List<Entry> entries, long bufferLength, string path)
    {
        long position = 0;
        string previous = "the start of the buffer";
        foreach (var entry in entries)
        {
            if (entry.Begin < position)
                throw Invalid(path,
                    $"tensor '{entry.Name}' (bytes {entry.Begin}..{entry.End}) " +
                    $"overlaps {previous}, which ends at {position}");
            if (entry.Begin > position)
                throw Invalid(path,
                    $"bytes {position}..{entry.Begin} of the buffer, between " +
                    $"{previous} and tensor '{entry.Name}', belong to no tensor");
            position = entry.End;
            previous = $"tensor '{entry.Name}'";
        }
        if (position != bufferLength)
            throw Invalid(path,
                $"the byte buffer holds {bufferLength} bytes but the tensors cover only {position} (the last " +
                $"{bufferLength - position} belong to no tensor)");
    }

    private static InvalidDataException Missing(string path, string name, string field)
        => Invalid(path, $"tensor '{name}' has no \"{field}\" field");

    internal static InvalidDataException Invalid(string path, string what) => new($"safetensors: {path}: {what}");

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };
}
