namespace DeepSeq.IO;

/// <summary>
/// Creates or replaces a file all at once: readers see the old file or the complete new one, never a part.
/// </summary>
/// <remarks>
/// <para>
/// The content goes to a hidden temporary file in the same folder (<c>.name.&lt;guid&gt;.tmp</c>), which is flushed
/// to disk and then renamed over the target. A rename within one folder is atomic on every file system .NET runs
/// on, whereas a rename across folders may be a copy, hence "the same folder". If anything throws before the
/// rename — the callback, a full disk, a failing enumerator inside the callback — the temporary file is deleted,
/// the old file (if any) is left byte for byte as it was, and the exception propagates.
/// </para>
/// <para>Every DeepSeq writer that produces a file (CSV tables, graph pictures, saved weights) goes through here.</para>
/// </remarks>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> by handing <paramref name="write"/> a stream over the temporary
    /// file.</summary>
    /// <param name="path">The file to create or replace; its folder must exist.</param>
    /// <param name="write">Writes the whole content. It must not close the stream (wrap it with
    /// <c>leaveOpen: true</c>).</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temp =>
        {
            using var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
            write(file);
            file.Flush(flushToDisk: true);   // the bytes are on disk before the rename makes them visible
        });
    }

    /// <summary>
    /// Writes <paramref name="path"/> by handing <paramref name="writeTempPath"/> the path of the temporary file to
    /// create, for content made by another program (Graphviz's <c>dot -o temp</c>). The callback must create that
    /// file; if it returns without doing so, <see cref="IOException"/> is thrown and <paramref name="path"/> is untouched.
    /// </summary>
    public static void WriteVia(string path, Action<string> writeTempPath)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(writeTempPath);
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException($"atomic write: {full}: the folder {folder} does not exist");
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            writeTempPath(temp);
            if (!File.Exists(temp))
                throw new IOException(
                    $"atomic write: {full}: the writer returned without creating the temporary file {temp}");
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);   // a no-op when the file was never created
            throw;
        }
    }
}
