namespace DeepSeq.Data.Formats;

/// <summary>
/// What the .tar.gz loaders (IMDB, Reuters) share to detect a truncated archive: GZipStream can take a
/// cut-off stream for a normal end of data, so they compare the bytes they decompressed with the length
/// the gzip trailer records.
/// </summary>
internal static class GzipArchive
{
    /// <summary>
    /// The uncompressed length recorded in a gzip file's trailer (ISIZE, mod 2³²). A gzip file starts 1F 8B and
    /// ends with CRC32 and ISIZE, little-endian; the stream is left where it was.
    /// </summary>
    public static uint DeclaredLength(Stream stream, string source)
    {
        long start = stream.Position, length = stream.Length - start;
        var head = new byte[2];
        if (length < 18 || stream.Read(head, 0, 2) < 2 || head[0] != 0x1F || head[1] != 0x8B)
            throw new InvalidDataException(
                $"{source}: not a gzip file (expected a .tar.gz starting with the bytes 1F 8B)");
        var trailer = new byte[4];
        stream.Seek(-4, SeekOrigin.End);
        stream.ReadExactly(trailer);
        stream.Position = start;
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    /// <summary>A read-only pass-through stream that counts the bytes read through it.</summary>
    internal sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));
        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));
        private int Count(int n) { BytesRead += n; return n; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
