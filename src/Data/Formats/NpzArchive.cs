using System.IO.Compression;

namespace DeepSeq.Data.Formats;

/// <summary>
/// Opens an <c>.npz</c> (zip) archive for <see cref="NpzReader"/> and <see cref="Imdb.ImdbNpz"/>: the local headers
/// are checked against the central directory first (<see cref="ZipHeaders"/>), and every complaint of
/// System.IO.Compression becomes a <see cref="DataFormatException"/> naming the file.
/// </summary>
internal static class NpzArchive
{
    /// <summary>Runs <paramref name="read"/> over the archive in <paramref name="stream"/>, which
    /// <paramref name="sourceName"/> names in errors. A stream that cannot seek is copied to memory first (the zip
    /// directory is at the end).</summary>
    public static T Read<T>(Stream stream, string sourceName, Func<ZipArchive, T> read)
    {
        if (!stream.CanSeek)
        {
            var copy = new MemoryStream();
            stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        if (stream.Length - stream.Position == 0)
            throw FormatInput.Malformed(sourceName, "end of file", "the file is empty; expected a .npz (zip) archive");
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            ZipHeaders.Verify(stream, sourceName);
            return read(zip);
        }
        catch (Exception e) when (e is IOException and not FileNotFoundException and not DirectoryNotFoundException
                                   or ArgumentException or InvalidOperationException or InvalidDataException
                                   && !e.Message.StartsWith(sourceName, StringComparison.Ordinal))
        {
            // System.IO.Compression reports damage (no end-of-central-directory record, a bad local header, a
            // corrupt deflate stream) as InvalidDataException, IOException, ArgumentException or
            // InvalidOperationException, with messages that do not say which file. Our own errors already start
            // with the file name and pass through.
            throw new DataFormatException(sourceName, "zip structure", $"not a valid .npz (zip) archive: {e.Message}",
                e);
        }
    }
}
