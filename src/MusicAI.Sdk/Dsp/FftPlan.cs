using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// A complex discrete Fourier transform of one length, on split complex data (separate real and imaginary spans).
/// </summary>
/// <remarks>
/// <para>Definition: forward <c>X[k] = Σ_n x[n]·e^(−2πi·kn/N)</c>; <see cref="Inverse(Span{float}, Span{float})"/> is
/// unnormalised (<c>Σ_k X[k]·e^(+2πi·kn/N)</c>), so inverse(forward(x)) = N·x, as in FFTW.</para>
/// <para>Algorithm: Stockham auto-sort (no bit-reversal pass), mixed radix 8/4/2/3/5 and a generic odd radix for other
/// prime factors up to <see cref="MaxDirectPrime"/>; lengths with a larger prime factor use Bluestein's chirp-z
/// transform over a power-of-two plan. When the length is a multiple of 64 and the CPU has AVX2+FMA, every stage runs
/// eight butterflies per instruction (<see cref="FftSimdKernels"/>). Split layout was chosen because lanes then never
/// mix real and imaginary parts and the inverse is the forward transform with the two spans swapped.</para>
/// <para>Twiddles are computed once per plan in double precision. Plans are immutable and thread-safe; each call needs
/// <see cref="ScratchLength"/> floats of scratch, either passed by the caller or taken from a per-thread buffer.</para>
/// </remarks>
internal sealed unsafe class FftPlan
{
    /// <summary>Largest prime factor handled by a direct (O(r²)) butterfly; larger ones go through Bluestein.</summary>
    public const int MaxDirectPrime = 31;

    private static readonly ConcurrentDictionary<int, FftPlan> s_cache = new();

    private readonly FftStage[] _stages;
    private readonly BluesteinState? _bluestein;

    /// <summary>Creates a plan. Prefer <see cref="Get(int)"/>, which caches plans per length.</summary>
    /// <param name="length">Transform length, 1 or more.</param>
    /// <param name="allowSimd">False forces the portable scalar stages (tests compare both paths).</param>
    public FftPlan(int length, bool allowSimd = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        var factors = Factorize(length);
        if (factors.Count > 0 && factors[^1] > MaxDirectPrime)
        {
            _bluestein = new BluesteinState(length);
            _stages = [];
            ScratchLength = 4 * _bluestein.Inner.Length;
            IsVectorized = _bluestein.Inner.IsVectorized;
            return;
        }

        IsVectorized = allowSimd && FftSimdKernels.IsSupported && length % 64 == 0;
        _stages = IsVectorized ? BuildSimdStages(length) : BuildScalarStages(length);
        ScratchLength = 2 * length;
    }

    /// <summary>Gets the transform length N.</summary>
    public int Length { get; }

    /// <summary>Gets the number of floats of scratch one call needs.</summary>
    public int ScratchLength { get; }

    /// <summary>Gets a value indicating whether the plan runs SIMD stages.</summary>
    public bool IsVectorized { get; }

    /// <summary>Gets the number of passes over the data (0 for Bluestein plans, which run an inner plan).</summary>
    internal int StageCount => _stages.Length;

    /// <summary>Gets a value indicating whether the plan uses Bluestein's algorithm.</summary>
    internal bool IsBluestein => _bluestein is not null;

    /// <summary>Returns the shared plan for <paramref name="length"/>, creating it on first use.</summary>
    public static FftPlan Get(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return s_cache.GetOrAdd(length, static n => new FftPlan(n));
    }

    /// <summary>Forward transform in place, with per-thread scratch.</summary>
    /// <param name="real">Real parts; at least <see cref="Length"/> elements (only the first <see cref="Length"/> are used).</param>
    /// <param name="imaginary">Imaginary parts; at least <see cref="Length"/> elements.</param>
    public void Forward(Span<float> real, Span<float> imaginary) => Forward(real, imaginary, ThreadScratch.Get(ScratchLength));

    /// <summary>Forward transform in place, with caller-provided scratch of at least <see cref="ScratchLength"/> floats.</summary>
    public void Forward(Span<float> real, Span<float> imaginary, Span<float> scratch)
    {
        ThrowHelper.ThrowIfDestinationTooShort(real.Length, Length);
        ThrowHelper.ThrowIfDestinationTooShort(imaginary.Length, Length);
        ThrowHelper.ThrowIfDestinationTooShort(scratch.Length, ScratchLength);
        fixed (float* re = real, im = imaginary, work = scratch)
        {
            TransformInPlace(re, im, work);
        }
    }

    /// <summary>Unnormalised inverse transform in place (the result is N times the inverse DFT), per-thread scratch.</summary>
    public void Inverse(Span<float> real, Span<float> imaginary) => Inverse(real, imaginary, ThreadScratch.Get(ScratchLength));

    /// <summary>Unnormalised inverse transform in place with caller-provided scratch.</summary>
    public void Inverse(Span<float> real, Span<float> imaginary, Span<float> scratch) =>
        Forward(imaginary, real, scratch); // swapping re/im conjugates and multiplies by i on both sides

    /// <summary>Forward transform in place; <paramref name="scratch"/> holds <see cref="ScratchLength"/> floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void TransformInPlace(float* re, float* im, float* scratch)
    {
        if (_bluestein is not null)
        {
            _bluestein.Transform(re, im, scratch);
            return;
        }

        if (RunStages(re, im, scratch, scratch + Length))
        {
            new ReadOnlySpan<float>(scratch, Length).CopyTo(new Span<float>(re, Length));
            new ReadOnlySpan<float>(scratch + Length, Length).CopyTo(new Span<float>(im, Length));
        }
    }

