using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// The discrete Fourier transform of real input of one length, returning the non-redundant half spectrum
/// (bins 0..N/2) as separate real and imaginary spans.
/// </summary>
/// <remarks>
/// <para>Even N: the samples are packed as N/2 complex values z[j] = x[2j] + i·x[2j+1], transformed by an N/2-point
/// <see cref="FftPlan"/>, and split with X[k] = E[k] + ω_N^k·O[k] where E = (Z[k] + conj Z[N/2−k])/2 and
/// O = −i(Z[k] − conj Z[N/2−k])/2, computed for k and N/2−k together. Odd N falls back to an N-point complex transform.</para>
/// <para><see cref="Inverse(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> is unnormalised (returns N·x)
/// and, like <c>numpy.fft.irfft</c>, ignores the imaginary parts of bin 0 and (even N) bin N/2.</para>
/// <para>Plans are immutable and thread-safe; each call needs <see cref="ScratchLength"/> floats of scratch.</para>
/// </remarks>
internal sealed unsafe class RealFftPlan
{
    private static readonly ConcurrentDictionary<int, RealFftPlan> s_cache = new();

    private readonly FftPlan _complex;
    private readonly float[] _twiddleRe;
    private readonly float[] _twiddleIm;
    private readonly bool _simd;

    /// <summary>Creates a plan. Prefer <see cref="Get(int)"/>, which caches plans per length.</summary>
    /// <param name="length">Number of real samples N, 1 or more.</param>
    /// <param name="allowSimd">False forces scalar code (tests compare both paths).</param>
    public RealFftPlan(int length, bool allowSimd = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        Length = length;
        BinCount = (length / 2) + 1;
        IsEven = length % 2 == 0;
        var complexLength = IsEven ? length / 2 : length;
        _complex = allowSimd ? FftPlan.Get(complexLength) : new FftPlan(complexLength, allowSimd: false);
        _simd = allowSimd && FftSimdKernels.IsSupported;

        // ω_N^k for k in [0, N/4 + 8]: the split loop visits k ≤ N/4 in blocks of 8.
        var count = (length / 4) + 9;
        _twiddleRe = new float[count];
        _twiddleIm = new float[count];
        for (var k = 0; k < count; k++)
        {
            var angle = -2.0 * Math.PI * k / length;
            _twiddleRe[k] = (float)Math.Cos(angle);
            _twiddleIm[k] = (float)Math.Sin(angle);
        }

        ScratchLength = (2 * complexLength) + _complex.ScratchLength;
    }

    /// <summary>Gets the number of real samples N.</summary>
    public int Length { get; }

    /// <summary>Gets the number of spectrum bins, N/2 + 1.</summary>
    public int BinCount { get; }

    /// <summary>Gets the number of floats of scratch one call needs.</summary>
    public int ScratchLength { get; }

    /// <summary>Gets a value indicating whether N is even (the fast half-length path).</summary>
    public bool IsEven { get; }

    /// <summary>Returns the shared plan for <paramref name="length"/>, creating it on first use.</summary>
    public static RealFftPlan Get(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        return s_cache.GetOrAdd(length, static n => new RealFftPlan(n));
    }

    /// <summary>Forward transform with per-thread scratch.</summary>
    /// <param name="input">N real samples (only the first N are read).</param>
    /// <param name="real">Destination for the real parts of bins 0..N/2 (at least <see cref="BinCount"/>).</param>
    /// <param name="imaginary">Destination for the imaginary parts (at least <see cref="BinCount"/>).</param>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary) =>
        Forward(input, real, imaginary, ThreadScratch.Get(ScratchLength));

    /// <summary>Forward transform with caller-provided scratch of at least <see cref="ScratchLength"/> floats.</summary>
    public void Forward(ReadOnlySpan<float> input, Span<float> real, Span<float> imaginary, Span<float> scratch)
    {
        ThrowHelper.ThrowIfInputTooShort(input.Length, Length);
        ThrowHelper.ThrowIfDestinationTooShort(real.Length, BinCount);
        ThrowHelper.ThrowIfDestinationTooShort(imaginary.Length, BinCount);
        ThrowHelper.ThrowIfDestinationTooShort(scratch.Length, ScratchLength);
        fixed (float* x = input, re = real, im = imaginary, work = scratch)
        {
            ForwardCore(x, null, re, im, work);
        }
    }

    /// <summary>Unnormalised inverse (returns N·x) with per-thread scratch.</summary>
    /// <param name="real">Real parts of bins 0..N/2.</param>
    /// <param name="imaginary">Imaginary parts of bins 0..N/2 (those of bin 0 and N/2 are ignored).</param>
    /// <param name="output">Destination for N samples.</param>
    public void Inverse(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> output) =>
        Inverse(real, imaginary, output, ThreadScratch.Get(ScratchLength));

