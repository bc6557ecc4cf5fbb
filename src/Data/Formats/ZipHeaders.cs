using System.Buffers.Binary;

namespace DeepSeq.Data.Formats;

/// <summary>
/// Checks that every local file header of a zip archive agrees with the member's record in the central directory:
/// the same name, compression method, CRC-32 and sizes.
/// </summary>
/// <remarks>
/// <para>A zip file says everything about a member twice: once in the local header in front of its data, once in the
/// central directory at the end. <see cref="System.IO.Compression.ZipArchive"/> trusts the central directory and
/// skips the local header, so a member whose local header was damaged (its name, say, which no CRC covers) reads
/// as if nothing were wrong. A correct reader refuses the disagreement: one of the two copies is wrong, and it cannot
/// tell which.</para>
/// <para>A member written with a data descriptor (general-purpose flag bit 3: the sizes and CRC-32 follow the data)
/// may carry zeros in its local header; only non-zero local values are compared then. The data's own CRC-32 and
/// size are checked by <see cref="ZipMember"/>. ZIP64 sizes and offsets (what <c>np.savez</c> writes) are read from
/// the ZIP64 extra field and end records.</para>
/// <para>Memory: the central directory is read once, bounded by the file's length; each local header is at most
/// 64 KB of name and extra field.</para>
/// </remarks>
internal static class ZipHeaders
{
    private const uint LocalSignature = 0x04034b50, CentralSignature = 0x02014b50;
    private const uint EndSignature = 0x06054b50, Zip64EndSignature = 0x06064b50, Zip64LocatorSignature = 0x07064b50;
    private const int EndSize = 22, CentralSize = 46, LocalSize = 30;

    /// <summary>One member as a header describes it.</summary>
    private readonly record struct Member(
        byte[] Name, ushort Flags, ushort Method, uint Crc, long Compressed, long Size)
    {
        public bool HasDataDescriptor => (Flags & 0x8) != 0;
        public string DisplayName => System.Text.Encoding.UTF8.GetString(Name);
    }

