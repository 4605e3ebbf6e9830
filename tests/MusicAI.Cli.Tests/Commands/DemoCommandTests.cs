using System.Text.Json;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai demo</c> run in-process: generate → caption → separate on the embedded defaults.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task GeneratesCaptionsAndSeparates_WithoutAnyModel()
    {
        using var output = new TemporaryDirectory();
        var folder = Path.Combine(output.Path, "demo");

        var result = await CliRunner.RunAsync("demo", "-o", folder, "--seconds", "12", "--prompt", "calm lo-fi at 84 bpm in F major", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.False(root.GetProperty("downloads").GetBoolean());
        var generate = root.GetProperty("generate");
        Assert.Equal(84, generate.GetProperty("tempo_bpm").GetDouble());
        Assert.Equal("F major", generate.GetProperty("key").GetString());
        var caption = root.GetProperty("caption");
        Assert.True(caption.GetProperty("tempo_matches").GetBoolean(), result.Out);
        Assert.True(caption.GetProperty("key_matches").GetBoolean(), result.Out);
        var separate = root.GetProperty("separate");
        Assert.Equal("dsp", separate.GetProperty("engine").GetString());
        Assert.InRange(separate.GetProperty("max_sum_error").GetDouble(), 0, 1e-4);
        Assert.True(separate.GetProperty("other_sdr_db").GetDouble() > 0, result.Out);
        Assert.Equal(
            ["description.json", "song.mid", "song.wav"],
            Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        Assert.Equal(
            ["bass.wav", "drums.wav", "other.wav", "vocals.wav"],
            Directory.GetFiles(Path.Combine(folder, "stems")).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("--seconds", "1")]
    [InlineData("--seconds", "100000")]
    public async Task AbsurdLengthsAreUsageErrors_AndWriteNothing(string option, string value)
    {
        using var output = new TemporaryDirectory();
        var folder = Path.Combine(output.Path, "demo");

        var result = await CliRunner.RunAsync("demo", "-o", folder, option, value);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--seconds", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task CtrlCLeavesNoPartialFiles()
    {
        using var work = new TemporaryDirectory();
        var folder = Path.Combine(work.Path, "demo");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromMilliseconds(1500));
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        // A 5-minute song takes well over 1.5 s to generate, caption and separate: the cancellation lands mid-way.
        var exitCode = await CliApplication.RunAsync(["demo", "-o", folder, "--seconds", "300"], stdout, stderr, cts.Token);

        Assert.True(exitCode == 130, $"exit {exitCode}: {stdout}{stderr}");
        Assert.False(Directory.Exists(folder), "the output folder the command created should be gone");
    }
}
