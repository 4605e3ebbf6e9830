using System.Text.Json;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai bench generate</c> run in-process with short durations.</summary>
public sealed class BenchGenerateCommandTests
{
    [Fact]
    public async Task Json_ReportsOfflineSpeedPerStyle_AndStreamReadTimesAndAllocations()
    {
        var result = await CliRunner.RunAsync("bench", "generate", "--json", "--seconds", "2", "--stream-seconds", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var offline = json.RootElement.GetProperty("offline");
        Assert.Equal(8, offline.GetProperty("styles").GetArrayLength());
        Assert.True(offline.GetProperty("x_real_time").GetDouble() > 1);
        Assert.Equal(200, offline.GetProperty("target_x_real_time").GetDouble());
        var stream = json.RootElement.GetProperty("stream");
        Assert.Equal(512, stream.GetProperty("block_frames").GetInt32());
        Assert.True(stream.GetProperty("reads").GetInt32() >= 187);
        Assert.True(stream.GetProperty("max_read_ms").GetDouble() >= stream.GetProperty("median_read_ms").GetDouble());
        Assert.Equal(0, stream.GetProperty("allocated_bytes").GetInt64());
    }

    [Fact]
    public async Task Text_PrintsTheRatiosToTheTargets()
    {
        var result = await CliRunner.RunAsync("bench", "generate", "--seconds", "1", "--stream-seconds", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("target ≥ 200×", result.Out, StringComparison.Ordinal);
        Assert.Contains("target worst < 1 ms", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfRangeDurations_AreUsageErrors()
    {
        var result = await CliRunner.RunAsync("bench", "generate", "--seconds", "0");

        Assert.Equal(1, result.ExitCode);
    }
}
