using System.IO.Compression;

namespace DeepSeq.Data.Formats;

/// <summary>
/// Reads one zip member (an <c>.npz</c>'s <c>.npy</c>) and checks that the bytes handed out are the bytes that were
/// stored: their CRC-32 and count must equal what the zip directory records for the member.
/// </summary>
/// <remarks>
/// <see cref="ZipArchive"/> checks neither (a flipped byte in a stored member, or in a deflate stream that still
/// decodes, reads as different numbers without a word), so the reader is handed a counting, hashing stream and the
/// rest of the member is read after it returns.
/// </remarks>
internal static class ZipMember
{
    /// <summary>Runs <paramref name="read"/> over the member's data, then verifies its CRC-32 and size.</summary>
    public static T Read<T>(ZipArchiveEntry entry, string source, Func<Stream, T> read)
    {
        using var data = entry.Open();
        var hashing = new HashingStream(data);
        T result = read(hashing);
        hashing.CopyTo(Stream.Null);   // anything the reader left (it normally reads to the end)
        uint crc = Crc32.Finish(hashing.Crc);
        if (hashing.Total != entry.Length || crc != entry.Crc32)
            throw new DataFormatException(source, "member data", $"the member holds {hashing.Total:N0} bytes with " +
                $"CRC-32 {crc:X8}, but the zip directory records {entry.Length:N0} bytes with CRC-32 " +
                $"{entry.Crc32:X8}: the archive is damaged");
        return result;
    }

    private sealed class HashingStream(Stream inner) : Stream
    {
        public uint Crc { get; private set; } = Crc32.Start;
        public long Total { get; private set; }

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            Crc = Crc32.Append(Crc, buffer[..n]);
            Total += n;
            return n;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Total; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
