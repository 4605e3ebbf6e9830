using System.Diagnostics;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

/// <summary>
/// Prints speed figures (no timed assertions: targets live in the benchmarks). Representative load: drums, saw bass,
/// a 3-note warm pad (5-voice stereo unison each), electric-piano chords and a saw lead, reverb on every strip and
/// delay on two, 48 kHz stereo.
/// </summary>
public sealed class PerformanceTests
{
    private const int SampleRate = 48000;

    [Fact]
    public void OfflineRender_PrintsTimesRealTime()
    {
        const int seconds = 32;
        var mixOnly = Measure(seconds, withStems: false);
        var withStems = Measure(seconds, withStems: true);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"5-strip song, {seconds} s at 48 kHz: {mixOnly:F0}× real time (mix), {withStems:F0}× real time (mix + stems), one thread");
        Assert.True(mixOnly > 1 && withStems > 1, "the synthesizer must at least run in real time");
    }

    [Fact]
    public void RealTimeBlock_PrintsWorstCase512FrameRender()
    {
        var synth = SynthesizerTests.BuildSong(gainBoost: 1f);
        var mix = new float[2 * 512];
        for (var i = 0; i < 200; i++)
        {
            synth.Render(mix, default);
        }

        var worst = 0.0;
        var total = 0.0;
        var blocks = 0;
        var stopwatch = new Stopwatch();
        while (synth.Position < 30L * SampleRate)
        {
            stopwatch.Restart();
            synth.Render(mix, default);
            stopwatch.Stop();
            var ms = stopwatch.Elapsed.TotalMilliseconds;
            worst = Math.Max(worst, ms);
            total += ms;
            blocks++;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"512-frame Render at 48 kHz (budget 10.7 ms): mean {total / blocks:F3} ms, worst {worst:F3} ms over {blocks} blocks");
        Assert.True(total / blocks < 10.7, "a 512-frame block must render faster than real time on average");
    }

    private static double Measure(int seconds, bool withStems)
    {
        // Warm-up (JIT, tables), then a full render of a fresh song.
        SynthHarness.RenderMix(SynthesizerTests.BuildSong(1f), SampleRate);
        var synth = SynthesizerTests.BuildSong(1f);
        var frames = seconds * SampleRate;
        var mix = new float[2 * 4096];
        var stems = withStems ? new float[synth.StripCount * 2 * 4096] : null;
        var stopwatch = Stopwatch.StartNew();
        for (var done = 0; done < frames; done += 4096)
        {
            synth.Render(mix, stems);
        }

        stopwatch.Stop();
        return seconds / stopwatch.Elapsed.TotalSeconds;
    }
}
