using System.Globalization;
using System.Text.Json;
using MusicAI.Cli.Commands;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai caption</c>, <c>musicai eval caption</c> and <c>musicai bench caption</c> run in-process.</summary>
public sealed class CaptionCommandTests
{
    private static async Task<string> SongAsync(TemporaryDirectory directory, string name = "song.wav", double seconds = 30)
    {
        var path = Path.Combine(directory.Path, name);
        using var song = CaptionBenchSong.Create(seconds);
        await song.SaveWavAsync(path, TestContext.Current.CancellationToken);
        return path;
    }

    [Fact]
    public async Task Json_DescribesTheSong()
    {
        using var directory = new TemporaryDirectory();
        var song = await SongAsync(directory);

        var result = await CliRunner.RunAsync("caption", song, "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(CaptionBenchSong.Bpm, root.GetProperty("tempo_bpm").GetDouble(), CaptionBenchSong.Bpm * 0.04);
        Assert.Equal(CaptionBenchSong.Key, root.GetProperty("key").GetString());
        Assert.True(root.GetProperty("beats").GetArrayLength() > 40);
        Assert.Equal("full", root.GetProperty("caption_style").GetString());
    }

    [Fact]
    public async Task Styles_AndLyrics()
    {
        using var directory = new TemporaryDirectory();
        var song = await SongAsync(directory);
        var lyrics = Path.Combine(directory.Path, "lyrics.txt");
        await File.WriteAllTextAsync(lyrics, "Dancing in the moonlight tonight\nDancing in the moonlight tonight\nAll night long we dance", TestContext.Current.CancellationToken);

        var tagLine = await CliRunner.RunAsync("caption", song, "--style", "short");
        var full = await CliRunner.RunAsync("caption", song, "--lyrics", lyrics);
        var technical = await CliRunner.RunAsync("caption", song, "--style", "technical");

        Assert.True(tagLine.ExitCode == 0, tagLine.ToString());
        Assert.Contains(" · ", tagLine.Out);
        Assert.Contains("112 BPM", tagLine.Out);
        Assert.Contains("Dancing in the moonlight tonight", full.Out);
        Assert.Contains("night", full.Out);
        Assert.Contains("LUFS integrated", technical.Out);
    }

    [Fact]
    public async Task ZeroShot_WithUserLabels_AddsScoredTags()
    {
        using var directory = new TemporaryDirectory();
        var song = await SongAsync(directory, seconds: 12);
        var clap = TestAssets.Path("captioning-neural", "clap");

        var result = await CliRunner.RunAsync(
            "caption", song, "--json", "--labels", "boss battle, lullaby", "--clap-model", clap, "--offline", "--models-dir", directory.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var tags = json.RootElement.GetProperty("zero_shot_tags").EnumerateArray().ToList();
        Assert.Equal(["boss battle", "lullaby"], tags.Select(t => t.GetProperty("label").GetString()).Order());
    }

    [Fact]
    public async Task ZeroShot_ModelNotCachedOffline_IsAModelError()
    {
        using var directory = new TemporaryDirectory();
        var song = await SongAsync(directory, seconds: 5);

        var result = await CliRunner.RunAsync("caption", song, "--zero-shot", "--offline", "--models-dir", directory.Path);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("clap-htsat-unfused", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingFile_IsAnInputError()
    {
        var result = await CliRunner.RunAsync("caption", Path.Combine(Path.GetTempPath(), "no-such-song-" + Guid.NewGuid().ToString("N") + ".wav"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist", result.Error);
    }

    [Fact]
    public async Task BadStyle_IsAUsageError()
    {
        var result = await CliRunner.RunAsync("caption", "song.wav", "--style", "poetic");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Eval_ScoresTempoAndKey()
    {
        using var directory = new TemporaryDirectory();
        await SongAsync(directory, "a.wav", 30);
        // 30 s each: the first 8 bars (17 s) loop Am–F–C–G, whose pitch content fits C major as well as A minor; the
        // chorus after them (Am–Dm–E–Am) makes the key unambiguous.
        await SongAsync(directory, "b.wav", 30);
        var csv = Path.Combine(directory.Path, "annotations.csv");
        await File.WriteAllTextAsync(csv, string.Create(CultureInfo.InvariantCulture, $"file,genre,tempo_bpm,key\na.wav,bench,{CaptionBenchSong.Bpm},{CaptionBenchSong.Key}\nb.wav,bench,{CaptionBenchSong.Bpm / 2},C major\n"), TestContext.Current.CancellationToken);

        var text = await CliRunner.RunAsync("eval", "caption", directory.Path);
        var json = await CliRunner.RunAsync("eval", "caption", directory.Path, "--json");

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("Acc1", text.Out);
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Equal(2, root.GetProperty("clips").GetInt32());
        Assert.Equal(0.5, root.GetProperty("tempo_acc1").GetDouble());
        Assert.Equal(1.0, root.GetProperty("tempo_acc2").GetDouble());
        // a.wav: A minor = reference (1); b.wav: A minor vs C major = relative (0.3).
        Assert.Equal(0.65, root.GetProperty("key_weighted_score").GetProperty("temperley").GetDouble(), 3);
    }

    [Fact]
    public async Task Eval_WithoutAnnotations_IsAnInputError()
    {
        using var directory = new TemporaryDirectory();

        var result = await CliRunner.RunAsync("eval", "caption", directory.Path);

        Assert.Equal(2, result.ExitCode);
    }

    [Fact]
    public async Task Bench_ReportsSecondsPerMinute()
    {
        var result = await CliRunner.RunAsync("bench", "caption", "--json", "--runs", "1", "--seconds", "20", "--all-cores");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(20, root.GetProperty("seconds").GetDouble(), 0.01);
        Assert.False(root.GetProperty("pinned_to_one_core").GetBoolean());
        Assert.True(root.GetProperty("best_seconds_per_minute").GetDouble() > 0);
        Assert.Equal(6, root.GetProperty("stages").GetArrayLength());
        Assert.True(root.GetProperty("description").TryGetProperty("tempo_bpm", out _));
    }

    [Fact]
    public async Task BeatNet_Offline_WithoutTheModel_IsAModelError()
    {
        using var directory = new TemporaryDirectory();
        var song = await SongAsync(directory, seconds: 10);
        var models = Directory.CreateDirectory(Path.Combine(directory.Path, "models")).FullName;

        var result = await CliRunner.RunAsync("caption", song, "--beat-tracker", "beatnet", "--offline", "--models-dir", models);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("beatnet", result.Error);
    }

    [Fact]
    public async Task BeatNet_FromTheCache_DescribesTheSong()
    {
        var shared = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "..", "shared", "models", "beatnet"));
        if (!File.Exists(Path.Combine(shared, "BeatNet.onnx")))
        {
            Assert.Skip("BeatNet (../shared/models/beatnet) is not present.");
        }

        using var directory = new TemporaryDirectory();
        var cache = Path.Combine(directory.Path, "models", "beatnet");
        Directory.CreateDirectory(cache);
        foreach (var file in Directory.GetFiles(shared, "BeatNet.onnx*"))
        {
            File.Copy(file, Path.Combine(cache, Path.GetFileName(file)));
        }

        var song = await SongAsync(directory, seconds: 30);

        var result = await CliRunner.RunAsync("caption", song, "--json", "--beat-tracker", "beatnet", "--offline", "--models-dir", Path.Combine(directory.Path, "models"));

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        Assert.Equal(CaptionBenchSong.Bpm, json.RootElement.GetProperty("tempo_bpm").GetDouble(), CaptionBenchSong.Bpm * 0.04);
    }
}