    /// <summary>
    /// Runs the Stockham stages, ping-ponging between (xr, xi) and (yr, yi); the input in x is destroyed.
    /// Only valid for non-Bluestein plans.
    /// </summary>
    /// <returns>True when the result ends in (yr, yi), false when it ends in (xr, xi).</returns>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal bool RunStages(float* xr, float* xi, float* yr, float* yi)
    {
        var inY = false;
        foreach (var stage in _stages)
        {
            if (inY)
            {
                RunStage(stage, yr, yi, xr, xi);
            }
            else
            {
                RunStage(stage, xr, xi, yr, yi);
            }

            inY = !inY;
        }

        return inY;
    }

    private static void RunStage(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        if (stage.Kind == FftStageKind.Scalar)
        {
            FftScalarKernels.Run(stage, xr, xi, yr, yi);
        }
        else
        {
            FftSimdKernels.Run(stage, xr, xi, yr, yi);
        }
    }

    /// <summary>Prime factors in ascending order.</summary>
    internal static List<int> Factorize(int n)
    {
        var factors = new List<int>();
        for (var f = 2; (long)f * f <= n; f++)
        {
            while (n % f == 0)
            {
                factors.Add(f);
                n /= f;
            }
        }

        if (n > 1)
        {
            factors.Add(n);
        }

        return factors;
    }

    /// <summary>Radix order for the remaining length after the first stage: 4s, one 2 if needed, then odd primes.</summary>
    private static List<int> Radices(int n)
    {
        var radices = new List<int>();
        while (n % 4 == 0)
        {
            radices.Add(4);
            n /= 4;
        }

        if (n % 2 == 0)
        {
            radices.Add(2);
            n /= 2;
        }

        foreach (var p in Factorize(n))
        {
            radices.Add(p);
        }

        return radices;
    }

    private static FftStage[] BuildScalarStages(int length)
    {
        var stages = new List<FftStage>();
        var stride = 1;
        var remaining = length;
        foreach (var radix in Radices(length))
        {
            remaining /= radix;
            stages.Add(new FftStage(radix, stride, remaining, FftStageKind.Scalar));
            stride *= radix;
        }

        return [.. stages];
    }

    private static FftStage[] BuildSimdStages(int length)
    {
        var stages = new List<FftStage> { new(8, 1, length / 8, FftStageKind.SimdFirstRadix8) };
        var stride = 8;
        var remaining = length / 8;
        foreach (var radix in Radices(remaining))
        {
            remaining /= radix;
            stages.Add(new FftStage(radix, stride, remaining, FftStageKind.Simd));
            stride *= radix;
        }

        return [.. stages];
    }

    /// <summary>Bluestein's chirp-z transform: a length-N DFT as a circular convolution of power-of-two length M ≥ 2N−1.</summary>
    private sealed class BluesteinState
    {
        private readonly int _length;
        private readonly float[] _chirpRe;
        private readonly float[] _chirpIm;
        private readonly float[] _kernelRe;
        private readonly float[] _kernelIm;

        public BluesteinState(int length)
        {
            _length = length;
            var m = 1;
            while (m < (2 * length) - 1)
            {
                m <<= 1;
            }

            Inner = Get(m);
            _chirpRe = new float[length];
            _chirpIm = new float[length];
            _kernelRe = new float[m];
            _kernelIm = new float[m];
            var twoN = 2L * length;
            for (var k = 0; k < length; k++)
            {
                // w[k] = e^(−iπk²/N); k² is reduced mod 2N in integers so large k keeps full precision.
                var angle = -Math.PI * ((long)k * k % twoN) / length;
                _chirpRe[k] = (float)Math.Cos(angle);
                _chirpIm[k] = (float)Math.Sin(angle);

                // b[k] = conj(w[k]) at k and M−k, pre-scaled by 1/M for the unnormalised inverse below.
                var re = Math.Cos(angle) / m;
                var im = -Math.Sin(angle) / m;
                _kernelRe[k] = (float)re;
                _kernelIm[k] = (float)im;
                if (k > 0)
                {
                    _kernelRe[m - k] = (float)re;
                    _kernelIm[m - k] = (float)im;
                }
            }

            fixed (float* kr = _kernelRe, ki = _kernelIm)
            {
                var scratch = new float[Inner.ScratchLength];
                fixed (float* work = scratch)
                {
                    Inner.TransformInPlace(kr, ki, work);
                }
            }
        }

        public FftPlan Inner { get; }

        public void Transform(float* re, float* im, float* scratch)
        {
            var m = Inner.Length;
            float* ar = scratch, ai = scratch + m, work = scratch + (2 * m);
            fixed (float* cr = _chirpRe, ci = _chirpIm, kr = _kernelRe, ki = _kernelIm)
            {
                for (var k = 0; k < _length; k++)
                {
                    ar[k] = (re[k] * cr[k]) - (im[k] * ci[k]);
                    ai[k] = (re[k] * ci[k]) + (im[k] * cr[k]);
                }

                new Span<float>(ar + _length, m - _length).Clear();
                new Span<float>(ai + _length, m - _length).Clear();
                Inner.TransformInPlace(ar, ai, work);
                for (var k = 0; k < m; k++)
                {
                    var xr = (ar[k] * kr[k]) - (ai[k] * ki[k]);
                    ai[k] = (ar[k] * ki[k]) + (ai[k] * kr[k]);
                    ar[k] = xr;
                }

                // Unnormalised inverse = forward with re/im swapped (the 1/M is in the kernel).
                Inner.TransformInPlace(ai, ar, work);
                for (var k = 0; k < _length; k++)
                {
                    re[k] = (ar[k] * cr[k]) - (ai[k] * ci[k]);
                    im[k] = (ar[k] * ci[k]) + (ai[k] * cr[k]);
                }
            }
        }
    }
}
