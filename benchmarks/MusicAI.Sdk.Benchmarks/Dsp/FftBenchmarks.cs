using BenchmarkDotNet.Attributes;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Benchmarks.Dsp;

/// <summary>
/// Real-input FFT, one frame: our AVX2 mixed-radix plan against our portable scalar plan (baseline), at the sizes the
/// SDK uses. NWaves cannot do 6144/7680 (power-of-two only); see <see cref="NWavesFftBenchmarks"/> for 1024/4096.
/// </summary>
[MemoryDiagnoser]
public class FftBenchmarks
{
    private RealFftPlan _simd = null!;
    private RealFftPlan _scalar = null!;
    private float[] _input = null!;
    private float[] _re = null!;
    private float[] _im = null!;
    private float[] _scratch = null!;

    // 1024: 23 ms at 44.1 kHz, feature extraction (onsets, chroma).
    // 4096: 93 ms, the separator/STFT default (n_fft of MDX-style models' companion STFTs, loudness-safe resolution).
    // 6144: MDX-Net vocal models' n_fft (2^11·3).
    // 7680: MDX-Net instrumental models' n_fft (2^9·3·5).
    [Params(1024, 4096, 6144, 7680)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _simd = new RealFftPlan(Size);
        _scalar = new RealFftPlan(Size, allowSimd: false);
        _input = TestSignals.Music(Size, 1);
        _re = new float[_simd.BinCount];
        _im = new float[_simd.BinCount];
        _scratch = new float[Math.Max(_simd.ScratchLength, _scalar.ScratchLength)];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => _scalar.Forward(_input, _re, _im, _scratch);

    [Benchmark]
    public void Simd() => _simd.Forward(_input, _re, _im, _scratch);
}
