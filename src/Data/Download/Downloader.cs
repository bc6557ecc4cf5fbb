using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace DeepSeq.Data.Download;

/// <summary>
/// Downloads one file over HTTP(S), resumably and verified: the destination appears only once every byte has
/// arrived and its SHA-256 matches.
/// </summary>
/// <remarks>
/// <para>The life of a download, and where it can stop:</para>
/// <code>
/// 1. bytes go to  destination.part  (never to the destination itself)
/// 2. a .part left by an earlier attempt is resumed:  GET with  Range: bytes=K-   (K = the .part's length)
///      206 Partial Content  → append from K
///      200 OK               → the server ignores ranges: start again from byte 0
///      416 Not Satisfiable  → the .part may already be whole: its checksum decides (keep it, or start again)
/// 3. the transfer stops early (Content-Length promised more, the connection dropped)
///      → the .part stays for the next attempt, IOException names the URL and bytes received / expected
/// 4. SHA-256 of the whole .part ≠ expected
///      → the .part is deleted (resuming garbage would never help), InvalidDataException names URL and both hashes
/// 5. checksum ok → AtomicFile.Publish(.part, destination): fsync, rename (atomic on one volume), fsync of the folder
/// </code>
/// <para>
/// So a reader of the destination sees either no file or the complete, verified one, never half of it, even if the
/// process is killed. Cancelling through the token also keeps the .part for resuming.
/// </para>
/// </remarks>
public static class Downloader
{
    // Infinite: a large file may take longer than HttpClient's default 100 s. A stalled transfer is stopped by the
    // caller's CancellationToken, not by a guess at how long every file may take.
    private static readonly HttpClient SharedClient = CreateClient();

    /// <summary>The suffix of the file that receives the bytes until they are verified.</summary>
    public const string PartSuffix = ".part";

