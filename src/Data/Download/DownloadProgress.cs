namespace DeepSeq.Data.Download;

/// <summary>How far a download has come: bytes on disk so far, and the size of the whole file when the server
/// said.</summary>
/// <param name="BytesReceived">Bytes of the file held so far, counting those kept from an earlier, resumed
/// attempt.</param>
/// <param name="TotalBytes">The whole file's size, or <c>null</c> when the server sent no
/// <c>Content-Length</c>.</param>
public readonly record struct DownloadProgress(long BytesReceived, long? TotalBytes)
{
    /// <summary>The fraction done, in [0, 1], or <c>null</c> when the total is unknown.</summary>
    public double? Fraction
        => TotalBytes is long total && total > 0 ? Math.Min(1.0, (double)BytesReceived / total) : null;
}
