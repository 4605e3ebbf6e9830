using System.Text.Json;
using MusicAI.Sdk.Audio;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai generate</c> run in-process.</summary>
public sealed class GenerateCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ALoopWithStemsAndMidi_WritesEveryFile_AndReportsJson()
    {
        using var dir = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("generate", "--prompt", "dark 90 bpm combat loop in D minor", "--bars", "4", "--seed", "42", "--stems", "--midi", "--sample-rate", "22050", "-o", dir.Path, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal("combat", root.GetProperty("style").GetString());
        Assert.Equal(90, root.GetProperty("tempo_bpm").GetDouble());
        Assert.Equal("D minor", root.GetProperty("key").GetString());
        Assert.True(root.GetProperty("loop").GetBoolean());
        Assert.Equal(42, root.GetProperty("seed").GetInt64());
        Assert.Equal("loop", root.GetProperty("sections")[0].GetProperty("name").GetString());
        foreach (var name in new[] { "mix.wav", "drums.wav", "bass.wav", "chords.wav", "pad.wav", "melody.wav", "song.mid", "drums.mid", "melody.mid" })
        {
            Assert.True(File.Exists(Path.Combine(dir.Path, name)), name);
        }

        using var mix = await AudioBuffer.LoadAsync(Path.Combine(dir.Path, "mix.wav"), Ct);
        Assert.Equal((int)Math.Round(4 * 4 * 60.0 / 90 * 22_050, MidpointRounding.AwayFromZero), mix.FrameCount);
        Assert.Equal(22_050, mix.SampleRate);
    }

    [Fact]
    public async Task Text_ListsWarningsAndIgnoredWords()
    {
        using var dir = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("generate", "--prompt", "calm combat 120 bpm 90 bpm with kazoos", "--bars", "2", "--sample-rate", "22050", "-o", dir.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("warning: Two tempi", result.Out, StringComparison.Ordinal);
        Assert.Contains("ignored words: kazoos", result.Out, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(dir.Path, "mix.wav")));
        Assert.False(File.Exists(Path.Combine(dir.Path, "drums.wav")));
    }

    [Theory]
    [InlineData("--style", "polka")]
    [InlineData("--key", "H minor")]
    [InlineData("--bpm", "10000")]
    [InlineData("--bpm", "0")]
    [InlineData("--duration", "0")]
    [InlineData("--format", "mp3")]
    public async Task BadInput_IsAUsageError_WithAMessage(string option, string value)
    {
        using var dir = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("generate", option, value, "-o", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error:", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "mix.wav")));
    }

    [Fact]
    public async Task TenHoursWithStems_IsRefused_BecauseLongMusicIsStreamed()
    {
        using var dir = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("generate", "--duration", "36000", "--stems", "-o", dir.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("streamed", result.Error, StringComparison.Ordinal);
    }
}
