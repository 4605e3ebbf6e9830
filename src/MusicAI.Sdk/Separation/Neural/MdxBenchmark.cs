using System.Diagnostics;
using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// Measures what the MDX-Net pipeline costs on top of the network: per chunk, a bare <c>session.Run</c> on a filled
/// input against the engine's whole per-chunk path (read, STFT, packing, the same run, iSTFT, window, overlap-add,
/// output block), on a synthetic stereo signal. For <c>musicai bench separate</c> and the BenchmarkDotNet suite.
/// </summary>
/// <remarks>
/// The two are interleaved chunk by chunk (bare, pipeline, bare, …) so that load from other processes hits both alike,
/// and summarised by their medians. Inside each pipeline chunk the network run is timed too, so the pipeline's own
/// work (everything but the run) is measured on the same chunk, free of the run-to-run noise of a shared machine.
/// The first chunk of each kind is a warm-up and not counted. Not thread-safe.
/// </remarks>
internal static class MdxBenchmark
{
    /// <summary>Measures <paramref name="chunks"/> chunks of each kind.</summary>
    /// <param name="engine">An engine over the model to measure.</param>
    /// <param name="chunks">Chunks timed per kind (after one warm-up each), 1 or more.</param>
    /// <param name="cancellationToken">Cancels between and inside runs.</param>
    public static MdxBenchmarkResult Measure(MdxNetEngine engine, int chunks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunks);
        var p = engine.Parameters;
        var source = new SyntheticSource((long)(chunks + 2) * p.GenerateLength);
        var sink = new DiscardingSink();
        using var run = new MdxNetSeparation(engine, source, sink, overlap: null, progress: null);
        using var bareScratch = engine.Processor.CreateScratch();
        using (var chunk = AudioBuffer.Create(2, p.ChunkLength, MdxNetParameters.SampleRate))
        {
            source.Read(0, chunk);
            engine.Processor.Analyze(chunk, bareScratch);
        }

        var bare = new List<double>(chunks);
        var pipeline = new List<double>(chunks);
        var pipelineRun = new List<double>(chunks);
        for (var i = 0; i <= chunks; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var started = Stopwatch.GetTimestamp();
            engine.Processor.Run(bareScratch, i, cancellationToken).Dispose();
            var bareMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;

            started = Stopwatch.GetTimestamp();
            run.ProcessChunk((long)i * run.Step, i, cancellationToken);
            var pipelineMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (i > 0)
            {
                bare.Add(bareMs);
                pipeline.Add(pipelineMs);
                pipelineRun.Add(run.LastRunTicks * 1000.0 / Stopwatch.Frequency);
            }
        }

        return new MdxBenchmarkResult(p, bare, pipeline, pipelineRun);
    }

    /// <summary>A deterministic stereo test signal computed on the fly (tones, a chirp and noise bursts), any length.</summary>
    internal sealed class SyntheticSource(long frames) : ISeparationSource
    {
        public int SampleRate => MdxNetParameters.SampleRate;

        public int ChannelCount => 2;

        public long FrameCount => frames;

        public void Read(long startFrame, AudioBuffer destination)
        {
            for (var c = 0; c < 2; c++)
            {
                var target = destination.GetChannel(c);
                for (var i = 0; i < target.Length; i++)
                {
                    var n = startFrame + i;
                    if (n < 0 || n >= frames)
                    {
                        target[i] = 0f;
                        continue;
                    }

                    var t = n / (double)MdxNetParameters.SampleRate;
                    var noise = (((n * 1103515245) + 12345 + (c * 7919)) % 2147483648L / 2147483648.0) - 0.5;
                    var burst = Math.Exp(-30.0 * (n % 22050 / (double)MdxNetParameters.SampleRate));
                    target[i] = (float)((0.25 * Math.Sin(2 * Math.PI * (110.0 + (55 * c)) * t))
                        + (0.1 * Math.Sin(2 * Math.PI * (300.0 + (20.0 * (t % 10))) * t))
                        + (0.2 * burst * noise));
                }
            }
        }
    }

    private sealed class DiscardingSink : ISeparationSink
    {
        public void Write(ReadOnlySpan<AudioBuffer> stems)
        {
        }
    }
}
