using System.Buffers.Binary;
using System.IO.Compression;

namespace DeepSeq.Data.Formats;

/// <summary>
/// The one way DeepSeq's loaders read a gzip file (<c>.csv.gz</c>, GloVe, word2vec, IDX, <c>.tar.gz</c>): a
/// decompressing stream that, when the data ends, checks the gzip trailer — the CRC-32 and the length (mod 2³²) of
/// the uncompressed bytes — against what it actually produced.
/// </summary>
/// <remarks>
/// <para>Why: <see cref="GZipStream"/> meets a file cut off inside its deflate data as a plain end of data and
/// returns the bytes so far without complaint, so a truncated <c>.gz</c> silently loads as a shorter data set. The
/// last 8 bytes of a truncated file are compressed data, not the trailer, so comparing them with the CRC and length
/// of what came out refuses it (a false match has odds of 2⁻⁶⁴).</para>
/// <para>A gzip file is one member here, as <c>gzip</c>, Python and .NET write it; several concatenated members
/// (<c>cat a.gz b.gz</c>) are refused, since only the last member's trailer is at the end of the file.</para>
/// <para>Every problem is a <see cref="DataFormatException"/> naming the file: not gzip, too short, damaged deflate
/// data (the runtime's exception is the inner one), or a trailer that does not match.</para>
/// </remarks>
internal static class GzipInput
{
    /// <summary>The smallest gzip file: a 10-byte header, an empty deflate block (2 bytes) and the 8-byte
    /// trailer.</summary>
    internal const int MinimumLength = 20;

    /// <summary>Whether the seekable <paramref name="stream"/> starts (at its position) with the gzip magic 1F 8B;
    /// the position is left where it was.</summary>
    public static bool HasMagic(Stream stream)
    {
        long start = stream.Position;
        int b0 = stream.ReadByte(), b1 = b0 < 0 ? -1 : stream.ReadByte();
        stream.Position = start;
        return b0 == 0x1F && b1 == 0x8B;
    }

    /// <summary>
    /// A stream of the data decompressed from <paramref name="raw"/> (seekable, positioned at the gzip header and
    /// holding exactly one gzip file up to its end), verified against the trailer when it is read to its end.
    /// </summary>
    /// <param name="raw">The compressed bytes; disposed with the returned stream unless
    /// <paramref name="leaveOpen"/>.</param>
    /// <param name="source">The file's name, for errors.</param>
    /// <param name="leaveOpen">Whether <paramref name="raw"/> stays open after the returned stream is
    /// disposed.</param>
    public static VerifiedGzipStream Open(Stream raw, string source, bool leaveOpen = false)
        => new(raw, source, leaveOpen);
}

/// <summary>See <see cref="GzipInput"/>: decompresses, counts, computes the CRC-32, and checks the trailer at the
/// end.</summary>
internal sealed class VerifiedGzipStream : Stream
{
    private readonly GZipStream _gzip;
    private readonly string _source;
    private readonly uint _expectedCrc, _expectedLength;
    private uint _crc = Crc32.Start;
    private long _length;
    private bool _verified;

    internal VerifiedGzipStream(Stream raw, string source, bool leaveOpen)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (!raw.CanSeek)
            throw new NotSupportedException($"{source}: a gzip stream must be seekable, so its trailer can be checked");
        _source = source;
        long start = raw.Position, size = raw.Length - start;
        if (size < 2 || !GzipInput.HasMagic(raw))
            throw new DataFormatException(source, "byte 0", "not a gzip file (a gzip file starts with 1F 8B)");
        if (size < GzipInput.MinimumLength)
            throw new DataFormatException(source, "end of file", $"truncated: the file holds {size} bytes, and " +
                $"the smallest gzip file holds {GzipInput.MinimumLength}");
        var trailer = new byte[8];
        raw.Seek(-8, SeekOrigin.End);
        raw.ReadExactly(trailer);
        raw.Position = start;
        _expectedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        _expectedLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer.AsSpan(4));
        _gzip = new GZipStream(raw, CompressionMode.Decompress, leaveOpen);
    }

    /// <summary>The uncompressed bytes read so far.</summary>
    public long BytesRead => _length;

    /// <summary>Reads (and discards) whatever is left, which verifies the trailer.</summary>
    public void ReadToEndAndVerify()
    {
        var buffer = new byte[1 << 16];
        while (Read(buffer) > 0) { }
    }

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty) return 0;
        int n;
        try { n = _gzip.Read(buffer); }
        catch (Exception e) when (e is (IOException or InvalidDataException) and not DataFormatException)
        {
            throw new DataFormatException(_source, $"uncompressed byte {_length:N0}",
                $"damaged gzip stream: {e.Message}", e);
        }
        if (n == 0) Verify();
        else
        {
            _crc = Crc32.Append(_crc, buffer[..n]);
            _length += n;
        }
        return n;
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int ReadByte()
    {
        Span<byte> one = stackalloc byte[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    private void Verify()
    {
        if (_verified) return;
        uint crc = Crc32.Finish(_crc);
        if (crc != _expectedCrc || (uint)_length != _expectedLength)
            throw new DataFormatException(_source, "gzip trailer",
                $"the data decompressed to {_length:N0} bytes with CRC-32 {crc:X8}, but the trailer records " +
                $"{_expectedLength:N0} bytes (mod 2^32) with CRC-32 {_expectedCrc:X8}: the file is truncated or " +
                "damaged (or holds several gzip members, which DeepSeq does not read)");
        _verified = true;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing) _gzip.Dispose();
        base.Dispose(disposing);
    }

    /// <inheritdoc/>
    public override bool CanRead => true;
    /// <inheritdoc/>
    public override bool CanSeek => false;
    /// <inheritdoc/>
    public override bool CanWrite => false;
    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();
    /// <inheritdoc/>
    public override long Position { get => _length; set => throw new NotSupportedException(); }
    /// <inheritdoc/>
    public override void Flush() { }
    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();
    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
