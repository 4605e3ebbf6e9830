using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Benchmarks.Dsp;

/// <summary>
/// Loudness of a 3-minute stereo song at 44.1 kHz. Baseline: K-weighting with NWaves' IIR filters (single-precision
/// transfer functions, sample by sample) and the same gating; then ours (double-state biquads), and the full meter
/// (integrated, momentary, short-term, LRA and 4× true peak).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class LoudnessBenchmarks
{
    private float[][] _channels = null!;
    private float[] _work = null!;

    [GlobalSetup]
    public void Setup()
    {
        _channels = [TestSignals.Music(TestSignals.SongSamples, 3), TestSignals.Music(TestSignals.SongSamples, 4)];
        _work = new float[TestSignals.SongSamples];
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
        double sum = 0;
        foreach (var x in _channels)
        {
            KWeighting.CreateFilter(TestSignals.SampleRate).Process(x, _work);
            foreach (var y in _work)
            {
                sum += y * y;
            }
        }

        return sum;
    }

    [Benchmark]
    public double FullMeter() => LoudnessMeter.Measure(TestSignals.SampleRate, _channels).IntegratedLufs;
}
