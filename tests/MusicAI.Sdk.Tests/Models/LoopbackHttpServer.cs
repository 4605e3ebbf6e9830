using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MusicAI.Sdk.Tests.Models;

/// <summary>
/// A minimal HTTP/1.1 file server on 127.0.0.1 for download tests, written over <see cref="TcpListener"/> so every
/// misbehaviour can be staged: dropped connections, ignored <c>Range</c> headers, wrong bytes, error statuses, lying or
/// missing <c>Content-Length</c>, slow trickles. One request per connection (<c>Connection: close</c>).
/// Every request is recorded with its <c>Range</c> header and the number of body bytes actually sent.
/// </summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, LoopbackRoute> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<LoopbackRequest> _requests = new();
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly Task _acceptLoop;

    public LoopbackHttpServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptLoopAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>Requests seen so far, in arrival order of completion.</summary>
    public IReadOnlyList<LoopbackRequest> Requests => [.. _requests];

    /// <summary>Serves <paramref name="content"/> at <paramref name="path"/>; returns the route so the test can set knobs.</summary>
    public LoopbackRoute Serve(string path, byte[] content)
    {
        var route = new LoopbackRoute(content);
        _routes[path.TrimStart('/')] = route;
        return route;
    }

    public Uri Url(string path) => new(BaseAddress, path.TrimStart('/'));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
        }

        await Task.WhenAll(_connections.ToArray());
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _connections.Add(Task.Run(() => HandleAsync(client)));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var record = new LoopbackRequest();
        try
        {
            var head = await ReadHeadAsync(stream, _stop.Token);
            if (head is null)
            {
                return;
            }

            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            record.Method = requestLine[0];
            record.Path = Uri.UnescapeDataString(requestLine[1].TrimStart('/'));
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Equals("Range", StringComparison.OrdinalIgnoreCase))
                {
                    record.Range = line[(colon + 1)..].Trim();
                }
            }

            // Recorded before answering, and every field is set before the response ends, so a client that has
            // finished reading always finds its request here, complete.
            _requests.Enqueue(record);

            if (!_routes.TryGetValue(record.Path, out var route))
            {
                await WriteStatusAsync(stream, record, 404, "Not Found");
                return;
            }

            var number = Interlocked.Increment(ref route.RequestCount);
            if (route.Status is { } status && number <= route.StatusTimes)
            {
                await WriteStatusAsync(stream, record, status, status == 404 ? "Not Found" : "Error");
                return;
            }

            await ServeAsync(stream, record, route, number);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (cancellation) or the server is stopping.
        }
    }

    private async Task ServeAsync(NetworkStream stream, LoopbackRequest record, LoopbackRoute route, int number)
    {
        var content = route.ServeInstead ?? route.Content;
        long start = 0;
        var partial = false;
        if (record.Range is { } range && !route.IgnoreRange && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], CultureInfo.InvariantCulture);
            if (start >= content.Length)
            {
                record.Status = 416;
                await WriteAsync(stream, $"HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */{content.Length}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                return;
            }

            partial = true;
        }

        var length = content.Length - start;
        var header = new StringBuilder();
        header.Append(partial ? "HTTP/1.1 206 Partial Content\r\n" : "HTTP/1.1 200 OK\r\n");
        header.Append("Content-Type: application/octet-stream\r\nAccept-Ranges: bytes\r\nConnection: close\r\n");
        if (partial)
        {
            header.Append(CultureInfo.InvariantCulture, $"Content-Range: bytes {start}-{content.Length - 1}/{route.AdvertisedTotal ?? content.Length}\r\n");
        }

        if (!route.OmitContentLength)
        {
            header.Append(CultureInfo.InvariantCulture, $"Content-Length: {route.AdvertisedLength ?? length}\r\n");
        }

        header.Append("\r\n");
        record.Status = partial ? 206 : 200;
        await WriteAsync(stream, header.ToString());

        var limit = route.DropAfterBytes is { } drop && number <= route.DropTimes ? Math.Min(drop, length) : length;
        var chunk = route.TrickleDelay > TimeSpan.Zero ? route.TrickleChunk : 16 * 1024;
        var position = start;
        while (position - start < limit)
        {
            var count = (int)Math.Min(chunk, limit - (position - start));
            await stream.WriteAsync(content.AsMemory((int)position, count), _stop.Token);
            await stream.FlushAsync(_stop.Token);
            position += count;
            record.BodyBytesSent += count;
            if (route.TrickleDelay > TimeSpan.Zero)
            {
                await Task.Delay(route.TrickleDelay, _stop.Token);
            }
        }

        // Half-close so the client reads every byte sent and then sees the end of the stream.
        stream.Socket.Shutdown(SocketShutdown.Send);
    }

    private static async Task WriteStatusAsync(NetworkStream stream, LoopbackRequest record, int status, string reason)
    {
        record.Status = status;
        await WriteAsync(stream, $"HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[8192];
        var filled = 0;
        while (filled < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            filled += read;
            var text = Encoding.ASCII.GetString(buffer, 0, filled);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0)
            {
                return text[..end];
            }
        }

        return null;
    }
}

/// <summary>What the server does for one path. Set the knobs before the client asks.</summary>
internal sealed class LoopbackRoute(byte[] content)
{
    public int RequestCount;

    /// <summary>The true bytes of the file.</summary>
    public byte[] Content { get; } = content;

    /// <summary>Bytes to send instead of <see cref="Content"/> (a tampered mirror).</summary>
    public byte[]? ServeInstead { get; set; }

    /// <summary>Close the connection after this many body bytes...</summary>
    public long? DropAfterBytes { get; set; }

    /// <summary>...for this many requests (then serve normally).</summary>
    public int DropTimes { get; set; } = int.MaxValue;

    /// <summary>Answer every request with the whole file (200), ignoring <c>Range</c>.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Answer with this status (404, 500, ...)...</summary>
    public int? Status { get; set; }

    /// <summary>...for this many requests (then serve normally).</summary>
    public int StatusTimes { get; set; } = int.MaxValue;

    /// <summary>Send <c>Content-Length</c> with this value instead of the true one.</summary>
    public long? AdvertisedLength { get; set; }

    /// <summary>Send this total in <c>Content-Range</c> instead of the true one.</summary>
    public long? AdvertisedTotal { get; set; }

    /// <summary>Send no <c>Content-Length</c>: the body ends when the connection closes.</summary>
    public bool OmitContentLength { get; set; }

    /// <summary>Wait this long after each <see cref="TrickleChunk"/>-byte chunk.</summary>
    public TimeSpan TrickleDelay { get; set; }

    public int TrickleChunk { get; set; } = 1024;
}

/// <summary>One request as the server saw it.</summary>
internal sealed class LoopbackRequest
{
    public string Method { get; set; } = "";

    public string Path { get; set; } = "";

    public string? Range { get; set; }

    public int Status { get; set; }

    public long BodyBytesSent
    {
        get => Volatile.Read(ref _bodyBytesSent);
        set => Volatile.Write(ref _bodyBytesSent, value);
    }

    private long _bodyBytesSent;
}
