using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace DeepSeq.Tests.Data;

/// <summary>Small .tar.gz archives built in memory, for the loaders that read archives (IMDB, Reuters).</summary>
public static class TestArchives
{
    /// <summary>A gzip-compressed ustar archive holding each (path, text) as a regular file in <paramref name="encoding"/>.</summary>
    public static byte[] TarGz(Encoding encoding, params (string Path, string Text)[] members)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true))
        {
            foreach (var (path, text) in members)
                tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, path) { DataStream = new MemoryStream(encoding.GetBytes(text)) });
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// A gzip-compressed GNU tar archive of UTF-8 <paramref name="members"/> in which the member
    /// <paramref name="sparsePath"/> is marked a GNU sparse file (type flag 'S', checksum recomputed): what
    /// <c>tar --sparse</c> writes for a file with holes, which <see cref="TarReader"/> cannot expand.
    /// </summary>
    public static byte[] TarGzWithSparseMember(string sparsePath, params (string Path, string Text)[] members)
    {
        var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Gnu, leaveOpen: true))
            foreach (var (path, text) in members)
                writer.WriteEntry(new GnuTarEntry(TarEntryType.RegularFile, path)
                    { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
        byte[] bytes = tar.ToArray();
        byte[] name = Encoding.ASCII.GetBytes(sparsePath);
        int header = Enumerable.Range(0, bytes.Length / 512).Select(b => b * 512)
            .First(at => bytes.AsSpan(at, name.Length).SequenceEqual(name) && bytes[at + name.Length] == 0);
        bytes[header + 156] = (byte)'S';
        // The header checksum: the sum of its 512 bytes with the checksum field itself read as spaces.
        bytes.AsSpan(header + 148, 8).Fill((byte)' ');
        int sum = bytes.AsSpan(header, 512).ToArray().Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(bytes, header + 148);

        var gz = new MemoryStream();
        using (var gzip = new GZipStream(gz, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(bytes);
        return gz.ToArray();
    }
}
