using System.Text.Json;
using MusicAI.Sdk.Audio;

namespace MusicAI.Cli.Tests.Commands;

/// <summary><c>musicai eval sdr</c> run in-process on the mir_eval-checked fixtures.</summary>
public sealed class EvalSdrCommandTests
{
    private static string Fixtures => Path.Combine(CliTestAssets.Directory, "separation", "sdr");

    [Fact]
    public async Task ScoresStemsMatchedByName()
    {
        var ct = TestContext.Current.CancellationToken;
        var result = await CliRunner.RunAsync("eval", "sdr", Path.Combine(Fixtures, "reference"), Path.Combine(Fixtures, "estimate"), "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, "expected.json"), ct));
        var track = Assert.Single(json.RootElement.GetProperty("tracks").EnumerateArray());
        var stems = track.GetProperty("stems").EnumerateArray().ToDictionary(s => s.GetProperty("stem").GetString()!);
        Assert.Equal(["drums", "vocals"], stems.Keys.Order());
        foreach (var (name, stem) in stems)
        {
            var reference = expected.RootElement.GetProperty("stems").GetProperty(name);
            Assert.Equal(reference.GetProperty("global_sdr").GetDouble(), stem.GetProperty("sdr_global_db").GetDouble(), 1e-3);
            Assert.Equal(4, stem.GetProperty("windows").GetInt32());
        }

        // Drums are silent in window 2, which mir_eval skips too: the medians agree.
        var mirEval = expected.RootElement.GetProperty("stems").GetProperty("drums").GetProperty("framewise_sdr").EnumerateArray()
            .Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble()).Order().ToArray();
        Assert.Equal(mirEval[1], stems["drums"].GetProperty("sdr_framewise_median_db").GetDouble(), 1e-3);
        Assert.Equal(1, stems["drums"].GetProperty("windows_skipped").GetInt32());
    }

    [Fact]
    public async Task TrackFoldersAreSummarisedByTheirMedian()
    {
        using var work = new TemporaryDirectory();
        foreach (var kind in new[] { "reference", "estimate" })
        {
            foreach (var track in new[] { "a", "b", "c" })
            {
                var directory = Directory.CreateDirectory(Path.Combine(work.Path, kind, track)).FullName;
                File.Copy(Path.Combine(Fixtures, kind, "vocals.wav"), Path.Combine(directory, "vocals.wav"));
            }
        }

        var result = await CliRunner.RunAsync("eval", "sdr", Path.Combine(work.Path, "reference"), Path.Combine(work.Path, "estimate"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("median over 3 tracks", result.Out);
        Assert.Contains("15.16", result.Out);
    }

    [Fact]
    public async Task MismatchesAreInputErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        using var work = new TemporaryDirectory();
        var reference = Directory.CreateDirectory(Path.Combine(work.Path, "ref")).FullName;
        var estimate = Directory.CreateDirectory(Path.Combine(work.Path, "est")).FullName;
        using (var audio = AudioBuffer.Create(2, 4000, 4000))
        {
            await audio.SaveWavAsync(Path.Combine(reference, "vocals.wav"), ct);
        }

        using (var audio = AudioBuffer.Create(2, 8000, 8000))
        {
            await audio.SaveWavAsync(Path.Combine(estimate, "vocals.wav"), ct);
            await audio.SaveWavAsync(Path.Combine(estimate, "bass.wav"), ct);
        }

        var rates = await CliRunner.RunAsync("eval", "sdr", reference, estimate);
        Assert.True(rates.ExitCode == 2, rates.ToString());
        Assert.Contains("8000 Hz", rates.Error);

        File.Delete(Path.Combine(estimate, "vocals.wav"));
        var none = await CliRunner.RunAsync("eval", "sdr", reference, estimate);
        Assert.True(none.ExitCode == 2, none.ToString());
        Assert.Contains("No stem file name", none.Error);

        var missing = await CliRunner.RunAsync("eval", "sdr", reference, Path.Combine(work.Path, "nope"));
        Assert.True(missing.ExitCode == 2, missing.ToString());
    }
}
