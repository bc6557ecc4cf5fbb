namespace DeepSeq.Data;

/// <summary>
/// The one exception every DeepSeq loader throws for a file it refuses: what is wrong (<see cref="Reason"/>), in
/// which file (<see cref="Path"/>) and where in it (<see cref="Position"/>).
/// </summary>
/// <remarks>
/// <para>The message reads <c>path: position: reason</c>, for example
/// <c>stocks/AAPL.csv: line 12, column 'Close' (field 5): 'Infinity' is not a finite number</c> or
/// <c>imdb.npz!x_train.npy: member data: CRC-32 is 1A2B3C4D, the zip directory says 0F0E0D0C</c>. A loader never
/// returns data it could not verify: a file it accepts is read exactly as written, a file it refuses ends here.</para>
/// <para>The runtime's own complaint, when there is one (a <c>GZipStream</c> or <c>TarReader</c> error, a decoder
/// fallback), is kept as <see cref="Exception.InnerException"/>; its message never names the file, which is why it
/// is wrapped.</para>
/// <para>It is an <see cref="IOException"/>, as the runtime's own file errors are (<see cref="InvalidDataException"/>,
/// which would fit better, is sealed), so one <c>catch (IOException)</c> around a load handles a missing file and a
/// corrupt one.</para>
/// </remarks>
public sealed class DataFormatException : IOException
{
    /// <summary>An error in <paramref name="path"/> at <paramref name="position"/>.</summary>
    /// <param name="path">The file (for an archive member <c>archive!member</c> or <c>archive/member</c>).</param>
    /// <param name="position">Where: <c>line 3</c>, <c>line 3, column 'TEMP' (field 8)</c>, <c>byte 1,024</c>,
    /// <c>header</c>, <c>gzip trailer</c>, <c>end of file</c>. Never empty.</param>
    /// <param name="reason">What did not match, in words.</param>
    /// <param name="inner">The runtime exception that revealed the problem, if any.</param>
    public DataFormatException(string path, string position, string reason, Exception? inner = null)
        : base($"{path}: {position}: {reason}", inner)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentException.ThrowIfNullOrEmpty(position);
        ArgumentException.ThrowIfNullOrEmpty(reason);
        Path = path;
        Position = position;
        Reason = reason;
    }

    /// <summary>The file refused (or <c>archive!member</c>).</summary>
    public string Path { get; }

    /// <summary>Where in the file the problem was found (a line, a cell, a byte offset, a structure's name).</summary>
    public string Position { get; }

    /// <summary>What is wrong, without the path and position.</summary>
    public string Reason { get; }
}
