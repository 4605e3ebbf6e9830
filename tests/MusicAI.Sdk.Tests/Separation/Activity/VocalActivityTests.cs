using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Activity;

namespace MusicAI.Sdk.Tests.Separation.Activity;

/// <summary>Vocal activity against the known voice segments of the synthetic clips (voice.json).</summary>
public sealed class VocalActivityTests
{
    [Fact]
    public async Task FindsTheVoiceOfTheCommittedClips()
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = SeparatorTests.CreateSeparator();
        var accuracies = new List<double>();
        foreach (var clip in Directory.GetDirectories(TestAssets.Path("separation", "clips"), "clip*").Order(StringComparer.Ordinal))
        {
            using var mix = await AudioBuffer.LoadAsync(Path.Combine(clip, "mixture.ogg"), ct);
            var truth = await LoadSegmentsAsync(clip, ct);
            var activity = await separator.DetectVocalActivityAsync(mix, cancellationToken: ct);
            Assert.Equal(10, activity.FrameDuration.TotalMilliseconds, 0.05);
            Assert.Equal(1 + (mix.FrameCount / 220), activity.Frames.Count);
            Assert.All(activity.Frames, f => Assert.InRange(f.Probability, 0f, 1f));
            accuracies.Add(FrameAccuracy(activity, truth, mix.Duration));
        }

        // Measured 0.9+ on each clip (docs/separation.md); the floor leaves room for platform differences.
        Assert.All(accuracies, a => Assert.True(a >= 0.85, $"frame accuracy {a:0.000} (all: {string.Join(", ", accuracies.Select(x => x.ToString("0.000", CultureInfo.InvariantCulture)))})"));
    }

    [Fact]
    public void SilenceHasNoVoiceAndAToneInTheVocalsHasOne()
    {
        using var silence = AudioBuffer.Create(2, 16_000, 16_000);
        var none = VocalActivityDetector.Detect(silence, silence);
        Assert.Empty(none.Segments);
        Assert.All(none.Frames, f => Assert.True(f.Probability < 0.01f));

        // A tone from 0.5 s to 1.5 s over a faint accompaniment.
        const int rate = 16_000;
        using var vocals = AudioBuffer.FromChannels(rate, [.. Enumerable.Range(0, 2 * rate).Select(i => i >= rate / 2 && i < 3 * rate / 2 ? 0.3f * MathF.Sin(2 * MathF.PI * 440 * i / rate) : 0f)]);
        using var accompaniment = AudioBuffer.FromChannels(rate, [.. Enumerable.Range(0, 2 * rate).Select(i => 0.01f * MathF.Sin(2 * MathF.PI * 97 * i / rate))]);
        var activity = VocalActivityDetector.Detect(vocals, accompaniment);
        var segment = Assert.Single(activity.Segments);
        Assert.Equal(0.5, segment.Start.TotalSeconds, 0.05);
        Assert.Equal(1.5, segment.End.TotalSeconds, 0.05);
        Assert.True(activity.IsVocalAt(TimeSpan.FromSeconds(1)));
        Assert.False(activity.IsVocalAt(TimeSpan.FromSeconds(0.2)));
        Assert.False(activity.IsVocalAt(TimeSpan.FromSeconds(1.8)));
    }

    [Fact]
    public async Task ResultsWithoutVocalsCannotDetectActivity()
    {
        using var separator = SeparatorTests.CreateSeparator();
        using var mix = SeparationTestAudio.Song(1, 8000, 8000);
        using var result = await separator.Stems(Stem.Drums, Stem.Bass).SeparateAsync(mix, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Throws<InvalidOperationException>(() => result.DetectVocalActivity());
        using var four = await separator.Stems(Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals).SeparateAsync(mix, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(four.DetectVocalActivity().Frames.Count, VocalActivityDetector.Detect(four[Stem.Vocals], null).Frames.Count);
    }

    /// <summary>
    /// Opt-in tuning report over a clip set (MUSICAI_MEASURE=1, MUSICAI_SEP_TUNE_DIR): mean frame accuracy of the default
    /// detector and of variations given in MUSICAI_VAD_VARIANTS ("LevelThresholdDb=-20,-30;RatioThresholdDb=-5").
    /// </summary>
    [Fact]
    public async Task TuningReport()
    {
        var directory = TuningVariants.RequireClipFolder("vocal-activity tuning report");

        var ct = TestContext.Current.CancellationToken;
        using var separator = SeparatorTests.CreateSeparator();
        var clips = new List<(SeparationResult Stems, List<(double, double)> Truth, TimeSpan Duration)>();
        foreach (var clip in Directory.GetDirectories(directory, "clip*").Order(StringComparer.Ordinal))
        {
            using var mix = await AudioBuffer.LoadAsync(Directory.GetFiles(clip, "mixture.*").Single(), ct);
            clips.Add((await separator.Stems(Stem.Vocals, Stem.Accompaniment).SeparateAsync(mix, cancellationToken: ct), await LoadSegmentsAsync(clip, ct), mix.Duration));
        }

        var variants = TuningVariants.FromEnvironment("MUSICAI_VAD_VARIANTS", VocalActivitySettings.Default, d => d with { });
        var report = new StringBuilder();
        foreach (var (name, settings) in variants)
        {
            var accuracies = clips.Select(c => FrameAccuracy(VocalActivityDetector.Detect(c.Stems[Stem.Vocals], c.Stems[Stem.Accompaniment], settings), c.Truth, c.Duration)).ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"{name,-32} mean {accuracies.Average():0.000} min {accuracies.Min():0.000}");
        }

        foreach (var (stems, truth, _) in clips)
        {
            var found = VocalActivityDetector.Detect(stems[Stem.Vocals], stems[Stem.Accompaniment]).Segments;
            report.AppendLine(CultureInfo.InvariantCulture, $"truth {string.Join(" ", truth.Select(s => $"[{s.Item1:0.00}, {s.Item2:0.00}]"))}");
            report.AppendLine(CultureInfo.InvariantCulture, $"found {string.Join(" ", found.Select(s => $"[{s.Start.TotalSeconds:0.00}, {s.End.TotalSeconds:0.00}]"))}");
        }

        clips.ForEach(c => c.Stems.Dispose());
        await TuningVariants.WriteReportAsync("vad-tuning.md", report.ToString(), ct);
    }

    /// <summary>The fraction of 10 ms frames whose vocal/non-vocal label matches the truth.</summary>
    internal static double FrameAccuracy(VocalActivity activity, List<(double Start, double End)> truth, TimeSpan duration)
    {
        var frames = (int)(duration.TotalSeconds * 100);
        var correct = 0;
        for (var k = 0; k < frames; k++)
        {
            var t = (k + 0.5) / 100;
            var expected = truth.Any(s => t >= s.Start && t < s.End);
            if (activity.IsVocalAt(TimeSpan.FromSeconds(t)) == expected)
            {
                correct++;
            }
        }

        return correct / (double)frames;
    }

    internal static async Task<List<(double Start, double End)>> LoadSegmentsAsync(string clipDirectory, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(clipDirectory, "voice.json"), cancellationToken));
        return [.. json.RootElement.GetProperty("voice_segments").EnumerateArray().Select(s => (s[0].GetDouble(), s[1].GetDouble()))];
    }
}
