using System.Formats.Tar;

namespace DeepSeq.Data.Formats;

/// <summary>
/// Reads the regular files of a <c>.tar.gz</c> (IMDB, Reuters) and verifies the containers on the way: the gzip
/// trailer (<see cref="GzipInput"/>), every member's size (its data must all be there) and the end-of-archive
/// marker, two 512-byte blocks of zeros, with only zeros after them.
/// </summary>
/// <remarks>
/// <para>Why the end marker matters: a tar file cut at a member boundary and gzipped again is a valid gzip file,
/// and <see cref="TarReader"/> takes its end for the end of the archive, so the members after the cut would vanish
/// without a word. <c>tar</c>, Python's <c>tarfile</c> and .NET's <see cref="TarWriter"/> all write the marker.</para>
/// <para>GNU sparse members are refused by name (<see cref="TarReader"/> cannot expand them, so their data would be
/// wrong). Errors are <see cref="DataFormatException"/>s naming the archive and the member last seen; the
/// runtime's exception, whose message names neither, is the inner one.</para>
/// </remarks>
internal static class TarGzInput
{
    private const int EndMarker = 1024;   // two zero blocks

    /// <summary>
    /// Calls <paramref name="visit"/> with the name (a leading <c>./</c> removed) and the data of every regular file
    /// in the <c>.tar.gz</c> held by the seekable <paramref name="stream"/>, in archive order, then verifies what
    /// follows the last member and the gzip trailer.
    /// </summary>
    public static void ForEachFile(Stream stream, string source, Action<string, Stream> visit)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
            throw new NotSupportedException(
                $"{source}: the stream must be seekable, so the gzip trailer can be checked");
        string? last = null;
        try
        {
            using var gzip = GzipInput.Open(stream, source, leaveOpen: true);
            var tail = new TailStream(gzip);
            using (var tar = new TarReader(tail, leaveOpen: true))
            {
                while (NextEntry(tar, tail, source) is { } entry)
                {
                    string name = Unprefixed(entry.Name);
                    last = name;
                    if (entry.EntryType == TarEntryType.SparseFile) throw Sparse(source, name, null);
                    if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile)) continue;
                    visit(name, entry.DataStream ?? Stream.Null);
                }
            }
            tail.CopyTo(Stream.Null);   // padding after the end marker, then the gzip trailer is checked
            if (tail.Total < EndMarker || tail.Total % 512 != 0 || !tail.LastBytesAreZero())
                throw new DataFormatException(source, "end of archive", $"the tar data ({tail.Total:N0} bytes) does " +
                    "not end with the end-of-archive marker (two 512-byte blocks of zeros): it was cut short" +
                    (last is null ? "" : $" after member {last}") + ", or data follows its end");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or FormatException or IOException
                                      or OverflowException or NotSupportedException or ArgumentException
                                  && e is not DataFormatException)
        {
            throw new DataFormatException(source, last is null ? "first tar header" : $"after member {last}",
                $"damaged tar archive: {e.Message}", e);
        }
    }

    /// <summary>
    /// The next entry, or null at the end. <see cref="TarReader"/> refuses a GNU sparse member while reading its
    /// header, with a NotSupportedException that names neither the archive nor the member; the member's name is then
    /// taken from that header, the last block read.
    /// </summary>
    private static TarEntry? NextEntry(TarReader tar, TailStream tail, string source)
    {
        try { return tar.GetNextEntry(); }
        catch (NotSupportedException e) when (tail.SparseHeaderName() is { } name)
        {
            throw Sparse(source, Unprefixed(name), e);
        }
    }

    private static string Unprefixed(string name) => name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;

    private static DataFormatException Sparse(string source, string member, Exception? inner)
        => new(source, $"member {member}", "a GNU sparse file, whose data DeepSeq cannot expand; re-create the " +
            "archive without --sparse (-S)", inner);

    /// <summary>Reads every byte of <paramref name="data"/> (a member's content) into an array.</summary>
    public static byte[] ReadAll(Stream data)
    {
        using var bytes = new MemoryStream();
        data.CopyTo(bytes);
        return bytes.ToArray();
    }

    /// <summary>A pass-through that counts the bytes read and keeps the last <see cref="EndMarker"/> of
    /// them.</summary>
    private sealed class TailStream(Stream inner) : Stream
    {
        private readonly byte[] _last = new byte[EndMarker];
        public long Total { get; private set; }

        public bool LastBytesAreZero() => !_last.AsSpan().ContainsAnyExcept((byte)0);

        /// <summary>The name in the last 512-byte block read, if that block is a tar header of type 'S' (a GNU
        /// sparse file); else null.</summary>
        public string? SparseHeaderName()
        {
            var header = _last.AsSpan(EndMarker - 512);
            if (Total % 512 != 0 || header[156] != (byte)'S') return null;
            var name = header[..100];
            int end = name.IndexOf((byte)0);
            return System.Text.Encoding.UTF8.GetString(end < 0 ? name : name[..end]);
        }

        public override int Read(Span<byte> buffer)
        {
            int n = inner.Read(buffer);
            var got = buffer[..n];
            if (n >= EndMarker) got[^EndMarker..].CopyTo(_last);
            else
            {
                _last.AsSpan(n).CopyTo(_last);   // shift left by n (CopyTo handles the overlap)
                got.CopyTo(_last.AsSpan(EndMarker - n));
            }
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