    /// <summary>Downloads <paramref name="url"/> to <paramref name="destinationPath"/> with a shared
    /// <see cref="HttpClient"/>.</summary>
    /// <param name="url">The file to fetch.</param>
    /// <param name="destinationPath">Where the verified file goes; its folder is created if missing, an older file
    /// there is replaced.</param>
    /// <param name="sha256Hex">The expected SHA-256 of the whole file, 64 hex digits (either case).</param>
    /// <param name="progress">Told the bytes held after every chunk (default: none). See
    /// <see cref="ConsoleProgressBar"/>.</param>
    /// <param name="cancellationToken">Stops the transfer; the .part is kept for resuming.</param>
    public static Task DownloadAsync(Uri url, string destinationPath, string sha256Hex,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
        => DownloadAsync(SharedClient, url, destinationPath, sha256Hex, progress, cancellationToken);

    /// <summary>The same, with the caller's <paramref name="client"/> (its timeouts, proxy and handler).</summary>
    public static async Task DownloadAsync(HttpClient client, Uri url, string destinationPath, string sha256Hex,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        string expected = NormalizeHash(sha256Hex);

        string destination = Path.GetFullPath(destinationPath);
        string partPath = destination + PartSuffix;
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);

        long resumeFrom = File.Exists(partPath) ? new FileInfo(partPath).Length : 0;
        HttpResponseMessage response = await SendAsync(client, url, resumeFrom, cancellationToken);
        try
        {
            if (resumeFrom > 0 && response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
            {
                // Nothing lies at or after byte K: the last attempt most likely got every byte and stopped before the
                // rename. If the checksum agrees the .part is the file; otherwise it is stale and we start over.
                response.Dispose();
                if (await Sha256HexAsync(partPath, cancellationToken) == expected)
                {
                    progress?.Report(new DownloadProgress(resumeFrom, resumeFrom));
                    DeepSeq.IO.AtomicFile.Publish(partPath, destination);
                    return;
                }
                File.Delete(partPath);
                resumeFrom = 0;
                response = await SendAsync(client, url, 0, cancellationToken);
            }
            await ReceiveAsync(response, url, partPath, resumeFrom, progress, cancellationToken);
        }
        finally
        {
            response.Dispose();
        }

        string actual = await Sha256HexAsync(partPath, cancellationToken);
        if (actual != expected)
        {
            File.Delete(partPath);
            throw new InvalidDataException(
                $"{url}: the downloaded file's SHA-256 is {actual}, but {expected} was expected. " +
                "The partial file was deleted; the next attempt starts from the beginning.");
        }
        DeepSeq.IO.AtomicFile.Publish(partPath, destination);
    }

    /// <summary>The SHA-256 of a file, as 64 lower-case hex digits.</summary>
    public static async Task<string> Sha256HexAsync(string path, CancellationToken cancellationToken = default)
    {
        await using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }

    /// <summary>GET <paramref name="url"/>, asking for the bytes from <paramref name="from"/> on when it is above
    /// 0.</summary>
    private static Task<HttpResponseMessage> SendAsync(
        HttpClient client, Uri url, long from, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (from > 0) request.Headers.Range = new RangeHeaderValue(from, null);
        // ResponseHeadersRead: return as soon as the headers are in, and stream the body instead of buffering it all.
        return client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Streams the response body into the .part: appended after a matching 206, from scratch
    /// otherwise.</summary>
    private static async Task ReceiveAsync(HttpResponseMessage response, Uri url, string partPath, long resumeFrom,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        if (response.StatusCode == HttpStatusCode.PartialContent
            && response.Content.Headers.ContentRange?.From != resumeFrom)
        {
            // We asked for bytes=K-; a part starting anywhere else cannot be appended. Start clean next time.
            File.Delete(partPath);
            throw new IOException($"{url}: asked for the bytes from {resumeFrom} on, but the server sent the range " +
                                  $"'{response.Content.Headers.ContentRange}'. The partial file was deleted.");
        }
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException(
                $"{url}: the server answered {(int)response.StatusCode} {response.ReasonPhrase}.", null,
                response.StatusCode);

        bool resumed = response.StatusCode == HttpStatusCode.PartialContent;
        long start = resumed ? resumeFrom : 0;
        long? length = response.Content.Headers.ContentLength;
        long? total = resumed ? response.Content.Headers.ContentRange?.Length ?? start + length : length;

        await using var file = new FileStream(partPath, resumed ? FileMode.Append : FileMode.Create,
            FileAccess.Write, FileShare.None, bufferSize: 1 << 16, useAsync: true);
        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);

        long received = start;
        progress?.Report(new DownloadProgress(received, total));
        byte[] buffer = new byte[1 << 16];
        while (true)
        {
            int n;
            try
            {
                n = await body.ReadAsync(buffer, cancellationToken);
            }
            catch (Exception e) when (e is IOException or HttpRequestException
                                      && !cancellationToken.IsCancellationRequested)
            {
                // The connection dropped. What arrived is good as far as it goes: keep it (the FileStream is
                // flushed on dispose) so the next attempt resumes from here.
                throw Truncated(url, received, total, e);
            }
            if (n == 0) break;
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
            received += n;
            progress?.Report(new DownloadProgress(received, total));
        }
        if (total is long expected && received < expected) throw Truncated(url, received, total, null);
    }

    private static IOException Truncated(Uri url, long received, long? total, Exception? inner)
        => new($"{url}: the transfer stopped after {received} of " +
               $"{(total is long t ? t.ToString() : "an unknown number of")} bytes. " +
               "The partial file was kept; calling DownloadAsync again resumes it.", inner);

    private static string NormalizeHash(string sha256Hex)
    {
        ArgumentNullException.ThrowIfNull(sha256Hex);
        string hash = sha256Hex.Trim().ToLowerInvariant();
        if (hash.Length != 64 || !hash.All(char.IsAsciiHexDigit))
            throw new ArgumentException($"'{sha256Hex}' is not a SHA-256: expected 64 hex digits.", nameof(sha256Hex));
        return hash;
    }

    private static HttpClient CreateClient()
    {
        var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        // Some hosts refuse requests that carry no User-Agent.
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("DeepSeq", "1.0"));
        return client;
    }
}
