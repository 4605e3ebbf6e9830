using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

/// <summary>Downloads end to end against <see cref="LoopbackHttpServer"/>; no test needs the internet.</summary>
public sealed class ModelStoreDownloadTests
{
    private const int Size = 300_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FreshDownload_IsVerifiedRenamedAndReported()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 1);
        server.Serve("fresh/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "fresh", "model.onnx", content);
        using var store = ModelTestData.Store(cache.Path);
        var progress = new RecordingProgress();

        var resolved = await store.PullAsync(manifest, progress, Ct);

        Assert.Equal(Path.Combine(cache.Path, "fresh", "model.onnx"), resolved.ModelPath);
        Assert.Equal(content, await File.ReadAllBytesAsync(resolved.ModelPath, Ct));
        Assert.False(File.Exists(resolved.ModelPath + ".partial"));
        var request = Assert.Single(server.Requests);
        Assert.Null(request.Range);
        Assert.Equal(Size, request.BodyBytesSent);
        var last = progress.Reports[^1];
        Assert.Equal("download fresh/model.onnx", last.Stage);
        Assert.Equal(Size, last.Completed);
        Assert.Equal(Size, last.Total);
        Assert.All(progress.Reports, p => Assert.InRange(p.Completed, 0, Size));

        var verification = await store.VerifyAsync(manifest, Ct);
        Assert.True(verification.IsIntact);
        Assert.Equal(ModelFileStatus.Verified, Assert.Single(verification.Files).Status);

        // Resolving again uses the cache: no new request.
        var again = await store.ResolveAsync(manifest, cancellationToken: Ct);
        Assert.Equal(resolved.ModelPath, again.ModelPath);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task InterruptedDownload_ResumesWithARangeRequestAndDoesNotResendBytes()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 2);
        const int DropAt = 123_456;
        var route = server.Serve("resume/model.onnx", content);
        route.DropAfterBytes = DropAt;
        route.DropTimes = 1;
        var manifest = ModelTestData.Manifest(server, "resume", "model.onnx", content);
        var finalPath = Path.Combine(cache.Path, "resume", "model.onnx");

        using (var store = ModelTestData.Store(cache.Path, maxAttempts: 1))
        {
            // First attempt: the connection drops mid-file.
            var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(manifest, cancellationToken: Ct));
            Assert.Contains("resume", ex.Message);
            Assert.False(File.Exists(finalPath));
            Assert.Equal(DropAt, new FileInfo(finalPath + ".partial").Length);
        }

        using (var store = ModelTestData.Store(cache.Path, maxAttempts: 1))
        {
            // Second attempt (a new store, as after a restart): resumes from the partial file.
            await store.PullAsync(manifest, cancellationToken: Ct);
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(finalPath, Ct));
        Assert.False(File.Exists(finalPath + ".partial"));
        var requests = server.Requests;
        Assert.Equal(2, requests.Count);
        Assert.Null(requests[0].Range);
        Assert.Equal(DropAt, requests[0].BodyBytesSent);
        Assert.Equal($"bytes={DropAt}-", requests[1].Range);
        Assert.Equal(206, requests[1].Status);
        Assert.Equal(Size - DropAt, requests[1].BodyBytesSent);
        Assert.Equal(Size, requests.Sum(r => r.BodyBytesSent));
    }

    [Fact]
    public async Task DroppedConnection_IsRetriedWithinOneCall()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 3);
        var route = server.Serve("retry/model.onnx", content);
        route.DropAfterBytes = 50_000;
        route.DropTimes = 2;
        using var store = ModelTestData.Store(cache.Path, maxAttempts: 3);

        var resolved = await store.PullAsync(ModelTestData.Manifest(server, "retry", "model.onnx", content), cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(resolved.ModelPath, Ct));
        Assert.Equal([null, "bytes=50000-", "bytes=100000-"], server.Requests.Select(r => r.Range));
        Assert.Equal(Size, server.Requests.Sum(r => r.BodyBytesSent));
    }

    [Fact]
    public async Task ServerThatIgnoresRange_RestartsFromZero()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 4);
        var route = server.Serve("norange/model.onnx", content);
        route.DropAfterBytes = 70_000;
        route.DropTimes = 1;
        route.IgnoreRange = true;
        using var store = ModelTestData.Store(cache.Path, maxAttempts: 2);

        var resolved = await store.PullAsync(ModelTestData.Manifest(server, "norange", "model.onnx", content), cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(resolved.ModelPath, Ct));
        var requests = server.Requests;
        Assert.Equal("bytes=70000-", requests[1].Range);
        Assert.Equal(200, requests[1].Status);
        Assert.Equal(Size, requests[1].BodyBytesSent);
    }

    [Fact]
    public async Task CompletePartialFile_IsFinishedThrough416WhenTheSizeIsUnknown()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 5);
        server.Serve("whole/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "whole", "model.onnx", content, withSize: false);
        var finalPath = Path.Combine(cache.Path, "whole", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        await File.WriteAllBytesAsync(finalPath + ".partial", content, Ct);
        using var store = ModelTestData.Store(cache.Path);

        await store.PullAsync(manifest, cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(finalPath, Ct));
        var request = Assert.Single(server.Requests);
        Assert.Equal(416, request.Status);
        Assert.Equal(0, request.BodyBytesSent);
    }

    [Fact]
    public async Task OverlongPartialFile_IsDiscardedAfter416()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 6);
        server.Serve("long/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "long", "model.onnx", content, withSize: false);
        var finalPath = Path.Combine(cache.Path, "long", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        await File.WriteAllBytesAsync(finalPath + ".partial", ModelTestData.Bytes(Size + 10, seed: 99), Ct);
        using var store = ModelTestData.Store(cache.Path);

        await store.PullAsync(manifest, cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(finalPath, Ct));
        Assert.Equal([416, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task PartialFileFromADifferentFile_FailsTheHashAndIsRedownloadedOnce()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 7);
        server.Serve("stale/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "stale", "model.onnx", content);
        var finalPath = Path.Combine(cache.Path, "stale", "model.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);
        await File.WriteAllBytesAsync(finalPath + ".partial", ModelTestData.Bytes(1000, seed: 98), Ct);
        using var store = ModelTestData.Store(cache.Path);

        await store.PullAsync(manifest, cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(finalPath, Ct));
        Assert.Equal(["bytes=1000-", null], server.Requests.Select(r => r.Range));
    }

    [Fact]
    public async Task TamperedBytes_AreRejectedAndNothingIsKept()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 8);
        var tampered = (byte[])content.Clone();
        tampered[Size / 2] ^= 0x01;
        server.Serve("tampered/model.onnx", content).ServeInstead = tampered;
        var manifest = ModelTestData.Manifest(server, "tampered", "model.onnx", content);
        using var store = ModelTestData.Store(cache.Path);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(manifest, cancellationToken: Ct));

        Assert.Contains(ModelTestData.Sha256(content), ex.Message);
        Assert.Contains(ModelTestData.Sha256(tampered), ex.Message);
        Assert.Equal("tampered", ex.ModelId);
        Assert.Equal(manifest.Files[0].Url, ex.Url);
        var folder = Path.Combine(cache.Path, "tampered");
        Assert.False(File.Exists(Path.Combine(folder, "model.onnx")));
        Assert.False(File.Exists(Path.Combine(folder, "model.onnx.partial")));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task SizeCap_RejectsUpFrontFromTheManifest()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 9);
        server.Serve("big/model.onnx", content);
        using var store = ModelTestData.Store(cache.Path, o => o.MaxDownloadBytes = Size - 1);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(ModelTestData.Manifest(server, "big", "model.onnx", content), cancellationToken: Ct));

        Assert.Contains("size cap", ex.Message);
        Assert.Contains("MaxDownloadBytes", ex.Message);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task SizeCap_RejectsFromContentLengthBeforeTheBody()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 10);
        server.Serve("big/model.onnx", content);
        using var store = ModelTestData.Store(cache.Path, o => o.MaxDownloadBytes = Size - 1);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(
            () => store.PullAsync(ModelTestData.Manifest(server, "big", "model.onnx", content, withSize: false), cancellationToken: Ct));

        Assert.Contains("size cap", ex.Message);
        Assert.Equal([".lock"], Directory.GetFiles(Path.Combine(cache.Path, "big")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task SizeCap_StopsAStreamWithNoContentLength()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 11);
        var route = server.Serve("stream/model.onnx", content);
        route.OmitContentLength = true;
        using var store = ModelTestData.Store(cache.Path, o => o.MaxDownloadBytes = 100_000);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(
            () => store.PullAsync(ModelTestData.Manifest(server, "stream", "model.onnx", content, withSize: false), cancellationToken: Ct));

        Assert.Contains("size cap", ex.Message);
        Assert.False(File.Exists(Path.Combine(cache.Path, "stream", "model.onnx")));
        Assert.False(File.Exists(Path.Combine(cache.Path, "stream", "model.onnx.partial")));
    }

    [Fact]
    public async Task StreamWithNoContentLength_DownloadsWhenWithinTheCap()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 12);
        server.Serve("stream/model.onnx", content).OmitContentLength = true;
        using var store = ModelTestData.Store(cache.Path);

        var resolved = await store.PullAsync(ModelTestData.Manifest(server, "stream", "model.onnx", content), cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(resolved.ModelPath, Ct));
    }

    [Fact]
    public async Task ContentLengthThatDisagreesWithTheManifest_IsRejected()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 13);
        server.Serve("liar/model.onnx", content);
        var manifest = new ModelManifest("liar", [new ModelFile("model.onnx", server.Url("liar/model.onnx"), Size + 10, ModelTestData.Sha256(content))]);
        using var store = ModelTestData.Store(cache.Path);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(manifest, cancellationToken: Ct));

        Assert.Contains($"{Size:N0}", ex.Message);
        Assert.Contains($"{Size + 10:N0}", ex.Message);
        Assert.False(File.Exists(Path.Combine(cache.Path, "liar", "model.onnx")));
    }

    [Fact]
    public async Task NotFound_GivesAClearMessageWithoutRetrying()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(1000, seed: 14);
        server.Serve("gone/model.onnx", content).Status = 404;
        var manifest = ModelTestData.Manifest(server, "gone", "model.onnx", content);
        using var store = ModelTestData.Store(cache.Path);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(manifest, cancellationToken: Ct));

        Assert.Contains("HTTP 404", ex.Message);
        Assert.Contains(manifest.Files[0].Url!.ToString(), ex.Message);
        Assert.Contains("--manifest", ex.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ServerError_IsRetriedThenReported()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(1000, seed: 15);
        server.Serve("flaky/model.onnx", content).Status = 500;
        using var store = ModelTestData.Store(cache.Path, maxAttempts: 3);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(ModelTestData.Manifest(server, "flaky", "model.onnx", content), cancellationToken: Ct));

        Assert.Contains("HTTP 500", ex.Message);
        Assert.Contains("3 attempts", ex.Message);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task ServerError_ThatClears_Succeeds()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(1000, seed: 16);
        var route = server.Serve("flaky/model.onnx", content);
        route.Status = 503;
        route.StatusTimes = 1;
        using var store = ModelTestData.Store(cache.Path, maxAttempts: 3);

        var resolved = await store.PullAsync(ModelTestData.Manifest(server, "flaky", "model.onnx", content), cancellationToken: Ct);

        Assert.Equal(content, await File.ReadAllBytesAsync(resolved.ModelPath, Ct));
        Assert.Equal([503, 200], server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task ConnectionRefused_IsReportedAsADownloadError()
    {
        using var cache = new TemporaryDirectory();
        Uri deadUrl;
        await using (var server = new LoopbackHttpServer())
        {
            deadUrl = server.Url("dead/model.onnx");
        }

        var manifest = new ModelManifest("dead", [new ModelFile("model.onnx", deadUrl, 10, null)]);
        using var store = ModelTestData.Store(cache.Path, maxAttempts: 2);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(manifest, cancellationToken: Ct));

        Assert.Contains("2 attempts", ex.Message);
        Assert.NotNull(ex.InnerException);
    }

    [Fact]
    public async Task Cancellation_LeavesNoFinalFile()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 17);
        var route = server.Serve("slow/model.onnx", content);
        route.TrickleDelay = TimeSpan.FromMilliseconds(20);
        route.TrickleChunk = 4096;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var progress = new RecordingProgress(p =>
        {
            if (p.Completed > 0)
            {
                cts.Cancel();
            }
        });
        using var store = ModelTestData.Store(cache.Path);
        store.Downloader.StallTimeout = TimeSpan.FromSeconds(30);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.PullAsync(ModelTestData.Manifest(server, "slow", "model.onnx", content), progress, cts.Token));

        Assert.False(File.Exists(Path.Combine(cache.Path, "slow", "model.onnx")));
        var partial = new FileInfo(Path.Combine(cache.Path, "slow", "model.onnx.partial"));
        Assert.True(partial.Exists, "the partial download is kept for a later resume");
        Assert.InRange(partial.Length, 1, Size - 1);
    }

    [Fact]
    public async Task StalledServer_TimesOut()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(10_000, seed: 18);
        var route = server.Serve("stall/model.onnx", content);
        route.TrickleDelay = TimeSpan.FromSeconds(5);
        route.TrickleChunk = 100;
        using var store = ModelTestData.Store(cache.Path, maxAttempts: 1);
        store.Downloader.StallTimeout = TimeSpan.FromMilliseconds(300);

        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(ModelTestData.Manifest(server, "stall", "model.onnx", content), cancellationToken: Ct));

        Assert.Contains("sent nothing", ex.Message);
        Assert.False(File.Exists(Path.Combine(cache.Path, "stall", "model.onnx")));
    }

    [Fact]
    public async Task ConcurrentPulls_OfTheSameModel_DownloadItOnce()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(Size, seed: 19);
        var route = server.Serve("shared/model.onnx", content);
        route.TrickleDelay = TimeSpan.FromMilliseconds(2);
        route.TrickleChunk = 16 * 1024;
        var manifest = ModelTestData.Manifest(server, "shared", "model.onnx", content);
        using var first = ModelTestData.Store(cache.Path);
        using var second = ModelTestData.Store(cache.Path);

        // Four callers on one store, and two on a second store over the same folder (the lock-file path, as between processes).
        var pulls = Enumerable.Range(0, 6)
            .Select(i => Task.Run(() => (i < 4 ? first : second).ResolveAsync(manifest, cancellationToken: Ct), Ct))
            .ToArray();
        var results = await Task.WhenAll(pulls);

        Assert.All(results, r => Assert.Equal(results[0].ModelPath, r.ModelPath));
        Assert.Equal(content, await File.ReadAllBytesAsync(results[0].ModelPath, Ct));
        Assert.Single(server.Requests);
        Assert.Equal(Size, server.Requests[0].BodyBytesSent);
        Assert.Equal(["model.onnx"], Directory.GetFiles(Path.Combine(cache.Path, "shared")).Select(Path.GetFileName).Where(n => !n!.StartsWith('.')));
    }

    [Fact]
    public async Task MultiFileModel_DownloadsEveryFileUnderItsOwnName()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var graph = ModelTestData.Bytes(5_000, seed: 20);
        var data = ModelTestData.Bytes(80_000, seed: 21);
        server.Serve("two/Graph.onnx", graph);
        server.Serve("two/Graph.onnx.data", data);
        var manifest = new ModelManifest(
            "two",
            [
                new ModelFile("Graph.onnx", server.Url("two/Graph.onnx"), graph.Length, ModelTestData.Sha256(graph)),
                new ModelFile("Graph.onnx.data", server.Url("two/Graph.onnx.data"), data.Length, ModelTestData.Sha256(data)),
            ]);
        using var store = ModelTestData.Store(cache.Path);
        var progress = new RecordingProgress();

        var resolved = await store.ResolveAsync(manifest, progress, Ct);

        Assert.Equal(Path.Combine(cache.Path, "two", "Graph.onnx"), resolved.ModelPath);
        Assert.Equal(data, await File.ReadAllBytesAsync(resolved.FilePaths[1], Ct));
        Assert.Equal(["download two/Graph.onnx", "download two/Graph.onnx.data"], progress.Reports.Select(p => p.Stage).Distinct());
    }

    [Fact]
    public async Task CatalogMirror_WithTheSameFiles_IsAccepted()
    {
        var shared = TestAssets.SharedModels;
        if (shared is null)
        {
            Assert.Skip("../shared/models is not present; this test serves the real basic-pitch file from a loopback mirror.");
        }

        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var real = await File.ReadAllBytesAsync(Path.Combine(shared, "basic-pitch_nmp.onnx"), Ct);
        server.Serve("mirror/nmp.onnx", real);
        var known = KnownModels.BasicPitch.Files[0];
        var mirror = new ModelManifest("basic-pitch", [new ModelFile(known.Name, server.Url("mirror/nmp.onnx"), known.SizeBytes, known.Sha256)]);
        using var store = ModelTestData.Store(cache.Path);

        await store.PullAsync(mirror, cancellationToken: Ct);

        var verification = await store.VerifyAsync(KnownModels.BasicPitch, Ct);
        Assert.Equal(ModelFileStatus.Verified, Assert.Single(verification.Files).Status);
        Assert.False(File.Exists(Path.Combine(cache.Path, "basic-pitch", ".musicai-manifest.json")), "catalog models keep no manifest copy");
    }

    [Fact]
    public async Task CatalogId_WithOtherFiles_IsRefused()
    {
        using var cache = new TemporaryDirectory();
        using var store = ModelTestData.Store(cache.Path);
        var impostor = new ModelManifest("basic-pitch", [new ModelFile("nmp.onnx", new Uri("http://127.0.0.1:1/x"), 10, null)]);

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => store.PullAsync(impostor, cancellationToken: Ct));

        Assert.Contains("built-in catalog", ex.Message);
    }
}
