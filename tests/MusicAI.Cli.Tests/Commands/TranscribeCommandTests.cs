using System.Text.Json;
using MusicAI.Sdk.Audio;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai transcribe</c> run in-process with the real basic-pitch model from ../shared/models (skipped when absent).</summary>
public sealed class TranscribeCommandTests
{
    private static string? ModelPath
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "MusicAI.Sdk.sln")))
            {
                directory = directory.Parent;
            }

            var path = directory is null ? null : Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "models", "basic-pitch_nmp.onnx"));
            return path is not null && File.Exists(path) ? path : null;
        }
    }

    [Fact]
    public async Task Json_ListsTheNotesOfAMelody_AndWritesMidi()
    {
        if (ModelPath is not { } model)
        {
            Assert.Skip("../shared/models/basic-pitch_nmp.onnx is not present beside the repository.");
            return;
        }

        using var folder = new TemporaryDirectory();
        var wav = await WriteMelodyAsync(folder.Path, [69, 72, 76]);
        var midi = Path.Combine(folder.Path, "melody.mid");

        var result = await CliRunner.RunAsync("transcribe", wav, "-o", midi, "--json", "--model", model, "--models-dir", folder.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(midi, root.GetProperty("midi").GetString());
        Assert.Equal(1.8, root.GetProperty("duration_seconds").GetDouble(), 1e-9);
        var notes = root.GetProperty("notes").EnumerateArray()
            .Where(n => n.GetProperty("end").GetDouble() - n.GetProperty("start").GetDouble() >= 0.3)
            .ToList();
        Assert.Equal([69, 72, 76], notes.Select(n => n.GetProperty("pitch").GetInt32()));
        Assert.Equal(["A4", "C5", "E5"], notes.Select(n => n.GetProperty("name").GetString()));
        Assert.Equal(root.GetProperty("note_count").GetInt32(), root.GetProperty("notes").GetArrayLength());
        Assert.True(new FileInfo(midi).Length > 14);
    }

    [Fact]
    public async Task Text_PrintsOneLinePerNote()
    {
        if (ModelPath is not { } model)
        {
            Assert.Skip("../shared/models/basic-pitch_nmp.onnx is not present beside the repository.");
            return;
        }

        using var folder = new TemporaryDirectory();
        var wav = await WriteMelodyAsync(folder.Path, [60]);

        var result = await CliRunner.RunAsync("transcribe", wav, "--model", model, "--models-dir", folder.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("C4 (60)", result.Out);
        Assert.Contains("VELOCITY", result.Out);
    }

    [Fact]
    public async Task MissingAudio_Exits2_AndBadThreshold_Exits1()
    {
        using var folder = new TemporaryDirectory();

        var missing = await CliRunner.RunAsync("transcribe", Path.Combine(folder.Path, "nope.wav"), "--models-dir", folder.Path, "--offline");
        var badThreshold = await CliRunner.RunAsync("transcribe", Path.Combine(folder.Path, "nope.wav"), "--onset-threshold", "1.5");
        var badLength = await CliRunner.RunAsync("transcribe", Path.Combine(folder.Path, "nope.wav"), "--min-note-ms", "-3");

        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.True(badThreshold.ExitCode == 1, badThreshold.ToString());
        Assert.Contains("onset threshold", badThreshold.Error);
        Assert.True(badLength.ExitCode == 1, badLength.ToString());
    }

    /// <summary>0.5 s sine notes every 0.6 s at 22,050 Hz mono, saved as float WAV.</summary>
    private static async Task<string> WriteMelodyAsync(string folder, int[] pitches)
    {
        const int rate = 22_050;
        using var buffer = AudioBuffer.Create(1, (int)(0.6 * rate) * pitches.Length, rate);
        var samples = buffer.GetChannel(0);
        for (var i = 0; i < pitches.Length; i++)
        {
            var hz = 440.0 * Math.Pow(2, (pitches[i] - 69) / 12.0);
            for (var j = 0; j < rate / 2; j++)
            {
                var gain = Math.Min(1.0, Math.Min(j, (rate / 2) - j) / 220.0);
                samples[(i * (int)(0.6 * rate)) + j] = (float)(0.5 * gain * Math.Sin(2 * Math.PI * hz * j / rate));
            }
        }

        var path = Path.Combine(folder, "melody.wav");
        await buffer.SaveWavAsync(path, TestContext.Current.CancellationToken);
        return path;
    }
}
