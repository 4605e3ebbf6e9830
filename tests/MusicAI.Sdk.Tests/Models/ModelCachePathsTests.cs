using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

public sealed class ModelCachePathsTests
{
    private static readonly string s_root = Path.Combine(Path.GetTempPath(), "musicai-root");

    [Fact]
    public void Root_PrefersTheConfiguredFolder()
    {
        var root = ModelCachePaths.ResolveRoot("configured", _ => "/from/env", "/home/user/.local/share");
        Assert.Equal(Path.GetFullPath("configured"), root);
    }

    [Fact]
    public void Root_ThenTheEnvironmentVariable()
    {
        string? seen = null;
        var root = ModelCachePaths.ResolveRoot(null, name => { seen = name; return "/from/env"; }, "/home/user/.local/share");
        Assert.Equal("MUSICAI_MODELS", seen);
        Assert.Equal(Path.GetFullPath("/from/env"), root);
    }

    [Fact]
    public void Root_ThenLocalApplicationData()
    {
        var root = ModelCachePaths.ResolveRoot("  ", _ => "", "/home/user/.local/share");
        Assert.Equal(Path.GetFullPath(Path.Combine("/home/user/.local/share", "musicai", "models")), root);
    }

    [Fact]
    public void FilePath_IsUnderTheModelFolder()
    {
        var path = ModelCachePaths.GetFilePath(s_root, "beatnet", "BeatNet.onnx.data");
        Assert.Equal(Path.Combine(Path.GetFullPath(s_root), "beatnet", "BeatNet.onnx.data"), path);
    }

    [Theory]
    [MemberData(nameof(ModelNamesTests.HostileNames), MemberType = typeof(ModelNamesTests))]
    public void FilePath_RejectsHostileIdsAndNames(string hostile)
    {
        Assert.Throws<ArgumentException>(() => ModelCachePaths.GetFilePath(s_root, hostile, "model.onnx"));
        Assert.Throws<ArgumentException>(() => ModelCachePaths.GetFilePath(s_root, "ok", hostile));
        Assert.Throws<ArgumentException>(() => ModelCachePaths.GetModelDirectory(s_root, hostile));
    }

    [Theory]
    [InlineData("..")]
    [InlineData("../outside")]
    [InlineData("a/../../outside")]
    [InlineData("/etc")]
    [InlineData("")]
    [InlineData(".")]
    public void EnsureUnder_RejectsPathsThatLeaveTheRoot(string relative)
    {
        var candidate = Path.Combine(s_root, relative);
        Assert.Throws<ModelLoadException>(() => ModelCachePaths.EnsureUnder(s_root, candidate, "x"));
    }

    [Fact]
    public void EnsureUnder_RejectsASiblingWithTheSamePrefix()
    {
        // "/tmp/musicai-root-evil" starts with "/tmp/musicai-root" but is not inside it.
        Assert.Throws<ModelLoadException>(() => ModelCachePaths.EnsureUnder(s_root, s_root + "-evil/x", "x"));
    }

    [Fact]
    public void EnsureUnder_AcceptsAChild() =>
        Assert.Equal(Path.Combine(Path.GetFullPath(s_root), "a", "b"), ModelCachePaths.EnsureUnder(s_root, Path.Combine(s_root, "a", "b"), "x"));
}