    /// <summary>Unnormalised inverse with caller-provided scratch.</summary>
    public void Inverse(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> output, Span<float> scratch)
    {
        ThrowHelper.ThrowIfInputTooShort(real.Length, BinCount);
        ThrowHelper.ThrowIfInputTooShort(imaginary.Length, BinCount);
        ThrowHelper.ThrowIfDestinationTooShort(output.Length, Length);
        ThrowHelper.ThrowIfDestinationTooShort(scratch.Length, ScratchLength);
        fixed (float* re = real, im = imaginary, y = output, work = scratch)
        {
            InverseCore(re, im, y, work);
        }
    }

    /// <summary>
    /// Forward transform of <c>input[j]·window[j]</c> (or of <c>input</c> when <paramref name="window"/> is null)
    /// into bins 0..N/2. No validation: callers guarantee the lengths.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void ForwardCore(float* input, float* window, float* outRe, float* outIm, float* scratch)
    {
        if (!IsEven)
        {
            ForwardOdd(input, window, outRe, outIm, scratch);
            return;
        }

        var h = Length / 2;
        float* ar = scratch, ai = scratch + h;
        Deinterleave(input, window, ar, ai, h);
        float* zr = ar, zi = ai;
        if (_complex.IsBluestein)
        {
            _complex.TransformInPlace(ar, ai, scratch + (2 * h));
        }
        else if (_complex.RunStages(ar, ai, scratch + (2 * h), scratch + (3 * h)))
        {
            zr = scratch + (2 * h);
            zi = scratch + (3 * h);
        }

        Split(zr, zi, outRe, outIm, h);
    }

