using System.Buffers.Binary;
using DeepSeq.IO;

namespace DeepSeq.Layers.Saving;

/// <summary>
/// Reads and writes the safetensors format (huggingface/safetensors), the weights format of the Hugging Face Hub:
/// a file that is only data, so loading one never runs code (unlike a pickle).
/// </summary>
/// <remarks>
/// <para>The layout, all integers little-endian:</para>
/// <code>
/// [ N: u64 ][ N bytes: UTF-8 JSON header, padded with spaces ][ byte buffer: each tensor's elements, C order ]
/// </code>
/// <para>
/// The header maps each tensor name to its dtype, shape and <c>data_offsets</c> [begin, end) within the buffer, plus
/// an optional <c>"__metadata__"</c> object of strings (<see cref="SafeTensorsHeader"/>). The offsets must tile the
/// buffer exactly: no overlap, no hole, nothing left over.
/// </para>
/// <para>
/// Errors: a file that breaks the format throws <see cref="InvalidDataException"/>, a valid file DeepSeq cannot hold
/// (BF16, rank above 8, ...) throws <see cref="NotSupportedException"/>; both name the file, the tensor and what was
/// expected against what was found.
/// </para>
/// </remarks>
public static class SafeTensorsFile
{
    /// <summary>The largest header the reference implementation accepts (100 MB); a larger one is taken for
    /// corruption.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> and <paramref name="metadata"/> to <paramref name="path"/>, atomically
    /// (<see cref="AtomicFile"/>): if anything throws — a duplicate name, a failing enumerator — an earlier file at
    /// <paramref name="path"/> is left unchanged.
    /// </summary>
    /// <remarks>
    /// Like the reference writer, the tensors are stored sorted by dtype alignment, largest first
    /// (I64, F64, F32, I32, U8), then by name, and the header is padded with spaces to a multiple of 8 bytes: every
    /// tensor then starts at a multiple of its element size, so a reader may map the file and use it in place. For
    /// the same tensors and metadata the file is byte-identical to the reference writer's (the tests check its own
    /// test vectors; names are compared by UTF-16 code unit where Rust compares UTF-8 bytes, which differs only between
    /// characters
    /// beyond U+FFFF and those in U+E000–U+FFFF). Metadata keys are written sorted, for a reproducible file.
    /// </remarks>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="tensors">The entries; their names must be distinct.</param>
    /// <param name="metadata">Free-form strings stored as <c>"__metadata__"</c> (Keras and PyTorch record the framework
    /// there); <c>null</c> or empty for none.</param>
    public static void Write(
        string path,
        IEnumerable<SafeTensor> tensors,
        IReadOnlyDictionary<string,
        string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(tensors);
        // The enumeration runs inside the callback: whatever it throws, the temporary file is removed.
        AtomicFile.Write(path, stream => WriteTo(stream, tensors, metadata, path));
    }

    /// <summary>
    /// Reads the whole file at <paramref name="path"/>. Every length and offset is checked against the file's size
    /// before anything is allocated, so a corrupt or hostile file costs at most its own size in memory.
    /// </summary>
    /// <exception cref="InvalidDataException">The file breaks the format.</exception>
    /// <exception cref="NotSupportedException">The file is valid but holds what DeepSeq cannot (another dtype, rank
    /// above 8, a tensor above 2 GB).</exception>
    public static SafeTensorsContents Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        long length = file.Length;
        if (length < 8)
            throw SafeTensorsHeader.Invalid(path,
                $"the file has {length} bytes; a safetensors file starts with an 8-byte header length");

        Span<byte> prefix = stackalloc byte[8];
        file.ReadExactly(prefix);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        // Both checks come before the allocation: a lying length must not make us ask for exabytes.
        if (headerLength > MaxHeaderBytes)
            throw SafeTensorsHeader.Invalid(path,
                $"the header length is {headerLength} bytes, above the format's limit of {MaxHeaderBytes}");
        if (headerLength > (ulong)(length - 8))
            throw SafeTensorsHeader.Invalid(path,
                $"the header length is {headerLength} bytes but only {length - 8} bytes follow the length field");

        var header = new byte[headerLength];
        file.ReadExactly(header);
        long bufferLength = length - 8 - (long)headerLength;
        var (entries, metadata) = SafeTensorsHeader.Parse(header, bufferLength, path);

        // The entries tile the buffer in order, so their bytes are read front to back without seeking.
        var tensors = new List<SafeTensor>(entries.Count);
        foreach (var entry in entries)
        {
            var data = new byte[entry.ByteCount];
            file.ReadExactly(data);
            tensors.Add(new SafeTensor(entry.Name, entry.DType, entry.Shape, data));
        }
        return new SafeTensorsContents(path, tensors, metadata);
    }

    private static void WriteTo(
        Stream stream,
        IEnumerable<SafeTensor> tensors,
        IReadOnlyDictionary<string,
        string>? metadata,
        string path)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<SafeTensor>();
        foreach (var tensor in tensors)
        {
            if (tensor is null)
                throw new ArgumentException($"safetensors write: {path}: tensor {list.Count} is null", nameof(tensors));
            if (!names.Add(tensor.Name))
                throw new ArgumentException(
                    $"safetensors write: {path}: two tensors are named '{tensor.Name}'", nameof(tensors));
            list.Add(tensor);
        }
        if (metadata is not null)
            foreach (var (key, value) in metadata)
                if (value is null)
                    throw new ArgumentException(
                        $"safetensors write: {path}: metadata '{key}' is null; metadata values are strings",
                        nameof(metadata));

        // The reference's order: alignment descending (the enum is declared in ascending alignment), then name.
        var ordered = list.OrderByDescending(t => t.DType).ThenBy(t => t.Name, StringComparer.Ordinal).ToList();
        byte[] header = SafeTensorsHeader.Build(ordered, metadata);

        Span<byte> prefix = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        foreach (var tensor in ordered) stream.Write(tensor.Data.Span);
    }
}
