using System.Security.Cryptography;
using DeepSeq.Data.Download;
using Xunit;

namespace DeepSeq.Tests.Data.Download;

/// <summary>
/// <see cref="Downloader"/> against a local server that behaves well, lies about the checksum, drops the connection,
/// and ignores Range. Every test has its own temp folder and a 5-second deadline, so a hang fails instead of stalling.
/// </summary>
public sealed class DownloaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("deepseq-download-").FullName;
    private readonly CancellationTokenSource _deadline = new(TimeSpan.FromSeconds(5));
    private readonly HttpClient _client = new(new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(2) })
    {
        Timeout = TimeSpan.FromSeconds(5),
    };

    // 200 kB of random bytes: several 64 kB read chunks, so progress and truncation happen mid-stream.
    private static readonly byte[] File200k = RandomBytes(200_000, seed: 7);
    private static readonly string File200kSha = Convert.ToHexStringLower(SHA256.HashData(File200k));

    private string Destination => Path.Combine(_dir, "sub", "data.bin");
    private string Part => Destination + Downloader.PartSuffix;

    private Task DownloadAsync(LocalHttpServer server, string sha, IProgress<DownloadProgress>? progress = null)
        => Downloader.DownloadAsync(_client, server.Url("/data.bin"), Destination, sha, progress, _deadline.Token);

    [Fact]
    public async Task ServesTheFileVerifiesItAndMovesItIntoPlaceOnlyAtTheEnd()
    {
        bool destinationExistedMidway = true;
        long partBytesMidway = 0;
        await using var server = new LocalHttpServer(request => LocalHttpServer.ServeFile(File200k, request, ranges: true,
            midway: async () =>
            {
                // Half the body is sent: wait until the client has written some of it, then look at the disk.
                for (int i = 0; i < 200 && (!File.Exists(Part) || new FileInfo(Part).Length == 0); i++) await Task.Delay(10);
                partBytesMidway = File.Exists(Part) ? new FileInfo(Part).Length : 0;
                destinationExistedMidway = File.Exists(Destination);
            }));
        var reports = new List<DownloadProgress>();

        await DownloadAsync(server, File200kSha.ToUpperInvariant(), new SyncProgress(reports.Add));

        Assert.Equal(File200k, await File.ReadAllBytesAsync(Destination));
        Assert.False(File.Exists(Part));
        Assert.False(destinationExistedMidway);
        Assert.True(partBytesMidway > 0);
        Assert.Equal(new DownloadProgress(200_000, 200_000), reports[^1]);
        Assert.Equal(reports.OrderBy(r => r.BytesReceived), reports);
        Assert.False(server.Requests[0].Headers.ContainsKey("Range"));
    }

    [Fact]
    public async Task AWrongChecksumDeletesThePartAndNamesUrlAndBothHashes()
    {
        await using var server = new LocalHttpServer(request => LocalHttpServer.ServeFile(File200k, request, ranges: true));
        string wrong = new('0', 64);

        var e = await Assert.ThrowsAsync<InvalidDataException>(() => DownloadAsync(server, wrong));

        Assert.Contains(server.Url("/data.bin").ToString(), e.Message);
        Assert.Contains(wrong, e.Message);
        Assert.Contains(File200kSha, e.Message);
        Assert.False(File.Exists(Part));
        Assert.False(File.Exists(Destination));
    }

    [Fact]
    public async Task ATruncatedTransferKeepsThePartAndNamesBytesReceivedAndExpected()
    {
        await using var server = new LocalHttpServer(request => LocalHttpServer.ServeFile(File200k, request, ranges: true, cutAfter: 100_000));

        var e = await Assert.ThrowsAsync<IOException>(() => DownloadAsync(server, File200kSha));

        Assert.Contains(server.Url("/data.bin").ToString(), e.Message);
        Assert.Contains("100000 of 200000 bytes", e.Message);
        Assert.Equal(100_000, new FileInfo(Part).Length);
        Assert.Equal(File200k[..100_000], await File.ReadAllBytesAsync(Part));
        Assert.False(File.Exists(Destination));
    }

    [Fact]
    public async Task ASecondAttemptResumesWithARangeRequest()
    {
        const int K = 75_000;
        int calls = 0;
        await using var server = new LocalHttpServer(request => LocalHttpServer.ServeFile(File200k, request, ranges: true,
            cutAfter: Interlocked.Increment(ref calls) == 1 ? K : null));

        await Assert.ThrowsAsync<IOException>(() => DownloadAsync(server, File200kSha));
        Assert.Equal(K, new FileInfo(Part).Length);
        var reports = new List<DownloadProgress>();
        await DownloadAsync(server, File200kSha, new SyncProgress(reports.Add));

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal($"bytes={K}-", server.Requests[1].Headers["Range"]);
        Assert.Equal(File200k, await File.ReadAllBytesAsync(Destination));
        Assert.False(File.Exists(Part));
        Assert.Equal(new DownloadProgress(K, 200_000), reports[0]);  // progress counts the bytes kept from before
        Assert.Equal(new DownloadProgress(200_000, 200_000), reports[^1]);
    }

    [Fact]
    public async Task AServerWithoutRangeSupportRestartsFromZero()
    {
        int calls = 0;
        await using var server = new LocalHttpServer(request => LocalHttpServer.ServeFile(File200k, request, ranges: false,
            cutAfter: Interlocked.Increment(ref calls) == 1 ? 50_000 : null));

        await Assert.ThrowsAsync<IOException>(() => DownloadAsync(server, File200kSha));
        await DownloadAsync(server, File200kSha);

        Assert.Equal("bytes=50000-", server.Requests[1].Headers["Range"]);  // asked to resume, was answered 200
        Assert.Equal(File200k, await File.ReadAllBytesAsync(Destination));  // so the old bytes were not appended to
        Assert.False(File.Exists(Part));
    }

    [Fact]
    public async Task AWholePartIsKeptWhenTheServerAnswers416()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Part)!);
        await File.WriteAllBytesAsync(Part, File200k);
        await using var server = new LocalHttpServer(_ => new ServerResponse(416, [], $"bytes */{File200k.Length}"));

        await DownloadAsync(server, File200kSha);

        Assert.Equal(File200k, await File.ReadAllBytesAsync(Destination));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task BadArgumentsAreRefusedBeforeAnyRequest()
    {
        await using var server = new LocalHttpServer(request => LocalHttpServer.ServeFile(File200k, request, ranges: true));
        await Assert.ThrowsAsync<ArgumentException>(() => DownloadAsync(server, "abc"));
        await Assert.ThrowsAsync<ArgumentException>(() => DownloadAsync(server, new string('g', 64)));
        Assert.Empty(server.Requests);
    }

    private static byte[] RandomBytes(int n, int seed)
    {
        byte[] bytes = new byte[n];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Records reports on the calling thread, in order (<see cref="Progress{T}"/> would post them to the pool).</summary>
    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }

    public void Dispose()
    {
        _client.Dispose();
        _deadline.Dispose();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