    /// <summary>Throws a <see cref="DataFormatException"/> naming <c>sourceName!member</c> for the first member
    /// whose local header disagrees with the central directory.</summary>
    /// <param name="stream">The whole archive; it must be seekable.</param>
    /// <param name="sourceName">The archive's name, for errors.</param>
    public static void Verify(Stream stream, string sourceName)
    {
        var (offset, size, count) = CentralDirectory(stream, sourceName);
        byte[] directory = ReadAt(stream, offset, size, sourceName, "central directory");
        int at = 0;
        for (long i = 0; i < count; i++)
        {
            if (at + CentralSize > directory.Length
                || BinaryPrimitives.ReadUInt32LittleEndian(directory.AsSpan(at)) != CentralSignature)
                throw Malformed(sourceName, $"central directory record {i}", "the record is missing or damaged");
            var record = directory.AsSpan(at);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(record[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(record[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(record[32..]);
            int total = CentralSize + nameLength + extraLength + commentLength;
            if (at + total > directory.Length)
                throw Malformed(sourceName, $"central directory record {i}",
                    "the record runs past the directory's end");
            var name = record.Slice(CentralSize, nameLength).ToArray();
            var extra = record.Slice(CentralSize + nameLength, extraLength);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(record[20..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(record[24..]);
            long localOffset = BinaryPrimitives.ReadUInt32LittleEndian(record[42..]);
            // ZIP64: each field that reads 0xFFFFFFFF is in the extra field, in this order.
            ReadZip64(extra, ref uncompressed, ref compressed, ref localOffset);
            var central = new Member(name, Flags: BinaryPrimitives.ReadUInt16LittleEndian(record[8..]),
                Method: BinaryPrimitives.ReadUInt16LittleEndian(record[10..]),
                Crc: BinaryPrimitives.ReadUInt32LittleEndian(record[16..]), compressed, uncompressed);
            CompareLocal(stream, localOffset, central, sourceName);
            at += total;
        }
    }

    /// <summary>Reads the local header at <paramref name="offset"/> and compares it with
    /// <paramref name="central"/>.</summary>
    private static void CompareLocal(Stream stream, long offset, Member central, string sourceName)
    {
        string source = $"{sourceName}!{central.DisplayName}";
        string position = $"local file header at byte {offset:N0}";
        byte[] fixedPart = ReadAt(stream, offset, LocalSize, source, position);
        if (BinaryPrimitives.ReadUInt32LittleEndian(fixedPart) != LocalSignature)
            throw Malformed(source, position, "no local file header where the zip directory says the member starts");
        int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(26));
        int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(28));
        byte[] variable = ReadAt(stream, offset + LocalSize, nameLength + extraLength, source, position);
        long compressed = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart.AsSpan(18));
        long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart.AsSpan(22));
        long unused = 0;
        ReadZip64(variable.AsSpan(nameLength), ref uncompressed, ref compressed, ref unused);
        var local = new Member(variable[..nameLength],
            Flags: BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(6)),
            Method: BinaryPrimitives.ReadUInt16LittleEndian(fixedPart.AsSpan(8)),
            Crc: BinaryPrimitives.ReadUInt32LittleEndian(fixedPart.AsSpan(14)), compressed, uncompressed);

        if (!local.Name.AsSpan().SequenceEqual(central.Name))
            throw Disagree(source, position, "name", $"'{local.DisplayName}'", $"'{central.DisplayName}'");
        if (local.Method != central.Method)
            throw Disagree(source, position, "compression method", local.Method.ToString(), central.Method.ToString());
        // With a data descriptor the local header may hold zeros instead of the values.
        bool descriptor = local.HasDataDescriptor || central.HasDataDescriptor;
        if (local.Crc != central.Crc && !(descriptor && local.Crc == 0))
            throw Disagree(source, position, "CRC-32", local.Crc.ToString("X8"), central.Crc.ToString("X8"));
        if (local.Compressed != central.Compressed && !(descriptor && local.Compressed == 0))
            throw Disagree(source, position, "compressed size", $"{local.Compressed:N0}", $"{central.Compressed:N0}");
        if (local.Size != central.Size && !(descriptor && local.Size == 0))
            throw Disagree(source, position, "size", $"{local.Size:N0}", $"{central.Size:N0}");
    }

    /// <summary>Where the central directory is and how many records it holds, from the end of central directory
    /// record (and its ZIP64 counterpart when the 32-bit fields are saturated).</summary>
    private static (long Offset, long Size, long Count) CentralDirectory(Stream stream, string sourceName)
    {
        // The end record is the last 22 bytes, unless an archive comment (at most 65,535 bytes) follows it.
        long tailLength = Math.Min(stream.Length, EndSize + ushort.MaxValue);
        byte[] tail = ReadAt(stream, stream.Length - tailLength, (int)tailLength, sourceName,
            "end of central directory");
        int end = -1;
        for (int i = tail.Length - EndSize; i >= 0 && end < 0; i--)
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndSignature
                && i + EndSize + BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(i + 20)) == tail.Length)
                end = i;
        if (end < 0)
            throw Malformed(sourceName, "end of central directory", "no end of central directory record");
        long count = BinaryPrimitives.ReadUInt16LittleEndian(tail.AsSpan(end + 10));
        long size = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 12));
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(end + 16));
        if (count == ushort.MaxValue || size == uint.MaxValue || offset == uint.MaxValue)
        {
            long endAt = stream.Length - tailLength + end;
            byte[] locator = ReadAt(stream, endAt - 20, 20, sourceName, "ZIP64 end of central directory locator");
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
                throw Malformed(sourceName, "ZIP64 end of central directory locator", "the locator is missing");
            long zip64At = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8)));
            byte[] zip64 = ReadAt(stream, zip64At, 56, sourceName, "ZIP64 end of central directory");
            if (BinaryPrimitives.ReadUInt32LittleEndian(zip64) != Zip64EndSignature)
                throw Malformed(sourceName, "ZIP64 end of central directory", "the record is missing");
            count = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(32)));
            size = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(40)));
            offset = checked((long)BinaryPrimitives.ReadUInt64LittleEndian(zip64.AsSpan(48)));
        }
        return (offset, size, count);
    }

    /// <summary>Replaces each saturated field (0xFFFFFFFF) by its value in the ZIP64 extra field (id 1), which lists
    /// them in the order size, compressed size, local header offset.</summary>
    private static void ReadZip64(ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long offset)
    {
        while (extra.Length >= 4)
        {
            int id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            int length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            var data = extra[4..Math.Min(extra.Length, 4 + length)];
            if (id == 1)
            {
                int at = 0;
                Take(data, ref at, ref size);
                Take(data, ref at, ref compressed);
                Take(data, ref at, ref offset);
                return;
            }
            extra = extra[Math.Min(extra.Length, 4 + length)..];
        }
    }

    /// <summary>The next 8 bytes of the ZIP64 field for <paramref name="field"/>, if it is saturated (a field too
    /// short to hold it leaves the value saturated, which then fails the comparison).</summary>
    private static void Take(ReadOnlySpan<byte> data, ref int at, ref long field)
    {
        if (field != uint.MaxValue || at + 8 > data.Length) return;
        field = (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(data[at..]), long.MaxValue);
        at += 8;
    }

    /// <summary>Exactly <paramref name="count"/> bytes from <paramref name="offset"/>, or "truncated" naming
    /// <paramref name="what"/>.</summary>
    private static byte[] ReadAt(Stream stream, long offset, long count, string source, string what)
    {
        if (offset < 0 || count < 0 || offset > stream.Length || count > stream.Length - offset)
            throw Malformed(source, what, $"the {what} ({count:N0} bytes at byte {offset:N0}) lies outside the " +
                $"{stream.Length:N0}-byte file");
        var bytes = new byte[count];
        stream.Position = offset;
        stream.ReadExactly(bytes);
        return bytes;
    }

    private static DataFormatException Disagree(string source, string position, string field, string local,
        string central)
        => Malformed(source, position, $"the local header's {field} is {local}, the zip directory's is {central}: " +
            "the archive is damaged");

    private static DataFormatException Malformed(string source, string position, string reason)
        => FormatInput.Malformed(source, position, reason);
}
