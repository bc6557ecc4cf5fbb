using System.IO.Compression;

namespace DeepSeq.Data.Formats;

/// <summary>
/// Reads NumPy's <c>.npz</c> archives (what <c>np.savez</c> and <c>np.savez_compressed</c> write): a zip file
/// holding one .npy file per array, named <c>&lt;key&gt;.npy</c>.
/// </summary>
/// <remarks>
/// Each member is read with <see cref="NpyReader"/>, so the same checks and exceptions apply, with messages naming
/// <c>archive.npz!member.npy</c>. A damaged zip structure is an <see cref="InvalidDataException"/> too. The
/// archive is read whole before anything is returned: one bad member means no dictionary at all.
/// </remarks>
public static class NpzReader
{
    /// <summary>
    /// Reads every array in the .npz file at <paramref name="path"/>, keyed as NumPy keys them: the member name
    /// without its <c>.npy</c> suffix (<c>np.savez(f, x=a)</c> → key <c>"x"</c>; unnamed arrays are <c>arr_0</c>,
    /// <c>arr_1</c>, …).
    /// </summary>
    public static IReadOnlyDictionary<string, LoadedArray> Read(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads every array of the .npz archive in <paramref name="stream"/>; <paramref name="sourceName"/> names
    /// it in errors.</summary>
    public static IReadOnlyDictionary<string, LoadedArray> Read(Stream stream, string sourceName)
    {
        if (stream.CanSeek && stream.Length - stream.Position == 0)
            throw FormatInput.Malformed(sourceName, "end of file","the file is empty; expected a .npz (zip) archive");
        var arrays = new Dictionary<string, LoadedArray>();
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in zip.Entries)
            {
                if (entry.FullName.EndsWith('/')) continue;   // a directory record holds no data
                string key = entry.FullName.EndsWith(".npy", StringComparison.Ordinal)
                    ? entry.FullName[..^4]
                    : entry.FullName;
                string source = $"{sourceName}!{entry.FullName}";
                // entry.Length is the size the zip directory declares: enough to refuse a lying .npy header
                // early. If the declaration itself lies, the reader still grows its buffer only as bytes arrive,
                // and ZipMember refuses the member once its CRC-32 or size is found not to match.
                var array = ZipMember.Read(entry, source, member => NpyReader.Read(member, entry.Length, source));
                if (!arrays.TryAdd(key, array))
                    throw FormatInput.Malformed(sourceName, $"member {entry.FullName}",
                        $"the archive holds two members named '{key}'");
            }
        }
        catch (Exception e) when (e is IOException and not FileNotFoundException and not DirectoryNotFoundException
                                   or ArgumentException or InvalidOperationException
                                   or InvalidDataException && !e.Message.StartsWith(sourceName, StringComparison.Ordinal))
        {
            // System.IO.Compression reports damage (no end-of-central-directory record, a bad local header, a
            // corrupt deflate stream) as InvalidDataException, IOException, ArgumentException or
            // InvalidOperationException, with messages that do not say which file. Re-throw all of them as one
            // InvalidDataException that does. Our own errors already start with the file name and pass through.
            throw new DataFormatException(sourceName, "zip structure", $"not a valid .npz (zip) archive: {e.Message}", e);
        }
        return arrays;
    }
}
