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
}
