using System.Diagnostics;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

/// <summary>
/// Prints speed figures (no timed assertions: targets live in the benchmarks). Representative load: drums, saw bass,
/// a 3-note warm pad (5-voice stereo unison each, long release so chords overlap), electric-piano chords and a saw
/// lead, reverb on every strip and delay on two, 48 kHz stereo. Figures use the thread's CPU time where the OS offers
/// it ("on one core", robust to a shared machine) and wall time otherwise.
/// </summary>
public sealed class PerformanceTests
{
    private const int SampleRate = 48000;

    [Fact]
    public void OfflineRender_PrintsTimesRealTime()
    {
        const int seconds = 32;
        var (mixCpu, mixWall) = Measure(seconds, withStems: false);
        var (stemsCpu, stemsWall) = Measure(seconds, withStems: true);

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"5-strip song, {seconds} s at 48 kHz, one thread: mix {Format(mixCpu)} CPU / {mixWall:F0}× wall; " +
            $"mix + stems {Format(stemsCpu)} CPU / {stemsWall:F0}× wall");
        Assert.True(mixWall > 1 && stemsWall > 1, "the synthesizer must at least run in real time");
    }

    [Fact]
    public void RealTimeBlock_PrintsWorstCase512FrameRender()
    {
        // Warm-up: one full pass of the song so every code path has been compiled (first-call JIT runs on this
        // thread and would otherwise show up as a worst case), then measure a second, identical song.
        var mix = new float[2 * 512];
        var warm = SynthesizerTests.BuildSong(gainBoost: 1f);
        while (warm.Position < 32L * SampleRate)
        {
            warm.Render(mix, default);
        }

        var synth = SynthesizerTests.BuildSong(gainBoost: 1f);

        double worstWall = 0, totalWall = 0, worstCpu = 0;
        long worstAt = 0;
        var blocks = 0;
        var stopwatch = new Stopwatch();
        while (synth.Position < 32L * SampleRate)
        {
            var cpu0 = ThreadCpuTime.Seconds();
            stopwatch.Restart();
            synth.Render(mix, default);
            stopwatch.Stop();
            var cpu1 = ThreadCpuTime.Seconds();
            var ms = stopwatch.Elapsed.TotalMilliseconds;
            worstWall = Math.Max(worstWall, ms);
            totalWall += ms;
            if (cpu0 is { } a && cpu1 is { } b)
            {
                if ((b - a) * 1000 > worstCpu)
                {
                    worstCpu = (b - a) * 1000;
                    worstAt = synth.Position;
                }
            }

            blocks++;
        }

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"512-frame Render at 48 kHz (budget 10.67 ms) over {blocks} blocks: mean {totalWall / blocks:F3} ms wall, " +
            $"worst {worstWall:F3} ms wall (includes preemption on a shared machine), worst {worstCpu:F3} ms CPU (block ending at frame {worstAt})");
        Assert.True(totalWall / blocks < 10.67, "a 512-frame block must render faster than real time on average");
    }

    private static string Format(double? ratio) => ratio is { } r ? $"{r:F0}×" : "n/a";

    private static (double? Cpu, double Wall) Measure(int seconds, bool withStems)
    {
        // Warm-up (JIT tiers, tables), then a full render of a fresh song.
        for (var i = 0; i < 2; i++)
        {
            SynthHarness.RenderMix(SynthesizerTests.BuildSong(1f), 4 * SampleRate, block: 4096);
        }

        var synth = SynthesizerTests.BuildSong(1f);
        var frames = seconds * SampleRate;
        var mix = new float[2 * 4096];
        var stems = withStems ? new float[synth.StripCount * 2 * 4096] : null;
        var cpu0 = ThreadCpuTime.Seconds();
        var stopwatch = Stopwatch.StartNew();
        for (var done = 0; done < frames; done += 4096)
        {
            synth.Render(mix, stems);
        }

        stopwatch.Stop();
        var cpu1 = ThreadCpuTime.Seconds();
        double? cpu = cpu0 is { } a && cpu1 is { } b ? seconds / (b - a) : null;
        return (cpu, seconds / stopwatch.Elapsed.TotalSeconds);
    }
}
