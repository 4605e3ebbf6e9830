using System.Text.Json;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Tests.Models;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai models ...</c> run in-process, downloading from a loopback server.</summary>
public sealed class ModelsCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task List_Json_ShowsTheCatalogWithStatusAndLicence()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "list", "--json", "--models-dir", cache.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(cache.Path, json.RootElement.GetProperty("cache_directory").GetString());
        var models = json.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(KnownModels.All.Select(m => m.Id), models.Select(m => m.GetProperty("id").GetString()));
        Assert.All(models, m => Assert.Equal("not-cached", m.GetProperty("status").GetString()));
        var beatnet = models.Single(m => m.GetProperty("id").GetString() == "beatnet");
        Assert.Equal("CC-BY-4.0", beatnet.GetProperty("license").GetProperty("id").GetString());
        Assert.Contains("Heydari", beatnet.GetProperty("license").GetProperty("attribution").GetString());
        Assert.Equal(2, beatnet.GetProperty("files").GetArrayLength());
        Assert.Equal(49_358 + 1_609_800, beatnet.GetProperty("size_bytes").GetInt64());
    }

    [Fact]
    public async Task List_Text_IsATable()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "list", "--models-dir", cache.Path);

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n');
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("basic-pitch ", StringComparison.Ordinal) && l.Contains("not cached") && l.Contains("Apache-2.0"));
        Assert.Contains($"Cache: {cache.Path}", result.Out);
    }

    [Fact]
    public async Task Pull_FromAManifest_DownloadsVerifiesAndIsThenListedAndVerified()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = CliRunner.Bytes(100_000, seed: 1);
        server.Serve("cli-model/model.onnx", content);
        var manifestPath = await WriteManifestAsync(cache.Path, server, "cli-model", content, withSha: true);
        var models = Path.Combine(cache.Path, "models");

        var pull = await CliRunner.RunAsync("models", "pull", "--manifest", manifestPath, "--models-dir", models, "--json");

        Assert.True(pull.ExitCode == 0, pull.ToString());
        using (var json = JsonDocument.Parse(pull.Out))
        {
            var model = json.RootElement.GetProperty("models")[0];
            Assert.Equal("cli-model", model.GetProperty("id").GetString());
            Assert.Equal("verified", model.GetProperty("status").GetString());
            var file = model.GetProperty("files")[0];
            Assert.Equal(CliRunner.Sha256(content), file.GetProperty("actual_sha256").GetString());
            Assert.Equal(Path.Combine(models, "cli-model", "model.onnx"), file.GetProperty("path").GetString());
        }

        Assert.Equal(content, await File.ReadAllBytesAsync(Path.Combine(models, "cli-model", "model.onnx"), Ct));

        // Known by id afterwards: verify and list.
        var verify = await CliRunner.RunAsync("models", "verify", "cli-model", "--models-dir", models);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains("cli-model: verified", verify.Out);
        var list = await CliRunner.RunAsync("models", "list", "--models-dir", models);
        Assert.Contains(list.Out.Split('\n'), l => l.StartsWith("cli-model ", StringComparison.Ordinal) && l.Contains("verified"));

        // Pulling again downloads nothing.
        var again = await CliRunner.RunAsync("models", "pull", "cli-model", "--models-dir", models);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Pull_WithoutAPublishedHash_WarnsAndRecords()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = CliRunner.Bytes(10_000, seed: 2);
        server.Serve("tofu/model.onnx", content);
        var manifestPath = await WriteManifestAsync(cache.Path, server, "tofu", content, withSha: false);

        var pull = await CliRunner.RunAsync("models", "pull", "--manifest", manifestPath, "--models-dir", cache.Path);

        Assert.True(pull.ExitCode == 0, pull.ToString());
        Assert.Contains("warning:", pull.Error);
        Assert.Contains("trust on first use", pull.Error);
        Assert.Contains("recorded hash", pull.Out);
    }

    [Fact]
    public async Task Pull_TamperedDownload_Exits3AndKeepsNothing()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = CliRunner.Bytes(20_000, seed: 3);
        var tampered = (byte[])content.Clone();
        tampered[7] ^= 1;
        server.Serve("bad/model.onnx", content).ServeInstead = tampered;
        var manifestPath = await WriteManifestAsync(cache.Path, server, "bad", content, withSha: true);

        var pull = await CliRunner.RunAsync("models", "pull", "--manifest", manifestPath, "--models-dir", cache.Path);

        Assert.Equal(3, pull.ExitCode);
        Assert.Contains(CliRunner.Sha256(content), pull.Error);
        Assert.Contains(CliRunner.Sha256(tampered), pull.Error);
        Assert.False(File.Exists(Path.Combine(cache.Path, "bad", "model.onnx")));
    }

    [Fact]
    public async Task Pull_NotFound_Exits3WithTheAddress()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = CliRunner.Bytes(1_000, seed: 4);
        server.Serve("gone/model.onnx", content).Status = 404;
        var manifestPath = await WriteManifestAsync(cache.Path, server, "gone", content, withSha: true);

        var pull = await CliRunner.RunAsync("models", "pull", "--manifest", manifestPath, "--models-dir", cache.Path);

        Assert.Equal(3, pull.ExitCode);
        Assert.Contains("HTTP 404", pull.Error);
        Assert.Contains(server.Url("gone/model.onnx").ToString(), pull.Error);
    }

    [Fact]
    public async Task Verify_ReportsAFileModifiedOnDiskAndExits3()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = CliRunner.Bytes(30_000, seed: 5);
        server.Serve("v/model.onnx", content);
        var manifestPath = await WriteManifestAsync(cache.Path, server, "v", content, withSha: true);
        var models = Path.Combine(cache.Path, "models");
        Assert.Equal(0, (await CliRunner.RunAsync("models", "pull", "--manifest", manifestPath, "--models-dir", models)).ExitCode);
        var path = Path.Combine(models, "v", "model.onnx");
        var tampered = (byte[])content.Clone();
        tampered[^1] ^= 0x80;
        await File.WriteAllBytesAsync(path, tampered, Ct);

        var text = await CliRunner.RunAsync("models", "verify", "--models-dir", models);
        var json = await CliRunner.RunAsync("models", "verify", "v", "--models-dir", models, "--json");

        Assert.Equal(3, text.ExitCode);
        Assert.Contains("v: corrupt", text.Out);
        Assert.Contains($"expected {CliRunner.Sha256(content)}, found {CliRunner.Sha256(tampered)}", text.Out);
        Assert.Equal(3, json.ExitCode);
        using var document = JsonDocument.Parse(json.Out);
        Assert.False(document.RootElement.GetProperty("ok").GetBoolean());
        var file = document.RootElement.GetProperty("models")[0].GetProperty("files")[0];
        Assert.Equal("hash-mismatch", file.GetProperty("status").GetString());
        Assert.Equal(CliRunner.Sha256(content), file.GetProperty("expected_sha256").GetString());
        Assert.Equal(CliRunner.Sha256(tampered), file.GetProperty("actual_sha256").GetString());

        // pull repairs it.
        Assert.Equal(0, (await CliRunner.RunAsync("models", "pull", "v", "--models-dir", models)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("models", "verify", "--models-dir", models)).ExitCode);
    }

    [Fact]
    public async Task Verify_CatalogModelNotInTheCache_Exits3()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "verify", "swift-f0", "--models-dir", cache.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("model.onnx: missing", result.Out);
    }

    [Fact]
    public async Task Verify_EmptyCache_IsOk()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "verify", "--models-dir", cache.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("No models in the cache", result.Out);
    }

    [Fact]
    public async Task Pull_Offline_Exits3AndSaysHowToGetTheFiles()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "pull", "silero-vad", "--offline", "--models-dir", cache.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("silero_vad.onnx", result.Error);
        Assert.Contains("musicai models pull silero-vad", result.Error);
        Assert.Contains("offline", result.Error);
    }

    [Fact]
    public async Task Pull_UnknownId_Exits3()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "pull", "no-such-model", "--models-dir", cache.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("Unknown model id 'no-such-model'", result.Error);
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/../../b")]
    [InlineData("%2e%2e")]
    [InlineData("Basic-Pitch")]
    public async Task Pull_InvalidId_IsAUsageError(string id)
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "pull", id, "--models-dir", cache.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Empty(Directory.GetFileSystemEntries(cache.Path));
    }

    [Fact]
    public async Task Pull_NeedsExactlyOneOfIdAndManifest()
    {
        using var cache = new TemporaryDirectory();

        var neither = await CliRunner.RunAsync("models", "pull", "--models-dir", cache.Path);
        var both = await CliRunner.RunAsync("models", "pull", "basic-pitch", "--manifest", "x.json", "--models-dir", cache.Path);

        Assert.Equal(1, neither.ExitCode);
        Assert.Equal(1, both.ExitCode);
        Assert.Contains("--manifest", neither.Error);
    }

    [Fact]
    public async Task Pull_MissingManifestFile_IsAnInputError()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("models", "pull", "--manifest", Path.Combine(cache.Path, "missing.json"), "--models-dir", cache.Path);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Pull_HostileManifest_IsRefused()
    {
        using var cache = new TemporaryDirectory();
        var manifestPath = Path.Combine(cache.Path, "hostile.json");
        await File.WriteAllTextAsync(manifestPath, """{ "id": "ok", "files": [ { "name": "../../outside.onnx", "url": "http://127.0.0.1:9/x" } ] }""", Ct);

        var result = await CliRunner.RunAsync("models", "pull", "--manifest", manifestPath, "--models-dir", Path.Combine(cache.Path, "models"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("not valid", result.Error);
        Assert.False(Directory.Exists(Path.Combine(cache.Path, "models")));
        Assert.False(File.Exists(Path.Combine(cache.Path, "outside.onnx")));
    }

    [Fact]
    public async Task Remove_DeletesTheModelFolder()
    {
        await using var server = new LoopbackHttpServer();
        using var cache = new TemporaryDirectory();
        var content = CliRunner.Bytes(5_000, seed: 6);
        server.Serve("r/model.onnx", content);
        var manifestPath = await WriteManifestAsync(cache.Path, server, "r", content, withSha: true);
        var models = Path.Combine(cache.Path, "models");
        Assert.Equal(0, (await CliRunner.RunAsync("models", "pull", "--manifest", manifestPath, "--models-dir", models)).ExitCode);

        var removed = await CliRunner.RunAsync("models", "remove", "r", "--models-dir", models, "--json");
        var again = await CliRunner.RunAsync("models", "remove", "r", "--models-dir", models);

        Assert.Equal(0, removed.ExitCode);
        using var json = JsonDocument.Parse(removed.Out);
        Assert.True(json.RootElement.GetProperty("removed").GetBoolean());
        Assert.False(Directory.Exists(Path.Combine(models, "r")));
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("not in the cache", again.Out);
    }

    private static async Task<string> WriteManifestAsync(string folder, LoopbackHttpServer server, string id, byte[] content, bool withSha)
    {
        var manifest = new ModelManifest(id, [new ModelFile("model.onnx", server.Url($"{id}/model.onnx"), content.Length, withSha ? CliRunner.Sha256(content) : null)])
        {
            DisplayName = $"Test model {id}",
            License = new ModelLicense("MIT", "test data", "test attribution", allowsRedistribution: true),
        };
        var path = Path.Combine(folder, $"{id}.manifest.json");
        await manifest.SaveAsync(path, Ct);
        return path;
    }
}
