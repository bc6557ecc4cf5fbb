using System.Buffers.Binary;

namespace DeepSeq.Data.Formats;

/// <summary>
/// What the file readers share: reading an exact number of bytes without trusting a header's size claims,
/// and turning raw element bytes into a DeepSeq tensor.
/// </summary>
/// <remarks>
/// The rule every reader follows: a header is a claim, not a fact. Before anything is allocated, the bytes the
/// header asks for are computed with overflow checks and compared with what the source can still provide;
/// when that is unknown (a gzip or zip member stream), the buffer grows only as real bytes arrive. A lying
/// header therefore ends in a <see cref="DataFormatException"/>, never in an <see cref="OutOfMemoryException"/>.
/// </remarks>
internal static class FormatInput
{
    // Growth step for streams of unknown length: small enough that a lying header costs at most this much.
    private const int Chunk = 1 << 20;

    /// <summary>A stored element type: its kind (f, i, u, b), size in bytes and byte order.</summary>
    internal readonly record struct ElementType(char Kind, int Size, bool BigEndian)
    {
        /// <summary>The NumPy spelling, e.g. <c>&lt;f4</c>; one-byte types take <c>|</c>.</summary>
        public string DType => $"{(Size == 1 ? '|' : BigEndian ? '>' : '<')}{Kind}{Size}";

        /// <summary>Whether <see cref="Decode"/> knows this type.</summary>
        public bool IsSupported => (Kind, Size) is ('f', 2) or ('f', 4) or ('f', 8) or ('i', 1) or ('i', 2) or ('i', 4)
                                   or ('i', 8) or ('u', 1) or ('u', 2) or ('b', 1);
    }

    /// <summary>The loaders' one exception: <paramref name="message"/> at <paramref name="position"/> of
    /// <paramref name="source"/>.</summary>
    internal static DataFormatException Malformed(string source, string position, string message)
        => new(source, position, message);

    /// <summary>
    /// The number of elements of <paramref name="dims"/> and of bytes at <paramref name="itemSize"/> bytes each,
    /// computed in checked 64-bit arithmetic: a product that overflows is a malformed header.
    /// </summary>
    internal static (long Elements, long Bytes) Count(ReadOnlySpan<long> dims, int itemSize, string source)
    {
        long elements = 1;
        if (dims.Contains(0)) elements = 0;   // an empty array, however large its other dimensions
        else
            try { foreach (long d in dims) elements = checked(elements * d); }
            catch (OverflowException)
            {
                throw Malformed(source, "header",
                    $"the header's shape {FormatDims(dims)} has more elements than 2⁶³; the header is corrupt");
            }
        try { return (elements, checked(elements * itemSize)); }
        catch (OverflowException)
        {
            throw Malformed(source, "header",
                $"the header's shape {FormatDims(dims)} needs more than 2⁶³ bytes; the header is corrupt");
        }
    }

    /// <summary>
    /// The DeepSeq <see cref="Shape"/> for header dimensions already checked against the file's size: what is
    /// well-formed but beyond DeepSeq (more than 8 dimensions, more elements than an array holds) is refused with a
    /// <see cref="DataFormatException"/> too, its reason saying what DeepSeq does not read.
    /// </summary>
    internal static Shape ToShape(ReadOnlySpan<long> dims, long elements, string source)
    {
        if (dims.Length > DeepSeq.Kernels.Dims8.Capacity)
            throw Malformed(source, "header", $"the array has {dims.Length} dimensions; DeepSeq tensors have " +
                $"at most {DeepSeq.Kernels.Dims8.Capacity}");
        if (elements > Array.MaxLength)
            throw Malformed(source, "header",
                $"shape {FormatDims(dims)} has {elements} elements, more than a .NET array can hold");
        var ints = new int[dims.Length];
        for (int d = 0; d < dims.Length; d++)
            ints[d] = dims[d] <= int.MaxValue
                ? (int)dims[d]
                : throw Malformed(source, "header",
                    $"dimension {d} of shape {FormatDims(dims)} exceeds {int.MaxValue}");
        return new Shape(ints);
    }

    /// <summary>(2, 3) style, for messages.</summary>
    internal static string FormatDims(ReadOnlySpan<long> dims) => "(" + string.Join(", ", dims.ToArray()) + ")";

