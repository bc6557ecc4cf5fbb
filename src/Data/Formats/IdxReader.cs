using System.Buffers.Binary;

namespace DeepSeq.Data.Formats;

/// <summary>
/// Reads the IDX format, in which MNIST, Fashion-MNIST and EMNIST are distributed, gzipped or not.
/// </summary>
/// <remarks>
/// <para>An IDX file is a 4-byte magic number, one 4-byte size per dimension, then the elements, all big-endian:</para>
/// <code>
/// byte 0, 1   0x00 0x00
/// byte 2      element type: 0x08 ubyte, 0x09 sbyte, 0x0B short (2 bytes), 0x0C int (4), 0x0D float (4),
///             0x0E double (8)
/// byte 3      number of dimensions (1 for labels, 3 for images)
/// then        one unsigned 32-bit big-endian size per dimension
/// then        the elements, row-major, big-endian
/// </code>
/// <para>
/// So MNIST's <c>train-images-idx3-ubyte</c> starts 00 00 08 03, then 60000, 28, 28: 47,040,000 pixels, read here as a
/// <c>Tensor&lt;int&gt;</c> of shape (60000, 28, 28) with values 0..255 (see <see cref="LoadedArray"/> for the type
/// mapping).
/// </para>
/// <para>
/// A gzipped file is recognised by its first two bytes (1F 8B), not by its name, and decompressed on the fly. Its
/// decompressed length is unknown in advance, so there the reader grows its buffer only as real bytes arrive.
/// </para>
/// <para>What goes wrong, and what is thrown (every message starts with the file name):</para>
/// <list type="bullet">
///   <item><see cref="DataFormatException"/>: an empty or truncated file, a magic number not of the form 00 00 type
///   rank, an unknown type code, zero dimensions, sizes that claim more data than the file holds, bytes left over,
///   or a damaged gzip stream.</item>
///   <item><see cref="DataFormatException"/> too: more than 8 dimensions or more elements than a .NET array
///   holds.</item>
///   <item><see cref="NotSupportedException"/>, a limit of the caller's stream rather than of the file: a gzipped
///   <see cref="Stream"/> that cannot seek (the reader must rewind after looking at the magic bytes).</item>
/// </list>
/// </remarks>
public static class IdxReader
{
    /// <summary>Reads the IDX file (optionally gzipped) at <paramref name="path"/>.</summary>
    public static LoadedArray Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>
    /// Reads an IDX array (optionally gzipped) from <paramref name="stream"/>, from its current position to its end;
    /// <paramref name="sourceName"/> names it in error messages.
    /// </summary>
    public static LoadedArray Read(Stream stream, string sourceName)
    {
        long? remaining = stream.CanSeek ? stream.Length - stream.Position : null;
        if (remaining == 0)
            throw FormatInput.Malformed(sourceName, "end of file",
                "the file is empty; expected an IDX file (magic 00 00 type rank)");
        int b0 = stream.ReadByte(), b1 = b0 < 0 ? -1 : stream.ReadByte();
        if (b0 < 0)
            throw FormatInput.Malformed(sourceName, "end of file",
                "the file is empty; expected an IDX file (magic 00 00 type rank)");
        if (b0 == 0x1F && b1 == 0x8B)
        {
            if (!stream.CanSeek)
                throw new NotSupportedException($"{sourceName}: a gzipped IDX stream must be seekable, so the reader " +
                    "can rewind after reading the gzip magic");
            stream.Seek(-2, SeekOrigin.Current);
            // The gzip trailer (CRC-32, length) is checked when ReadIdx reads to the end.
            using var gzip = GzipInput.Open(stream, sourceName, leaveOpen: true);
            return ReadIdx(gzip, null, [], sourceName);
        }
        byte[] first = b1 < 0 ? [(byte)b0] : [(byte)b0, (byte)b1];
        return ReadIdx(stream, remaining - first.Length, first, sourceName);
    }

    // The format proper; `first` holds bytes already taken from the stream while looking for the gzip magic.
    private static LoadedArray ReadIdx(Stream stream, long? remaining, byte[] first, string source)
    {
        var magic = new byte[4];
        first.CopyTo(magic, 0);
        int filled = first.Length, read;
        while (filled < 4 && (read = stream.Read(magic, filled, 4 - filled)) > 0) filled += read;
        remaining -= 4 - first.Length;
        if (filled == 0)
            throw FormatInput.Malformed(source, "end of file",
                "the file is empty; expected an IDX file (magic 00 00 type rank)");
        if (filled < 4)
            throw FormatInput.Malformed(source, "end of file",
                $"truncated: an IDX file starts with a 4-byte magic number, but the file holds only {filled} bytes");
        if (magic[0] != 0 || magic[1] != 0)
            throw FormatInput.Malformed(source, "header",
                $"not an IDX file: expected the magic number to start with 00 00, found {Convert.ToHexString(magic)}");
        var type = magic[2] switch
        {
            0x08 => new FormatInput.ElementType('u', 1, true),
            0x09 => new FormatInput.ElementType('i', 1, true),
            0x0B => new FormatInput.ElementType('i', 2, true),
            0x0C => new FormatInput.ElementType('i', 4, true),
            0x0D => new FormatInput.ElementType('f', 4, true),
            0x0E => new FormatInput.ElementType('f', 8, true),
            _ => throw FormatInput.Malformed(source, "header", $"unknown IDX element type 0x{magic[2]:X2} in magic " +
                $"{Convert.ToHexString(magic)}; expected 08, 09, 0B, 0C, 0D or 0E"),
        };
        int rank = magic[3];
        if (rank == 0)
            throw FormatInput.Malformed(source, "header",
                $"the magic number {Convert.ToHexString(magic)} declares 0 dimensions; expected at least 1");

        var sizes = FormatInput.ReadExactly(stream, 4L * rank, remaining, source, $"{rank} dimension sizes");
        remaining -= 4L * rank;
        var dims = new long[rank];
        for (int d = 0; d < rank; d++) dims[d] = BinaryPrimitives.ReadUInt32BigEndian(sizes.AsSpan(4 * d));
        var (elements, bytes) = FormatInput.Count(dims, type.Size, source);
        if (remaining is long left && bytes > left)
            throw FormatInput.Malformed(source, "header",
                $"the header's sizes {FormatInput.FormatDims(dims)} need {bytes} " +
                $"bytes of data but only {left} remain in the file");
        var shape = FormatInput.ToShape(dims, elements, source);

        var raw = FormatInput.ReadExactly(stream, bytes, remaining, source, "data");
        FormatInput.ExpectEnd(stream, remaining - bytes, source);
        return FormatInput.Decode(raw, type, shape, source);
    }
}
