using System.Text.Json;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai bench separate</c> with short inputs (the real run is 3 min + 60 min; see docs/separation.md).</summary>
public sealed class BenchSeparateCommandTests
{
    [Fact]
    public async Task MeasuresSpeedAndChildProcessMemory()
    {
        var result = await CliRunner.RunAsync("bench", "separate", "--seconds", "3", "--memory-minutes", "0.1", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.True(root.GetProperty("speed").GetProperty("realtime_factor").GetDouble() > 0);
        Assert.Equal(3, root.GetProperty("speed").GetProperty("seconds").GetDouble());
        Assert.False(root.GetProperty("mdx_overhead").GetProperty("available").GetBoolean());
        var memory = root.GetProperty("memory");
        Assert.InRange(memory.GetProperty("peak_mb").GetDouble(), 20, 1536);
        Assert.True(memory.GetProperty("met").GetBoolean());
    }

    [Theory]
    [InlineData("--seconds", "0")]
    [InlineData("--memory-minutes", "-1")]
    public async Task AbsurdSizesAreUsageErrors(string option, string value)
    {
        var result = await CliRunner.RunAsync("bench", "separate", option, value);
        Assert.True(result.ExitCode == 1, result.ToString());
    }
}
