namespace DeepSeq.Layers.Saving;

/// <summary>
/// The element types DeepSeq reads and writes in a safetensors file, spelled as in the file's header
/// (<c>"dtype": "F32"</c>). All are little-endian.
/// </summary>
/// <remarks>
/// The members are declared in the order of the reference implementation's <c>Dtype</c> enum (huggingface/safetensors,
/// <c>tensor.rs</c>), which is ascending alignment. The writer sorts tensors by this order, descending, so that every
/// tensor's bytes start at a multiple of its element size (see <see cref="SafeTensorsFile.Write"/>). The format knows
/// more types (BOOL, I8, I16, U16, U32, U64, F16, BF16, F8_E5M2, F8_E4M3, ...); a file holding one of them is refused
/// with <see cref="NotSupportedException"/>.
/// </remarks>
public enum SafeTensorDType
{
    /// <summary>Unsigned 8-bit integer (.NET <see cref="byte"/>).</summary>
    U8,

    /// <summary>Signed 32-bit integer (.NET <see cref="int"/>).</summary>
    I32,

    /// <summary>IEEE 754 binary32 (.NET <see cref="float"/>).</summary>
    F32,

    /// <summary>IEEE 754 binary64 (.NET <see cref="double"/>).</summary>
    F64,

    /// <summary>Signed 64-bit integer (.NET <see cref="long"/>).</summary>
    I64,
}

/// <summary>What a <see cref="SafeTensorDType"/> means: its size, its .NET type, and its name in a header.</summary>
public static class SafeTensorDTypes
{
    /// <summary>The dtypes the safetensors format defines that DeepSeq has no .NET type for; used to tell "unsupported"
    /// from "invalid".</summary>
    private static readonly HashSet<string> OtherFormatDTypes =
        [
            "BOOL", "I8", "I16", "U16", "U32", "U64", "F16", "BF16", "F8_E5M2", "F8_E4M3", "F8_E8M0", "F4", "F6_E2M3",
            "F6_E3M2", "C64",
        ];

    extension(SafeTensorDType dtype)
    {
        /// <summary>Bytes per element: 1 for U8, 4 for I32 and F32, 8 for F64 and I64.</summary>
        public int Size => dtype switch
        {
            SafeTensorDType.U8 => 1,
            SafeTensorDType.I32 or SafeTensorDType.F32 => 4,
            SafeTensorDType.F64 or SafeTensorDType.I64 => 8,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "safetensors: not a dtype"),
        };

        /// <summary>The .NET element type: <see cref="byte"/>, <see cref="int"/>, <see cref="float"/>,
        /// <see cref="double"/> or <see cref="long"/>.</summary>
        public Type ElementType => dtype switch
        {
            SafeTensorDType.U8 => typeof(byte),
            SafeTensorDType.I32 => typeof(int),
            SafeTensorDType.F32 => typeof(float),
            SafeTensorDType.F64 => typeof(double),
            SafeTensorDType.I64 => typeof(long),
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "safetensors: not a dtype"),
        };
    }

    /// <summary>The dtype that stores a <typeparamref name="T"/>; throws <see cref="ArgumentException"/> for a type
    /// safetensors cannot hold here.</summary>
    public static SafeTensorDType Of<T>() => typeof(T) switch
    {
        var t when t == typeof(byte) => SafeTensorDType.U8,
        var t when t == typeof(int) => SafeTensorDType.I32,
        var t when t == typeof(float) => SafeTensorDType.F32,
        var t when t == typeof(double) => SafeTensorDType.F64,
        var t when t == typeof(long) => SafeTensorDType.I64,
        var t => throw new ArgumentException(
            $"safetensors: no dtype for {t.Name}; DeepSeq stores byte " +
            $"(U8), int (I32), float (F32), double (F64) and long (I64)"),
    };

    /// <summary>Reads a header's dtype name. Exact and case-sensitive, as in the format; unlike
    /// <see cref="Enum.TryParse{TEnum}(string, out TEnum)"/> it refuses numbers such as "3".</summary>
    internal static bool TryParse(string name, out SafeTensorDType dtype)
    {
        (bool known, dtype) = name switch
        {
            "U8" => (true, SafeTensorDType.U8),
            "I32" => (true, SafeTensorDType.I32),
            "F32" => (true, SafeTensorDType.F32),
            "F64" => (true, SafeTensorDType.F64),
            "I64" => (true, SafeTensorDType.I64),
            _ => (false, default),
        };
        return known;
    }

    /// <summary>Whether <paramref name="name"/> is a dtype of the format that DeepSeq does not support (rather than no
    /// dtype at all).</summary>
    internal static bool IsOtherFormatDType(string name) => OtherFormatDTypes.Contains(name);
}