    /// <summary>
    /// Reads exactly <paramref name="count"/> bytes. When <paramref name="remaining"/> (the bytes the source still
    /// holds) is known, a shortfall is reported before allocating; when it is not, the buffer grows one chunk at a
    /// time as bytes actually arrive. Either way a short source throws "truncated", naming <paramref name="what"/>.
    /// </summary>
    internal static byte[] ReadExactly(Stream stream, long count, long? remaining, string source, string what)
    {
        if (remaining is long left && count > left)
            throw Malformed(source, "end of file",
                $"truncated: the {what} needs {count} bytes but only {left} remain in the file");
        if (count > Array.MaxLength)
            throw Malformed(source, "header",
                $"the {what} is {count} bytes, more than a .NET array can hold ({Array.MaxLength})");

        int n = (int)count;
        // Known length: the source has proven it holds n bytes, so allocating n is safe.
        var buffer = new byte[remaining is null ? Math.Min(n, Chunk) : n];
        int filled = 0;
        while (filled < n)
        {
            if (filled == buffer.Length)
                Array.Resize(ref buffer, (int)Math.Min(n, (long)buffer.Length * 2));
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            if (read == 0)
                throw Malformed(source, "end of file",
                    $"truncated: the {what} needs {count} bytes but the file ends after {filled}");
            filled += read;
        }
        return buffer;
    }

    /// <summary>Throws when anything follows the data: extra bytes mean the header and the data disagree.</summary>
    internal static void ExpectEnd(Stream stream, long? remaining, string source)
    {
        bool more = remaining is long left ? left > 0 : stream.ReadByte() >= 0;
        if (more)
            throw Malformed(source, "end of data",
                $"{(remaining is long l ? l.ToString() : "unexpected")} extra bytes after the " +
                "data; the header's shape does not match the file");
    }

    /// <summary>
    /// Turns <paramref name="raw"/> (row-major elements of <paramref name="type"/>) into a tensor of
    /// <paramref name="shape"/>, mapping the stored type as the table on <see cref="LoadedArray"/> describes.
    /// </summary>
    internal static LoadedArray Decode(byte[] raw, ElementType type, Shape shape, string source)
    {
        int n = shape.Size;
        bool be = type.BigEndian;
        ReadOnlySpan<byte> r = raw;
        object tensor;
        switch (type.Kind, type.Size)
        {
            case ('f', 2):
            {
                var data = new float[n];
                for (int i = 0; i < n; i++)
                    data[i] = (float)(be ? BinaryPrimitives.ReadHalfBigEndian(r[(2 * i)..])
                        : BinaryPrimitives.ReadHalfLittleEndian(r[(2 * i)..]));
                tensor = Tensor.FromArray<float>(data, shape);
                break;
            }
            case ('f', 4):
            {
                var data = new float[n];
                for (int i = 0; i < n; i++)
                    data[i] = be ? BinaryPrimitives.ReadSingleBigEndian(r[(4 * i)..])
                        : BinaryPrimitives.ReadSingleLittleEndian(r[(4 * i)..]);
                tensor = Tensor.FromArray<float>(data, shape);
                break;
            }
            case ('f', 8):
            {
                var data = new double[n];
                for (int i = 0; i < n; i++)
                    data[i] = be ? BinaryPrimitives.ReadDoubleBigEndian(r[(8 * i)..])
                        : BinaryPrimitives.ReadDoubleLittleEndian(r[(8 * i)..]);
                tensor = Tensor.FromArray<double>(data, shape);
                break;
            }
            default:
            {
                var data = new int[n];
                for (int i = 0; i < n; i++) data[i] = ReadInt(r, i, type, source);
                tensor = Tensor.FromArray<int>(data, shape);
                break;
            }
        }
        return new LoadedArray(type.DType, shape, tensor);
    }

    private static int ReadInt(ReadOnlySpan<byte> r, int i, ElementType type, string source)
    {
        bool be = type.BigEndian;
        switch (type.Kind, type.Size)
        {
            case ('b', 1): return r[i] != 0 ? 1 : 0;
            case ('u', 1): return r[i];
            case ('i', 1): return (sbyte)r[i];
            case ('i', 2):
                return be ? BinaryPrimitives.ReadInt16BigEndian(r[(2 * i)..])
                    : BinaryPrimitives.ReadInt16LittleEndian(r[(2 * i)..]);
            case ('u', 2):
                return be ? BinaryPrimitives.ReadUInt16BigEndian(r[(2 * i)..])
                    : BinaryPrimitives.ReadUInt16LittleEndian(r[(2 * i)..]);
            case ('i', 4):
                return be ? BinaryPrimitives.ReadInt32BigEndian(r[(4 * i)..])
                    : BinaryPrimitives.ReadInt32LittleEndian(r[(4 * i)..]);
            case ('i', 8):
                long v = be ? BinaryPrimitives.ReadInt64BigEndian(r[(8 * i)..])
                    : BinaryPrimitives.ReadInt64LittleEndian(r[(8 * i)..]);
                if (v is < int.MinValue or > int.MaxValue)
                    throw Malformed(source, $"element {i:N0}",
                        $"element {i} is {v}, outside the int range; int64 arrays load as Tensor<int> only " +
                        "when every value fits");
                return (int)v;
            default:
                throw Malformed(source, "header", $"element type '{type.DType}' is not supported");
        }
    }
}
