using MusicAI.Cli.Commands;

namespace MusicAI.Cli.Tests.Commands;

public sealed class MdxBenchmarkModelTests
{
    [Fact]
    public async Task EnsureAsync_AModelAlreadyThere_IsReturnedWithoutRunningPython()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, MdxBenchmarkModel.FileName);
        await File.WriteAllTextAsync(path, "model", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.ChangeExtension(path, ".json"), "{}", TestContext.Current.CancellationToken);
        var logged = new List<string>();

        var (found, reason) = await MdxBenchmarkModel.EnsureAsync(directory.Path, logged.Add, TestContext.Current.CancellationToken);

        Assert.Equal(path, found);
        Assert.Null(reason);
        Assert.Empty(logged);
    }

    [Fact]
    public void TheGeneratorScript_IsEmbedded()
    {
        using var script = typeof(MdxBenchmarkModel).Assembly.GetManifestResourceStream("MusicAI.Cli.sepnn_tfc_tdf.py");
        Assert.NotNull(script);
        using var reader = new StreamReader(script);
        Assert.Contains("class ConvTdfNet", reader.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnsureAsync_GeneratesTheModelWithPythonAndTorch()
    {
        if (Environment.GetEnvironmentVariable("MUSICAI_MEASURE") != "1")
        {
            Assert.Skip("Set MUSICAI_MEASURE=1 to generate the 66.7 MB benchmark model (python with torch, a minute or two).");
        }

        using var directory = new TemporaryDirectory();
        var logged = new List<string>();
        var (path, reason) = await MdxBenchmarkModel.EnsureAsync(directory.Path, logged.Add, TestContext.Current.CancellationToken);

        Assert.True(path is not null, reason);
        Assert.Single(logged);
        Assert.InRange(new FileInfo(path).Length, 66_000_000, 67_500_000);
        Assert.Contains("\"mdx_n_fft_scale_set\": 7680", await File.ReadAllTextAsync(Path.ChangeExtension(path, ".json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
