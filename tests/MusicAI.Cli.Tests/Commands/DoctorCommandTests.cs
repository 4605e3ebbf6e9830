using System.Text.Json;
using MusicAI.Sdk.Models;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai doctor</c> run in-process.</summary>
public sealed class DoctorCommandTests
{
    [Fact]
    public async Task Json_ReportsTheCpuProvider_WhyAcceleratorsAreNotUsed_TheSelfTest_AndTheModelCache()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("doctor", "--json", "--models-dir", cache.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("Cpu", root.GetProperty("providers").GetProperty("selected").GetString());
        var notUsed = root.GetProperty("providers").GetProperty("not_used");
        Assert.Contains("MusicAI.Sdk.Runtime.Cuda", notUsed.GetProperty("Cuda").GetString());
        Assert.False(string.IsNullOrWhiteSpace(notUsed.GetProperty("DirectML").GetString()));
        Assert.True(root.GetProperty("self_test").GetProperty("ok").GetBoolean());
        var modelCache = root.GetProperty("model_cache");
        Assert.Equal(cache.Path, modelCache.GetProperty("folder").GetString());
        var models = modelCache.GetProperty("models");
        Assert.All(KnownModels.All, m => Assert.Equal("not-cached", models.GetProperty(m.Id).GetString()));
    }

    [Fact]
    public async Task Text_ListsTheModelCacheSection()
    {
        using var cache = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("doctor", "--models-dir", cache.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Model cache", result.Out);
        Assert.Contains(cache.Path, result.Out);
        Assert.Contains("basic-pitch", result.Out);
    }
}
