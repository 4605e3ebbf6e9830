using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Benchmarks.Dsp;

/// <summary>
/// STFT of a 3-minute stereo song at 44.1 kHz (n_fft 4096, hop 1024, periodic Hann, centred, reflect padding:
/// 2 × 7,752 frames). Baseline: the fastest NWaves way, its <c>RealFft</c> in a frame loop with the same framing.
/// Allocated bytes are per operation (the whole song): ours must report 0 B, i.e. nothing per frame.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 2, iterationCount: 8)]
public class StftBenchmarks
{
    private const int FftLength = 4096;
    private const int Hop = 1024;

    private float[][] _channels = null!;
    private StftPlan _plan = null!;
    private float[][] _re = null!;
    private float[][] _im = null!;
    private NWaves.Transforms.RealFft _nwaves = null!;
    private float[] _window = null!;
    private float[] _frame = null!;
    private float[] _frameRe = null!;
    private float[] _frameIm = null!;

    [GlobalSetup]
    public void Setup()
    {
        _channels = [TestSignals.Music(TestSignals.SongSamples, 1), TestSignals.Music(TestSignals.SongSamples, 2)];
        _plan = StftPlan.Create(FftLength, Hop);
        var size = _plan.FrameCount(TestSignals.SongSamples) * _plan.BinCount;
        _re = [new float[size], new float[size]];
        _im = [new float[size], new float[size]];
        _nwaves = new NWaves.Transforms.RealFft(FftLength);
        _window = WindowFunctions.Create(WindowKind.Hann, FftLength);
        _frame = new float[FftLength];
        _frameRe = new float[FftLength];
        _frameIm = new float[FftLength];
    }

    [Benchmark(Baseline = true)]
    public void NWavesRealFftFrameLoop()
    {
        var bins = _plan.BinCount;
        for (var c = 0; c < 2; c++)
        {
            var x = _channels[c];
            var frames = _plan.FrameCount(x.Length);
            for (var t = 0; t < frames; t++)
            {
                var start = (t * Hop) - (FftLength / 2);
                for (var j = 0; j < FftLength; j++)
                {
                    var i = start + j;
                    i = i < 0 ? -i : i >= x.Length ? (2 * (x.Length - 1)) - i : i;
                    _frame[j] = x[i] * _window[j];
                }

                _nwaves.Direct(_frame, _frameRe, _frameIm);
                _frameRe.AsSpan(0, bins).CopyTo(_re[c].AsSpan(t * bins));
                _frameIm.AsSpan(0, bins).CopyTo(_im[c].AsSpan(t * bins));
            }
        }
    }

    [Benchmark]
    public void Ours()
    {
        _plan.Forward(_channels[0], _re[0], _im[0]);
        _plan.Forward(_channels[1], _re[1], _im[1]);
    }
}
