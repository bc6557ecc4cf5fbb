namespace DeepSeq.IO;

/// <summary>
/// Creates or replaces a file all at once: readers see the old file or the complete new one, never a part.
/// </summary>
/// <remarks>
/// <para>
/// The content goes to a hidden temporary file in the same folder, <c>.name.&lt;pid&gt;.&lt;guid&gt;.deepseq-tmp</c>,
/// which is flushed to disk (fsync) and then renamed over the target; the folder is then fsynced too (on Linux and
/// macOS; Windows has no such call), so the rename itself survives a power cut. A rename within one folder is atomic on every file system .NET runs
/// on, whereas a rename across folders may be a copy, hence "the same folder". If anything throws before the
/// rename — the callback, a full disk, a failing enumerator inside the callback — the temporary file is deleted,
/// the old file (if any) is left byte for byte as it was, and the exception propagates.
/// </para>
/// <para>A process killed between creating the temporary file and the rename leaves it behind. Its name says what it
/// is and which process wrote it, so the next write to the same path deletes every such file whose process is no
/// longer running (and those of the older <c>.name.&lt;guid&gt;.tmp</c> naming); a live writer's file is left
/// alone.</para>
/// <para>Every DeepSeq writer that produces a file (CSV tables, graph pictures, saved weights, results.json, sample
/// plots, downloads through <see cref="Publish"/>) goes through here.</para>
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
            write(file);   // WriteVia fsyncs the file before the rename makes it visible
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
        RemoveStaleTemporaries(full);
        string temp = Path.Combine(folder, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}" +
            TempSuffix);
        try
        {
            writeTempPath(temp);
            if (!File.Exists(temp))
                throw new IOException(
                    $"atomic write: {full}: the writer returned without creating the temporary file {temp}");
            FlushFile(temp);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);   // a no-op when the file was never created
            throw;
        }
        FlushFolder(folder);
    }

    /// <summary>
    /// Moves the finished file <paramref name="finished"/> (in the same folder, e.g. a download's <c>.part</c>)
    /// over <paramref name="path"/> the same way: fsync of the file, rename, fsync of the folder.
    /// </summary>
    public static void Publish(string finished, string path)
    {
        ArgumentNullException.ThrowIfNull(finished);
        ArgumentNullException.ThrowIfNull(path);
        string full = Path.GetFullPath(path);
        FlushFile(finished);
        File.Move(finished, full, overwrite: true);
        FlushFolder(Path.GetDirectoryName(full)!);
    }

    /// <summary>What every temporary file's name ends with.</summary>
    public const string TempSuffix = ".deepseq-tmp";

    /// <summary>
    /// The temporary files of earlier writes to <paramref name="path"/> whose writing process is gone (killed
    /// mid-write), deleted; returns how many.
    /// </summary>
    public static int RemoveStaleTemporaries(string path)
    {
        string full = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(full)!, name = Path.GetFileName(full);
        if (!Directory.Exists(folder)) return 0;
        int removed = 0;
        foreach (string candidate in Directory.EnumerateFiles(folder, $".{name}.*"))
        {
            string rest = Path.GetFileName(candidate)[(name.Length + 2)..];
            bool stale;
            if (rest.EndsWith(TempSuffix, StringComparison.Ordinal))
            {
                // <pid>.<guid>.deepseq-tmp
                string[] parts = rest[..^TempSuffix.Length].Split('.');
                stale = parts.Length == 2 && parts[1].Length == 32 && int.TryParse(parts[0], out int pid)
                        && pid != Environment.ProcessId && !IsRunning(pid);
            }
            else
            {
                // The naming before process ids: <guid>.tmp, 32 hex digits.
                stale = rest.Length == 36 && rest.EndsWith(".tmp", StringComparison.Ordinal)
                        && rest[..32].All(char.IsAsciiHexDigit);
            }
            if (!stale) continue;
            try { File.Delete(candidate); removed++; }
            catch (IOException) { }   // another writer removed it first, or it is in use: not ours to insist
            catch (UnauthorizedAccessException) { }
        }
        return removed;
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException) { return false; }   // no such process
        catch (InvalidOperationException) { return false; }
    }

    private static void FlushFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        file.Flush(flushToDisk: true);
    }

    /// <summary>fsync of the folder, so that the rename is on disk too (POSIX: a rename is durable only once its
    /// directory is synced). Windows has no directory handle to sync; there it is skipped.</summary>
    private static void FlushFolder(string folder)
    {
        if (OperatingSystem.IsWindows()) return;
        int fd = Posix.open(folder, 0 /* O_RDONLY */);
        if (fd < 0) return;   // best effort: the file itself is already on disk
        try { Posix.fsync(fd); }
        finally { Posix.close(fd); }
    }

    private static class Posix
    {
        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int open([System.Runtime.InteropServices.MarshalAs(
            System.Runtime.InteropServices.UnmanagedType.LPUTF8Str)] string path, int flags);

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int fsync(int fd);

        [System.Runtime.InteropServices.DllImport("libc", SetLastError = true)]
        public static extern int close(int fd);
    }
}
