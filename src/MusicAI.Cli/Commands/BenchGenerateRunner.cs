using System.Diagnostics;
using MusicAI.Sdk.Generation;

namespace MusicAI.Cli.Commands;

/// <summary>
/// Measures the song generator: offline render speed (audio seconds per CPU second, one thread, pinned to one core
/// when the OS allows) for every style, and the time and allocations of 512-frame <see cref="AdaptiveMusicStream.Read"/>
/// calls at 48 kHz while the stream changes state, intensity and tempo and plays stingers.
/// </summary>
internal sealed class BenchGenerateRunner(double songSeconds, double streamSeconds, Action<string> log)
{
    public const int SampleRate = 48_000;
    public const int BlockFrames = 512;

    public double SongSeconds { get; } = songSeconds;

    public double StreamSeconds { get; } = streamSeconds;

    public BenchGenerateResult Run(CancellationToken cancellationToken)
    {
        var pinned = TryPinToOneCore(out var previousAffinity);
        try
        {
            var generator = new SongGenerator();
            log("warm-up");
            using (RenderSync(generator.WithStyle(MusicStyle.Rock).WithBars(4).WithSeed(1).WithSampleRate(SampleRate), cancellationToken))
            {
            }

            var styles = new List<BenchGenerateStyle>();
            foreach (var style in Enum.GetValues<MusicStyle>())
            {
                cancellationToken.ThrowIfCancellationRequested();
                log($"offline {style}");
                var request = generator.WithStyle(style).WithDuration(TimeSpan.FromSeconds(SongSeconds)).WithSeed(1).WithSampleRate(SampleRate);
                var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                var wall = Stopwatch.StartNew();
                using var song = RenderSync(request, cancellationToken);
                wall.Stop();
                var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
                styles.Add(new BenchGenerateStyle(song.Parameters.ToString(), song.Duration.TotalSeconds, wall.Elapsed.TotalSeconds, cpu));
            }

            log("stream reads");
            return new BenchGenerateResult(styles, MeasureStream(generator, cancellationToken), pinned, Environment.ProcessorCount);
        }
        finally
        {
            if (pinned && (OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
            {
                Process.GetCurrentProcess().ProcessorAffinity = previousAffinity;
            }
        }
    }

    private static GeneratedSong RenderSync(GenerationRequest request, CancellationToken cancellationToken) =>
        request.GenerateAsync(cancellationToken: cancellationToken).GetAwaiter().GetResult();

    private BenchGenerateStream MeasureStream(SongGenerator generator, CancellationToken cancellationToken)
    {
        using var stream = generator.WithStyle(MusicStyle.Exploration).WithSeed(1).WithSampleRate(SampleRate).AsLoop().CreateStream();
        var buffer = new float[BlockFrames * 2];
        for (var i = 0; i < SampleRate * 5 / BlockFrames; i++)
        {
            stream.Read(buffer); // warm-up: JIT and every state's first sections
            if (i == 150)
            {
                stream.SetState("combat", MusicBoundary.Immediate);
            }
            else if (i == 300)
            {
                stream.SetState("victory", MusicBoundary.Immediate);
            }
            else if (i == 400)
            {
                stream.SetState("explore", MusicBoundary.Immediate);
            }
        }

        _ = BenchGenerateThreadCpuTime.Nanoseconds(); // bind the P/Invoke before timing
        var reads = (int)Math.Ceiling(StreamSeconds * SampleRate / BlockFrames);
        var times = new double[reads];
        var cpuTimes = new double[reads];
        long allocated = 0;
        var states = AdaptiveMusicStream.StateNames;
        for (var i = 0; i < reads; i++)
        {
            if (i % 256 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            // Game-thread changes between reads (not timed): a state every ~8 s, a stinger every ~3 s, intensity and tempo moves.
            if (i % 750 == 100)
            {
                stream.SetState(states[(i / 750) % states.Count], MusicBoundary.NextBar);
            }

            if (i % 280 == 50)
            {
                stream.PlayStinger((StingerKind)((i / 280) % 3), MusicBoundary.NextBeat);
            }

            if (i % 400 == 200)
            {
                stream.SetIntensity((i / 400) % 2 == 0 ? 0.35f : 1f, MusicBoundary.NextBeat);
            }

            if (i % 1500 == 700)
            {
                stream.SetTempo((i / 1500) % 2 == 0 ? stream.Parameters.TempoBpm * 1.2 : stream.Parameters.TempoBpm);
            }

            var cpuStart = BenchGenerateThreadCpuTime.Nanoseconds();
            var start = Stopwatch.GetTimestamp();
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            stream.Read(buffer);
            allocated += GC.GetAllocatedBytesForCurrentThread() - bytes;
            var end = Stopwatch.GetTimestamp();
            var cpuEnd = BenchGenerateThreadCpuTime.Nanoseconds();
            times[i] = (end - start) * 1000.0 / Stopwatch.Frequency;
            cpuTimes[i] = (cpuEnd - cpuStart) / 1e6;
            while (stream.TryReadEvent(out _))
            {
            }
        }

        static (double Max, double P99, double Median) Stats(double[] values)
        {
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            return (sorted[^1], sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.99) - 1)], sorted[sorted.Length / 2]);
        }

        var wall = Stats(times);
        var cpu = BenchGenerateThreadCpuTime.IsAvailable ? Stats(cpuTimes) : ((double Max, double P99, double Median)?)null;
        return new BenchGenerateStream(reads, BlockFrames * 1000.0 / SampleRate, wall.Max, wall.P99, wall.Median, times.Average(), cpu?.Max, cpu?.P99, allocated);
    }

    private static bool TryPinToOneCore(out nint previous)
    {
        previous = 0;
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            return false;
        }

        try
        {
            var process = Process.GetCurrentProcess();
            previous = process.ProcessorAffinity;
            var lowest = previous & -previous; // the first core the process may use
            process.ProcessorAffinity = lowest == 0 ? 1 : lowest;
            return true;
        }
        catch (Exception ex) when (ex is PlatformNotSupportedException or System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return false;
        }
    }
}

/// <summary>One style's offline render.</summary>
internal sealed record BenchGenerateStyle(string Parameters, double AudioSeconds, double WallSeconds, double CpuSeconds)
{
    /// <summary>Audio seconds per CPU second (one thread).</summary>
    public double RealTimeFactor => AudioSeconds / Math.Max(CpuSeconds, 1e-9);
}

/// <summary>Timing of 512-frame reads of an adaptive stream.</summary>
/// <remarks>Wall times include preemption by other processes; CPU times (Linux) are the reads' own work.</remarks>
internal sealed record BenchGenerateStream(int Reads, double BlockMs, double MaxMs, double P99Ms, double MedianMs, double MeanMs, double? MaxCpuMs, double? P99CpuMs, long AllocatedBytes);

/// <summary>Everything <c>musicai bench generate</c> measured.</summary>
internal sealed record BenchGenerateResult(IReadOnlyList<BenchGenerateStyle> Styles, BenchGenerateStream Stream, bool PinnedToOneCore, int ProcessorCount)
{
    public const double TargetRealTime = 200;
    public const double TargetReadMs = 1.0;

    public double AudioSeconds => Styles.Sum(s => s.AudioSeconds);

    public double CpuSeconds => Styles.Sum(s => s.CpuSeconds);

    public double RealTimeFactor => AudioSeconds / Math.Max(CpuSeconds, 1e-9);
}
