using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Benchmarks.Dsp;

/// <summary>
/// Loudness of a 3-minute stereo song at 44.1 kHz. Baseline: K-weighting with NWaves' IIR filters (single-precision
/// transfer functions, sample by sample, summing squares); then ours (double-state biquads summing squares per
/// 100 ms sub-block, as the meter does), the 4× true-peak scan alone, and the full meter (integrated, momentary,
/// short-term, LRA and true peak).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LoudnessBenchmarks
{
    private float[][] _channels = null!;
    private double[] _blocks = null!;

    [GlobalSetup]
    public void Setup()
    {
        _channels = [TestSignals.Music(TestSignals.SongSamples, 3), TestSignals.Music(TestSignals.SongSamples, 4)];
        _blocks = new double[(TestSignals.SongSamples / (TestSignals.SampleRate / 10)) + 1];
    }

    [Benchmark(Baseline = true)]
    public double KWeightingNWaves()
    {
        double sum = 0;
        foreach (var x in _channels)
        {
            var shelf = KWeighting.Shelf(TestSignals.SampleRate);
            var highPass = KWeighting.HighPass(TestSignals.SampleRate);
            var f1 = new NWaves.Filters.Base.IirFilter(new[] { shelf.B0, shelf.B1, shelf.B2 }, new[] { 1, shelf.A1, shelf.A2 });
            var f2 = new NWaves.Filters.Base.IirFilter(new[] { highPass.B0, highPass.B1, highPass.B2 }, new[] { 1, highPass.A1, highPass.A2 });
            for (var i = 0; i < x.Length; i++)
            {
                var y = f2.Process(f1.Process(x[i]));
                sum += y * y;
            }
        }

        return sum;
    }

    [Benchmark]
    public double KWeightingOurs()
    {
        // The meter's path: K-weight and sum squares per 100 ms sub-block, double-precision state.
        _blocks.AsSpan().Clear();
        foreach (var x in _channels)
        {
            KWeighting.CreateFilter(TestSignals.SampleRate).ProcessSquaresInBlocks(x, _blocks, TestSignals.SampleRate / 10, 1.0);
        }

        return _blocks.Sum();
    }

    [Benchmark]
    public float TruePeak() => Math.Max(TruePeakMeter.Get(TestSignals.SampleRate).Peak(_channels[0]), TruePeakMeter.Get(TestSignals.SampleRate).Peak(_channels[1]));

    [Benchmark]
    public double FullMeter() => LoudnessMeter.Measure(TestSignals.SampleRate, _channels).IntegratedLufs;
}
