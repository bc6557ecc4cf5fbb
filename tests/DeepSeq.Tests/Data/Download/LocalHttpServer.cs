using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DeepSeq.Tests.Data.Download;

/// <summary>One request as the test server saw it: the path and the headers (names case-insensitive).</summary>
internal sealed record ServerRequest(string Path, IReadOnlyDictionary<string, string> Headers)
{
    /// <summary>K from <c>Range: bytes=K-</c>, or <c>null</c> without a Range header.</summary>
    public long? RangeStart => Headers.TryGetValue("Range", out string? range) && range.StartsWith("bytes=", StringComparison.Ordinal)
        ? long.Parse(range["bytes=".Length..].TrimEnd('-'))
        : null;
}

/// <summary>
/// What the server sends back. <paramref name="CutAfter"/> closes the connection after that many body bytes, whatever
/// Content-Length promised; <paramref name="Midway"/> runs after half the sent body, while the client is still reading.
/// </summary>
internal sealed record ServerResponse(int Status, byte[] Body, string? ContentRange = null, int? CutAfter = null, Func<Task>? Midway = null);

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 and a free port, written over a raw <see cref="TcpListener"/> so a test can
/// misbehave exactly (promise N bytes and send fewer, ignore Range) in ways HttpListener does not allow.
/// Every connection serves one request and is closed (<c>Connection: close</c>).
/// </summary>
internal sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<ServerRequest, ServerResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ServerRequest> _requests = [];
    private readonly Task _acceptLoop;

    public LocalHttpServer(Func<ServerRequest, ServerResponse> handler)
    {
        _handler = handler;
        _listener.Start();
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    public IReadOnlyList<ServerRequest> Requests { get { lock (_requests) return [.. _requests]; } }

    /// <summary>Serves <paramref name="file"/>: 206 from K for <c>Range: bytes=K-</c> when <paramref name="ranges"/>, else 200 with all of it.</summary>
    public static ServerResponse ServeFile(byte[] file, ServerRequest request, bool ranges, int? cutAfter = null, Func<Task>? midway = null)
        => ranges && request.RangeStart is long k
            ? new ServerResponse(206, file[(int)k..], $"bytes {k}-{file.Length - 1}/{file.Length}", cutAfter, midway)
            : new ServerResponse(200, file, null, cutAfter, midway);

    private async Task AcceptLoopAsync()
    {
        try
        {
            while (true)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
        catch (SocketException) { }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                ServerRequest request = await ReadRequestAsync(stream);
                lock (_requests) _requests.Add(request);
                ServerResponse response = _handler(request);

                var head = new StringBuilder()
                    .Append($"HTTP/1.1 {response.Status} {(response.Status == 206 ? "Partial Content" : "OK")}\r\n")
                    .Append($"Content-Length: {response.Body.Length}\r\n")
                    .Append("Content-Type: application/octet-stream\r\nConnection: close\r\n");
                if (response.ContentRange is not null) head.Append($"Content-Range: {response.ContentRange}\r\n");
                head.Append("\r\n");
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stop.Token);

                int send = Math.Min(response.Body.Length, response.CutAfter ?? int.MaxValue);
                int half = send / 2;
                await stream.WriteAsync(response.Body.AsMemory(0, half), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                if (response.Midway is not null) await response.Midway();
                await stream.WriteAsync(response.Body.AsMemory(half, send - half), _stop.Token);
                await stream.FlushAsync(_stop.Token);
                // A graceful close (FIN): the client gets every byte sent, then sees the end of the stream.
                client.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping: nothing to serve.
            }
        }
    }

    private static async Task<ServerRequest> ReadRequestAsync(NetworkStream stream)
    {
        // Byte by byte up to the blank line: slow, but a request head is a few hundred bytes and nothing is over-read.
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (head.Count < 4 || head[^4] != '\r' || head[^3] != '\n' || head[^2] != '\r' || head[^1] != '\n')
        {
            if (await stream.ReadAsync(one) == 0) throw new IOException("the client closed before the end of the request head");
            head.Add(one[0]);
        }
        string[] lines = Encoding.ASCII.GetString([.. head]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':');
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        return new ServerRequest(lines[0].Split(' ')[1], headers);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _acceptLoop;
        _stop.Dispose();
    }
}
