namespace DeepSeq.Data.Formats;

/// <summary>
/// Reads NumPy's <c>.npz</c> archives (what <c>np.savez</c> and <c>np.savez_compressed</c> write): a zip file
/// holding one .npy file per array, named <c>&lt;key&gt;.npy</c>.
/// </summary>
/// <remarks>
/// Each member is read with <see cref="NpyReader"/>, so the same checks and exceptions apply, with messages naming
/// <c>archive.npz!member.npy</c>. The container is verified, not trusted: every local header must agree with the
/// zip directory (name, method, CRC-32, sizes; <see cref="ZipHeaders"/>), and every member's bytes must have the
/// CRC-32 and size the directory records (<see cref="ZipMember"/>). A damaged zip structure is a
/// <see cref="DataFormatException"/> too. The archive is read whole before anything is returned: one bad member
/// means no dictionary at all.
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
        => NpzArchive.Read(stream, sourceName, zip =>
        {
            var arrays = new Dictionary<string, LoadedArray>();
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
            return arrays;
        });
}
