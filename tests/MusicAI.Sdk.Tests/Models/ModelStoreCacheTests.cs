using System.Text.Json;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

/// <summary>The cache side of the store: verify, list, remove, offline mode, trust on first use, resolution.</summary>
public sealed class ModelStoreCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CachedFileModifiedOnDisk_IsReportedByVerifyAndRepairedByPull()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(50_000, seed: 30);
        server.Serve("m/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "m", "model.onnx", content);
        using var store = ModelTestData.Store(cache.Path);
        var path = (await store.PullAsync(manifest, cancellationToken: Ct)).ModelPath;

        var tampered = (byte[])content.Clone();
        tampered[0] ^= 0xFF;
        await File.WriteAllBytesAsync(path, tampered, Ct);
        var verification = await store.VerifyAsync(manifest, Ct);

        Assert.False(verification.IsIntact);
        Assert.True(verification.HasMismatch);
        var file = Assert.Single(verification.Files);
        Assert.Equal(ModelFileStatus.HashMismatch, file.Status);
        Assert.Equal(ModelTestData.Sha256(content), file.ExpectedSha256);
        Assert.Equal(ModelTestData.Sha256(tampered), file.ActualSha256);
        Assert.Contains(file.ExpectedSha256!, file.ToString());
        Assert.Contains(file.ActualSha256!, file.ToString());

        // Resolve trusts sizes only; pull re-hashes and replaces the damaged file.
        await store.ResolveAsync(manifest, cancellationToken: Ct);
        Assert.Single(server.Requests);
        await store.PullAsync(manifest, cancellationToken: Ct);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
        Assert.True((await store.VerifyAsync(manifest, Ct)).IsIntact);
    }

    [Fact]
    public async Task TruncatedCachedFile_IsASizeMismatchAndResolveReplacesIt()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(50_000, seed: 31);
        server.Serve("m/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "m", "model.onnx", content);
        using var store = ModelTestData.Store(cache.Path);
        var path = (await store.PullAsync(manifest, cancellationToken: Ct)).ModelPath;
        await File.WriteAllBytesAsync(path, content.AsSpan(0, 1000).ToArray(), Ct);

        var file = Assert.Single((await store.VerifyAsync(manifest, Ct)).Files);
        Assert.Equal(ModelFileStatus.SizeMismatch, file.Status);
        Assert.Equal(1000, file.ActualSizeBytes);

        await store.ResolveAsync(manifest, cancellationToken: Ct);
        Assert.Equal(content, await File.ReadAllBytesAsync(path, Ct));
    }

    [Fact]
    public async Task UnpublishedHash_IsRecordedOnFirstDownloadAndEnforcedLater()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(40_000, seed: 32);
        var route = server.Serve("tofu/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "tofu", "model.onnx", content, withSha: false);
        using var store = ModelTestData.Store(cache.Path);

        var path = (await store.PullAsync(manifest, cancellationToken: Ct)).ModelPath;

        // The computed hash is recorded beside the file...
        var record = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(cache.Path, "tofu", ".musicai-sha256.json"), Ct));
        Assert.Equal(ModelTestData.Sha256(content), record.RootElement.GetProperty("model.onnx").GetProperty("sha256").GetString());
        var verified = Assert.Single((await store.VerifyAsync(manifest, Ct)).Files);
        Assert.Equal(ModelFileStatus.MatchesRecordedHash, verified.Status);

        // ...so tampering on disk is detected...
        var tampered = (byte[])content.Clone();
        tampered[100] ^= 0x10;
        await File.WriteAllBytesAsync(path, tampered, Ct);
        var damaged = Assert.Single((await store.VerifyAsync(manifest, Ct)).Files);
        Assert.Equal(ModelFileStatus.HashMismatch, damaged.Status);
        Assert.Equal(ModelTestData.Sha256(content), damaged.ExpectedSha256);

        // ...and a server that now sends other bytes is refused rather than trusted again.
        route.ServeInstead = tampered;
        var ex = await Assert.ThrowsAsync<ModelDownloadException>(() => store.PullAsync(manifest, cancellationToken: Ct));
        Assert.Contains("recorded", ex.Message);
        Assert.Contains("musicai models remove tofu", ex.Message);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task FileCopiedInByHand_WithNoHash_IsUnverifiableUntilPulled()
    {
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(2_000, seed: 33);
        var manifest = new ModelManifest("byhand", [new ModelFile("model.onnx", null, content.Length, null)]);
        Directory.CreateDirectory(Path.Combine(cache.Path, "byhand"));
        await File.WriteAllBytesAsync(Path.Combine(cache.Path, "byhand", "model.onnx"), content, Ct);
        using var store = ModelTestData.Store(cache.Path);

        Assert.Equal(ModelFileStatus.Unverifiable, Assert.Single((await store.VerifyAsync(manifest, Ct)).Files).Status);
        Assert.True((await store.VerifyAsync(manifest, Ct)).IsIntact);

        await store.PullAsync(manifest, cancellationToken: Ct);
        Assert.Equal(ModelFileStatus.MatchesRecordedHash, Assert.Single((await store.VerifyAsync(manifest, Ct)).Files).Status);
    }

    [Fact]
    public async Task MissingFileWithoutAddress_SaysWhereToCopyIt()
    {
        using var cache = new TemporaryDirectory();
        var manifest = new ModelManifest("noaddress", [new ModelFile("model.onnx", null)]);
        using var store = ModelTestData.Store(cache.Path);

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync(manifest, cancellationToken: Ct));

        Assert.Contains(Path.Combine(cache.Path, "noaddress", "model.onnx"), ex.Message);
    }

    [Fact]
    public async Task Offline_MissingFileNamesTheFileTheCommandAndThePathWithoutTouchingTheNetworkOrDisk()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(1_000, seed: 34);
        server.Serve("off/weights.onnx", content);
        var manifest = ModelTestData.Manifest(server, "off", "weights.onnx", content);
        using var store = ModelTestData.Store(cache.Path, o => o.Offline = true);

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync(manifest, cancellationToken: Ct));

        Assert.Contains("weights.onnx", ex.Message);
        Assert.Contains("musicai models pull off", ex.Message);
        Assert.Contains(Path.Combine(cache.Path, "off", "weights.onnx"), ex.Message);
        Assert.Contains("offline", ex.Message);
        Assert.Equal("off", ex.ModelId);
        Assert.Empty(server.Requests);
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "off")), "offline mode writes nothing to the cache");
        await Assert.ThrowsAsync<ModelNotFoundException>(() => store.PullAsync(manifest, cancellationToken: Ct));
    }

    [Fact]
    public async Task Offline_CatalogModelByIdIsMissing()
    {
        using var cache = new TemporaryDirectory();
        using var store = ModelTestData.Store(cache.Path, o => o.Offline = true);

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("beatnet", cancellationToken: Ct));

        Assert.Contains("BeatNet.onnx", ex.Message);
        Assert.Contains("BeatNet.onnx.data", ex.Message);
        Assert.Contains("musicai models pull beatnet", ex.Message);
    }

    [Fact]
    public async Task Offline_DamagedFileIsAnErrorThatSaysWhatToDo()
    {
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(1_000, seed: 35);
        var manifest = new ModelManifest("dmg", [new ModelFile("model.onnx", null, content.Length, ModelTestData.Sha256(content))]);
        Directory.CreateDirectory(Path.Combine(cache.Path, "dmg"));
        await File.WriteAllBytesAsync(Path.Combine(cache.Path, "dmg", "model.onnx"), ModelTestData.Bytes(1_000, seed: 36), Ct);
        using var store = ModelTestData.Store(cache.Path, o => o.Offline = true);

        // Resolve checks the size only (it matches); pull re-hashes.
        await store.ResolveAsync(manifest, cancellationToken: Ct);
        var ex = await Assert.ThrowsAsync<ModelLoadException>(() => store.PullAsync(manifest, cancellationToken: Ct));
        Assert.Contains("damaged", ex.Message);
        Assert.Contains("musicai models pull dmg", ex.Message);
    }

    [Fact]
    public async Task Offline_RealModelsCopiedIntoTheCacheResolveAndVerify()
    {
        var shared = TestAssets.SharedModels;
        if (shared is null)
        {
            Assert.Skip("../shared/models is not present beside the repository.");
        }

        using var cache = new TemporaryDirectory();
        Directory.CreateDirectory(Path.Combine(cache.Path, "beatnet"));
        File.Copy(Path.Combine(shared, "beatnet", "BeatNet.onnx"), Path.Combine(cache.Path, "beatnet", "BeatNet.onnx"));
        File.Copy(Path.Combine(shared, "beatnet", "BeatNet.onnx.data"), Path.Combine(cache.Path, "beatnet", "BeatNet.onnx.data"));
        using var store = ModelTestData.Store(cache.Path, o => o.Offline = true);

        var resolved = await store.ResolveAsync("beatnet", cancellationToken: Ct);
        await store.PullAsync(KnownModels.BeatNet, cancellationToken: Ct);

        Assert.Equal(Path.Combine(cache.Path, "beatnet", "BeatNet.onnx"), resolved.ModelPath);
        Assert.Same(KnownModels.BeatNet, resolved.Manifest);
        var verification = await store.VerifyAsync(KnownModels.BeatNet, Ct);
        Assert.All(verification.Files, f => Assert.Equal(ModelFileStatus.Verified, f.Status));
    }

    [Fact]
    public async Task Resolve_ByLocalPath_ReturnsThatFile()
    {
        using var temp = new TemporaryDirectory();
        var path = Path.Combine(temp.Path, "My Model.onnx");
        await File.WriteAllBytesAsync(path, [1, 2, 3], Ct);
        using var store = ModelTestData.Store(Path.Combine(temp.Path, "cache"));

        var resolved = await store.ResolveAsync(path, cancellationToken: Ct);

        Assert.Equal(path, resolved.ModelPath);
        Assert.Equal("My Model.onnx", resolved.Id);
        Assert.Null(resolved.Manifest);
    }

    [Fact]
    public async Task Resolve_UnknownIdListsTheCatalog()
    {
        using var cache = new TemporaryDirectory();
        using var store = ModelTestData.Store(cache.Path);

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("no-such-model", cancellationToken: Ct));

        Assert.Contains("Unknown model id 'no-such-model'", ex.Message);
        Assert.Contains("basic-pitch", ex.Message);
        Assert.Contains("musicai models list", ex.Message);
        Assert.Throws<ModelNotFoundException>(() => store.GetManifest("no-such-model"));
    }

    [Fact]
    public async Task Resolve_MissingPathIsNotFound()
    {
        using var cache = new TemporaryDirectory();
        using var store = ModelTestData.Store(cache.Path);

        var ex = await Assert.ThrowsAsync<ModelNotFoundException>(() => store.ResolveAsync("../nowhere/model.onnx", cancellationToken: Ct));

        Assert.Contains("neither a model id nor an existing file", ex.Message);
    }

    [Fact]
    public async Task UserModels_AreRememberedListedAndRemoved()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(10_000, seed: 37);
        server.Serve("mine/model.onnx", content);
        var manifest = ModelTestData.Manifest(server, "mine", "model.onnx", content);
        using var store = ModelTestData.Store(cache.Path);

        var before = await store.ListAsync(Ct);
        Assert.Equal(KnownModels.All.Select(m => m.Id), before.Select(v => v.Manifest.Id));
        Assert.All(before, v => Assert.False(v.IsPartlyCached));

        await store.PullAsync(manifest, cancellationToken: Ct);

        // A new store (as in a later process) knows the model by id.
        using var later = ModelTestData.Store(cache.Path);
        Assert.Equal(manifest.ToJson(), later.GetManifest("mine").ToJson());
        var resolved = await later.ResolveAsync("mine", cancellationToken: Ct);
        Assert.Equal(Path.Combine(cache.Path, "mine", "model.onnx"), resolved.ModelPath);
        var listed = await later.ListAsync(Ct);
        var mine = Assert.Single(listed, v => v.Manifest.Id == "mine");
        Assert.True(mine.IsCached);
        Assert.True(mine.IsIntact);
        Assert.Equal(KnownModels.All.Count + 1, listed.Count);

        Assert.True(await later.RemoveAsync("mine", Ct));
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "mine")));
        Assert.False(await later.RemoveAsync("mine", Ct));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => later.ResolveAsync("mine", cancellationToken: Ct));
    }

    [Fact]
    public async Task CachedManifestForAnotherId_IsIgnored()
    {
        using var cache = new TemporaryDirectory();
        var folder = Path.Combine(cache.Path, "victim");
        Directory.CreateDirectory(folder);
        var other = new ModelManifest("other", [new ModelFile("m.onnx", null)]);
        await File.WriteAllTextAsync(Path.Combine(folder, ".musicai-manifest.json"), other.ToJson(), Ct);
        await File.WriteAllTextAsync(Path.Combine(cache.Path, "broken.json"), "{", Ct);
        Directory.CreateDirectory(Path.Combine(cache.Path, "broken"));
        await File.WriteAllTextAsync(Path.Combine(cache.Path, "broken", ".musicai-manifest.json"), "{", Ct);
        using var store = ModelTestData.Store(cache.Path);

        Assert.Throws<ModelNotFoundException>(() => store.GetManifest("victim"));
        Assert.Throws<ModelNotFoundException>(() => store.GetManifest("broken"));
        Assert.Equal(KnownModels.All.Count, (await store.ListAsync(Ct)).Count);
    }

    [Fact]
    public async Task PublicMethods_RejectHostileIds()
    {
        using var cache = new TemporaryDirectory();
        using var store = ModelTestData.Store(cache.Path);

        Assert.Throws<ArgumentException>(() => store.GetManifest("../x"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync("../x", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync("a/../../b", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => store.RemoveAsync("/", Ct));
        Assert.True(Directory.Exists(cache.Path));
    }

    [Fact]
    public void Store_UsesTheConfiguredFolderAndValidatesOptions()
    {
        using var cache = new TemporaryDirectory();
        using (var store = new ModelStore(new MusicAIOptions { ModelDirectory = cache.Path }))
        {
            Assert.Equal(cache.Path, store.RootDirectory);
        }

        Assert.Throws<ArgumentException>(() => new ModelStore(new MusicAIOptions { ModelDirectory = cache.Path, MaxDownloadBytes = 0 }));
        Assert.Throws<ArgumentNullException>(() => new ModelStore(null!));
    }

    [Fact]
    public async Task DisposedStore_Throws()
    {
        using var cache = new TemporaryDirectory();
        var store = new ModelStore(new MusicAIOptions { ModelDirectory = cache.Path });
        store.Dispose();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.ResolveAsync("basic-pitch", cancellationToken: Ct));
    }

    [Fact]
    public async Task CallerHttpClient_IsUsedAndNotDisposed()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = ModelTestData.Bytes(1_000, seed: 38);
        server.Serve("own/model.onnx", content);
        using var client = new HttpClient();
        using (var store = ModelTestData.Store(cache.Path, o => o.HttpClient = client))
        {
            await store.PullAsync(ModelTestData.Manifest(server, "own", "model.onnx", content), cancellationToken: Ct);
        }

        // Still usable after the store is gone.
        using var response = await client.GetAsync(server.Url("own/model.onnx"), Ct);
        Assert.True(response.IsSuccessStatusCode);
    }
}