    /// <summary>Unnormalised inverse from bins 0..N/2 into N samples. No validation.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void InverseCore(float* inRe, float* inIm, float* output, float* scratch)
    {
        if (!IsEven)
        {
            InverseOdd(inRe, inIm, output, scratch);
            return;
        }

        var h = Length / 2;
        float* ar = scratch, ai = scratch + h;
        Merge(inRe, inIm, ar, ai, h);

        // Unnormalised inverse = forward with real and imaginary swapped.
        float* zr = ar, zi = ai;
        if (_complex.IsBluestein)
        {
            _complex.TransformInPlace(ai, ar, scratch + (2 * h));
        }
        else if (_complex.RunStages(ai, ar, scratch + (3 * h), scratch + (2 * h)))
        {
            zr = scratch + (2 * h);
            zi = scratch + (3 * h);
        }

        Interleave(zr, zi, output, h);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deinterleave(float* input, float* window, float* ar, float* ai, int h)
    {
        var j = 0;
        if (_simd)
        {
            for (; j + 8 <= h; j += 8)
            {
                var v0 = Avx.LoadVector256(input + (2 * j));
                var v1 = Avx.LoadVector256(input + (2 * j) + 8);
                if (window != null)
                {
                    v0 *= Avx.LoadVector256(window + (2 * j));
                    v1 *= Avx.LoadVector256(window + (2 * j) + 8);
                }

                // Even/odd lanes per 128-bit half, then restore the order of the 64-bit pairs.
                var even = Avx.Shuffle(v0, v1, 0x88);
                var odd = Avx.Shuffle(v0, v1, 0xDD);
                Avx.Store(ar + j, Avx2.Permute4x64(even.AsDouble(), 0xD8).AsSingle());
                Avx.Store(ai + j, Avx2.Permute4x64(odd.AsDouble(), 0xD8).AsSingle());
            }
        }

        for (; j < h; j++)
        {
            ar[j] = window != null ? input[2 * j] * window[2 * j] : input[2 * j];
            ai[j] = window != null ? input[(2 * j) + 1] * window[(2 * j) + 1] : input[(2 * j) + 1];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Interleave(float* zr, float* zi, float* output, int h)
    {
        var j = 0;
        if (FftSimdKernels.IsSupported)
        {
            for (; j + 8 <= h; j += 8)
            {
                var r = Avx.LoadVector256(zr + j);
                var i = Avx.LoadVector256(zi + j);
                var lo = Avx.UnpackLow(r, i);
                var hi = Avx.UnpackHigh(r, i);
                Avx.Store(output + (2 * j), Avx.Permute2x128(lo, hi, 0x20));
                Avx.Store(output + (2 * j) + 8, Avx.Permute2x128(lo, hi, 0x31));
            }
        }

        for (; j < h; j++)
        {
            output[2 * j] = zr[j];
            output[(2 * j) + 1] = zi[j];
        }
    }

    /// <summary>Z (N/2 complex) → X[0..N/2].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Split(float* zr, float* zi, float* outRe, float* outIm, int h)
    {
        outRe[0] = zr[0] + zi[0];
        outIm[0] = 0;
        outRe[h] = zr[0] - zi[0];
        outIm[h] = 0;
        var quarter = h / 2;
        var k = 1;
        fixed (float* wr = _twiddleRe, wi = _twiddleIm)
        {
            if (_simd)
            {
                var half = Vector256.Create(0.5f);
                var reverse = Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0);
                for (; k + 8 <= quarter + 1; k += 8)
                {
                    // Zk = (a, b) for k..k+7, Zh = (c, d) for h−k..h−k−7 (loaded from h−k−7 and reversed).
                    var a = Avx.LoadVector256(zr + k);
                    var b = Avx.LoadVector256(zi + k);
                    var c = Avx2.PermuteVar8x32(Avx.LoadVector256(zr + h - k - 7), reverse);
                    var d = Avx2.PermuteVar8x32(Avx.LoadVector256(zi + h - k - 7), reverse);
                    var er = (a + c) * half;
                    var ei = (b - d) * half;
                    var or = (b + d) * half;
                    var oi = (c - a) * half;
                    var w1 = Avx.LoadVector256(wr + k);
                    var w2 = Avx.LoadVector256(wi + k);
                    var pr = Fma.MultiplySubtract(w1, or, w2 * oi);
                    var pi = Fma.MultiplyAdd(w1, oi, w2 * or);
                    Avx.Store(outRe + k, er + pr);
                    Avx.Store(outIm + k, ei + pi);
                    Avx.Store(outRe + h - k - 7, Avx2.PermuteVar8x32(er - pr, reverse));
                    Avx.Store(outIm + h - k - 7, Avx2.PermuteVar8x32(pi - ei, reverse));
                }
            }

            for (; k <= quarter; k++)
            {
                float a = zr[k], b = zi[k], c = zr[h - k], d = zi[h - k];
                float er = 0.5f * (a + c), ei = 0.5f * (b - d), or = 0.5f * (b + d), oi = 0.5f * (c - a);
                var pr = (wr[k] * or) - (wi[k] * oi);
                var pi = (wr[k] * oi) + (wi[k] * or);
                outRe[k] = er + pr;
                outIm[k] = ei + pi;
                outRe[h - k] = er - pr;
                outIm[h - k] = pi - ei;
            }
        }
    }

    /// <summary>X[0..N/2] → Z' = 2·Z (N/2 complex), so that the unnormalised inverse of Z' is N·x.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Merge(float* inRe, float* inIm, float* zr, float* zi, int h)
    {
        zr[0] = inRe[0] + inRe[h];
        zi[0] = inRe[0] - inRe[h];
        var quarter = h / 2;
        var k = 1;
        fixed (float* wr = _twiddleRe, wi = _twiddleIm)
        {
            if (_simd)
            {
                var reverse = Vector256.Create(7, 6, 5, 4, 3, 2, 1, 0);
                for (; k + 8 <= quarter + 1; k += 8)
                {
                    var a = Avx.LoadVector256(inRe + k);
                    var b = Avx.LoadVector256(inIm + k);
                    var c = Avx2.PermuteVar8x32(Avx.LoadVector256(inRe + h - k - 7), reverse);
                    var d = Avx2.PermuteVar8x32(Avx.LoadVector256(inIm + h - k - 7), reverse);
                    var er = a + c;
                    var ei = b - d;
                    var fr = a - c;
                    var fi = b + d;
                    var w1 = Avx.LoadVector256(wr + k);
                    var w2 = Avx.LoadVector256(wi + k);

                    // O' = F·conj(W)
                    var or = Fma.MultiplyAdd(fr, w1, fi * w2);
                    var oi = Fma.MultiplySubtract(fi, w1, fr * w2);
                    Avx.Store(zr + k, er - oi);
                    Avx.Store(zi + k, ei + or);
                    Avx.Store(zr + h - k - 7, Avx2.PermuteVar8x32(er + oi, reverse));
                    Avx.Store(zi + h - k - 7, Avx2.PermuteVar8x32(or - ei, reverse));
                }
            }

            for (; k <= quarter; k++)
            {
                float a = inRe[k], b = inIm[k], c = inRe[h - k], d = inIm[h - k];
                float er = a + c, ei = b - d, fr = a - c, fi = b + d;
                var or = (fr * wr[k]) + (fi * wi[k]);
                var oi = (fi * wr[k]) - (fr * wi[k]);
                zr[k] = er - oi;
                zi[k] = ei + or;
                zr[h - k] = er + oi;
                zi[h - k] = or - ei;
            }
        }
    }

    private void ForwardOdd(float* input, float* window, float* outRe, float* outIm, float* scratch)
    {
        var n = Length;
        float* ar = scratch, ai = scratch + n;
        for (var j = 0; j < n; j++)
        {
            ar[j] = window != null ? input[j] * window[j] : input[j];
            ai[j] = 0;
        }

        _complex.TransformInPlace(ar, ai, scratch + (2 * n));
        new ReadOnlySpan<float>(ar, BinCount).CopyTo(new Span<float>(outRe, BinCount));
        new ReadOnlySpan<float>(ai, BinCount).CopyTo(new Span<float>(outIm, BinCount));
    }

    private void InverseOdd(float* inRe, float* inIm, float* output, float* scratch)
    {
        var n = Length;
        float* ar = scratch, ai = scratch + n;
        ar[0] = inRe[0];
        ai[0] = 0;
        for (var k = 1; k < BinCount; k++)
        {
            ar[k] = inRe[k];
            ai[k] = inIm[k];
            ar[n - k] = inRe[k];
            ai[n - k] = -inIm[k];
        }

        _complex.TransformInPlace(ai, ar, scratch + (2 * n));
        new ReadOnlySpan<float>(ar, n).CopyTo(new Span<float>(output, n));
    }
}
