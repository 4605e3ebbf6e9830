using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// AVX2/FMA Stockham stages on split complex data (see <see cref="FftStage"/>). Eight single-precision lanes hold
/// eight independent butterflies; no lane ever mixes real and imaginary parts, so no shuffles are needed except in
/// the first stage, whose outputs are interleaved by the radix and written with an 8×8 transpose.
/// </summary>
/// <remarks>Callers must check <see cref="IsSupported"/>; every stage after the first needs a stride that is a multiple of 8.</remarks>
internal static unsafe class FftSimdKernels
{
    private const float Sin60 = 0.866025403784438646763723170752936183f;
    private const float Cos72 = 0.309016994374947424102293417182819059f;
    private const float Cos144 = -0.809016994374947424102293417182819059f;
    private const float Sin72 = 0.951056516295153572116439333379382143f;
    private const float Sin144 = 0.587785252292473129168705954639072769f;
    private const float InvSqrt2 = 0.707106781186547524400844362104849039f;

    /// <summary>Gets a value indicating whether the SIMD stages can run on this machine (AVX2 and FMA).</summary>
    public static bool IsSupported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>Runs one stage from (xr, xi) into (yr, yi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        if (stage.Kind == FftStageKind.SimdFirstRadix8)
        {
            FirstRadix8(stage, xr, xi, yr, yi);
            return;
        }

        switch (stage.Radix)
        {
            case 2:
                Radix2(stage, xr, xi, yr, yi);
                break;
            case 3:
                Radix3(stage, xr, xi, yr, yi);
                break;
            case 4:
                Radix4(stage, xr, xi, yr, yi);
                break;
            case 5:
                Radix5(stage, xr, xi, yr, yi);
                break;
            default:
                RadixGeneric(stage, xr, xi, yr, yi);
                break;
        }
    }

    /// <summary>(ar + i·ai)(wr + i·wi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Multiply(Vector256<float> ar, Vector256<float> ai, Vector256<float> wr, Vector256<float> wi, out Vector256<float> rr, out Vector256<float> ri)
    {
        rr = Fma.MultiplySubtract(ar, wr, ai * wi);
        ri = Fma.MultiplyAdd(ar, wi, ai * wr);
    }

    /// <summary>Stores the transpose of the 8×8 matrix whose rows are r0..r7 as 8 consecutive rows at <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TransposeStore(
        Vector256<float> r0, Vector256<float> r1, Vector256<float> r2, Vector256<float> r3,
        Vector256<float> r4, Vector256<float> r5, Vector256<float> r6, Vector256<float> r7, float* destination)
    {
        // Interleave pairs of rows, then pairs of pairs within each 128-bit half, then swap halves.
        var t0 = Avx.UnpackLow(r0, r1);
        var t1 = Avx.UnpackHigh(r0, r1);
        var t2 = Avx.UnpackLow(r2, r3);
        var t3 = Avx.UnpackHigh(r2, r3);
        var t4 = Avx.UnpackLow(r4, r5);
        var t5 = Avx.UnpackHigh(r4, r5);
        var t6 = Avx.UnpackLow(r6, r7);
        var t7 = Avx.UnpackHigh(r6, r7);
        var u0 = Avx.Shuffle(t0, t2, 0x44);
        var u1 = Avx.Shuffle(t0, t2, 0xEE);
        var u2 = Avx.Shuffle(t1, t3, 0x44);
        var u3 = Avx.Shuffle(t1, t3, 0xEE);
        var u4 = Avx.Shuffle(t4, t6, 0x44);
        var u5 = Avx.Shuffle(t4, t6, 0xEE);
        var u6 = Avx.Shuffle(t5, t7, 0x44);
        var u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(destination, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(destination + 8, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(destination + 16, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(destination + 24, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(destination + 32, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(destination + 40, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(destination + 48, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(destination + 56, Avx.Permute2x128(u3, u7, 0x31));
    }

    /// <summary>Stride-1 radix-8 stage, vectorised over p (m must be a multiple of 8).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FirstRadix8(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        var m = stage.Count;
        var scale = Vector256.Create(InvSqrt2);
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p += 8)
            {
                var a0r = Avx.LoadVector256(xr + p);
                var a0i = Avx.LoadVector256(xi + p);
                var a1r = Avx.LoadVector256(xr + p + m);
                var a1i = Avx.LoadVector256(xi + p + m);
                var a2r = Avx.LoadVector256(xr + p + (2 * m));
                var a2i = Avx.LoadVector256(xi + p + (2 * m));
                var a3r = Avx.LoadVector256(xr + p + (3 * m));
                var a3i = Avx.LoadVector256(xi + p + (3 * m));
                var a4r = Avx.LoadVector256(xr + p + (4 * m));
                var a4i = Avx.LoadVector256(xi + p + (4 * m));
                var a5r = Avx.LoadVector256(xr + p + (5 * m));
                var a5i = Avx.LoadVector256(xi + p + (5 * m));
                var a6r = Avx.LoadVector256(xr + p + (6 * m));
                var a6i = Avx.LoadVector256(xi + p + (6 * m));
                var a7r = Avx.LoadVector256(xr + p + (7 * m));
                var a7i = Avx.LoadVector256(xi + p + (7 * m));

                // Even half: DFT4(a0, a2, a4, a6).
                var t0r = a0r + a4r;
                var t0i = a0i + a4i;
                var t1r = a0r - a4r;
                var t1i = a0i - a4i;
                var t2r = a2r + a6r;
                var t2i = a2i + a6i;
                var t3r = a2r - a6r;
                var t3i = a2i - a6i;
                var e0r = t0r + t2r;
                var e0i = t0i + t2i;
                var e2r = t0r - t2r;
                var e2i = t0i - t2i;
                var e1r = t1r + t3i;
                var e1i = t1i - t3r;
                var e3r = t1r - t3i;
                var e3i = t1i + t3r;

                // Odd half: DFT4(a1, a3, a5, a7).
                var u0r = a1r + a5r;
                var u0i = a1i + a5i;
                var u1r = a1r - a5r;
                var u1i = a1i - a5i;
                var u2r = a3r + a7r;
                var u2i = a3i + a7i;
                var u3r = a3r - a7r;
                var u3i = a3i - a7i;
                var o0r = u0r + u2r;
                var o0i = u0i + u2i;
                var o2r = u0r - u2r;
                var o2i = u0i - u2i;
                var o1r = u1r + u3i;
                var o1i = u1i - u3r;
                var o3r = u1r - u3i;
                var o3i = u1i + u3r;

                // ω8·o1 = (o1r + o1i, o1i − o1r)/√2; ω8²·o2 = (o2i, −o2r); ω8³·o3 = (o3i − o3r, −o3r − o3i)/√2.
                var v1r = (o1r + o1i) * scale;
                var v1i = (o1i - o1r) * scale;
                var v3r = (o3i - o3r) * scale;
                var v3i = -(o3r + o3i) * scale;

                var c0r = e0r + o0r;
                var c0i = e0i + o0i;
                var c4r = e0r - o0r;
                var c4i = e0i - o0i;
                var c1r = e1r + v1r;
                var c1i = e1i + v1i;
                var c5r = e1r - v1r;
                var c5i = e1i - v1i;
                var c2r = e2r + o2i;
                var c2i = e2i - o2r;
                var c6r = e2r - o2i;
                var c6i = e2i + o2r;
                var c3r = e3r + v3r;
                var c3i = e3i + v3i;
                var c7r = e3r - v3r;
                var c7i = e3i - v3i;

                Multiply(c1r, c1i, Avx.LoadVector256(twr + p), Avx.LoadVector256(twi + p), out c1r, out c1i);
                Multiply(c2r, c2i, Avx.LoadVector256(twr + m + p), Avx.LoadVector256(twi + m + p), out c2r, out c2i);
                Multiply(c3r, c3i, Avx.LoadVector256(twr + (2 * m) + p), Avx.LoadVector256(twi + (2 * m) + p), out c3r, out c3i);
                Multiply(c4r, c4i, Avx.LoadVector256(twr + (3 * m) + p), Avx.LoadVector256(twi + (3 * m) + p), out c4r, out c4i);
                Multiply(c5r, c5i, Avx.LoadVector256(twr + (4 * m) + p), Avx.LoadVector256(twi + (4 * m) + p), out c5r, out c5i);
                Multiply(c6r, c6i, Avx.LoadVector256(twr + (5 * m) + p), Avx.LoadVector256(twi + (5 * m) + p), out c6r, out c6i);
                Multiply(c7r, c7i, Avx.LoadVector256(twr + (6 * m) + p), Avx.LoadVector256(twi + (6 * m) + p), out c7r, out c7i);

                TransposeStore(c0r, c1r, c2r, c3r, c4r, c5r, c6r, c7r, yr + (8 * p));
                TransposeStore(c0i, c1i, c2i, c3i, c4i, c5i, c6i, c7i, yi + (8 * p));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix2(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p++)
            {
                var w1r = Vector256.Create(twr[p]);
                var w1i = Vector256.Create(twi[p]);
                float* inR = xr + ((nint)s * p), inI = xi + ((nint)s * p);
                float* outR = yr + ((nint)s * 2 * p), outI = yi + ((nint)s * 2 * p);
                for (var q = 0; q < s; q += 8)
                {
                    var a0r = Avx.LoadVector256(inR + q);
                    var a0i = Avx.LoadVector256(inI + q);
                    var a1r = Avx.LoadVector256(inR + q + sm);
                    var a1i = Avx.LoadVector256(inI + q + sm);
                    Avx.Store(outR + q, a0r + a1r);
                    Avx.Store(outI + q, a0i + a1i);
                    Multiply(a0r - a1r, a0i - a1i, w1r, w1i, out var c1r, out var c1i);
                    Avx.Store(outR + q + s, c1r);
                    Avx.Store(outI + q + s, c1i);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix3(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        var half = Vector256.Create(0.5f);
        var sin60 = Vector256.Create(Sin60);
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p++)
            {
                var w1r = Vector256.Create(twr[2 * p]);
                var w1i = Vector256.Create(twi[2 * p]);
                var w2r = Vector256.Create(twr[(2 * p) + 1]);
                var w2i = Vector256.Create(twi[(2 * p) + 1]);
                float* inR = xr + ((nint)s * p), inI = xi + ((nint)s * p);
                float* outR = yr + ((nint)s * 3 * p), outI = yi + ((nint)s * 3 * p);
                for (var q = 0; q < s; q += 8)
                {
                    var a0r = Avx.LoadVector256(inR + q);
                    var a0i = Avx.LoadVector256(inI + q);
                    var a1r = Avx.LoadVector256(inR + q + sm);
                    var a1i = Avx.LoadVector256(inI + q + sm);
                    var a2r = Avx.LoadVector256(inR + q + (2 * sm));
                    var a2i = Avx.LoadVector256(inI + q + (2 * sm));
                    var t1r = a1r + a2r;
                    var t1i = a1i + a2i;
                    var t2r = a1r - a2r;
                    var t2i = a1i - a2i;
                    var m1r = Fma.MultiplyAddNegated(half, t1r, a0r);
                    var m1i = Fma.MultiplyAddNegated(half, t1i, a0i);
                    var m2r = sin60 * t2i;
                    var m2i = sin60 * t2r;
                    Avx.Store(outR + q, a0r + t1r);
                    Avx.Store(outI + q, a0i + t1i);
                    Multiply(m1r + m2r, m1i - m2i, w1r, w1i, out var c1r, out var c1i);
                    Avx.Store(outR + q + s, c1r);
                    Avx.Store(outI + q + s, c1i);
                    Multiply(m1r - m2r, m1i + m2i, w2r, w2i, out var c2r, out var c2i);
                    Avx.Store(outR + q + (2 * s), c2r);
                    Avx.Store(outI + q + (2 * s), c2i);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix4(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p++)
            {
                var t = 3 * p;
                var w1r = Vector256.Create(twr[t]);
                var w1i = Vector256.Create(twi[t]);
                var w2r = Vector256.Create(twr[t + 1]);
                var w2i = Vector256.Create(twi[t + 1]);
                var w3r = Vector256.Create(twr[t + 2]);
                var w3i = Vector256.Create(twi[t + 2]);
                float* inR = xr + ((nint)s * p), inI = xi + ((nint)s * p);
                float* outR = yr + ((nint)s * 4 * p), outI = yi + ((nint)s * 4 * p);
                for (var q = 0; q < s; q += 8)
                {
                    var a0r = Avx.LoadVector256(inR + q);
                    var a0i = Avx.LoadVector256(inI + q);
                    var a1r = Avx.LoadVector256(inR + q + sm);
                    var a1i = Avx.LoadVector256(inI + q + sm);
                    var a2r = Avx.LoadVector256(inR + q + (2 * sm));
                    var a2i = Avx.LoadVector256(inI + q + (2 * sm));
                    var a3r = Avx.LoadVector256(inR + q + (3 * sm));
                    var a3i = Avx.LoadVector256(inI + q + (3 * sm));
                    var t0r = a0r + a2r;
                    var t0i = a0i + a2i;
                    var t1r = a0r - a2r;
                    var t1i = a0i - a2i;
                    var t2r = a1r + a3r;
                    var t2i = a1i + a3i;
                    var t3r = a1r - a3r;
                    var t3i = a1i - a3i;
                    Avx.Store(outR + q, t0r + t2r);
                    Avx.Store(outI + q, t0i + t2i);
                    Multiply(t1r + t3i, t1i - t3r, w1r, w1i, out var c1r, out var c1i);
                    Avx.Store(outR + q + s, c1r);
                    Avx.Store(outI + q + s, c1i);
                    Multiply(t0r - t2r, t0i - t2i, w2r, w2i, out var c2r, out var c2i);
                    Avx.Store(outR + q + (2 * s), c2r);
                    Avx.Store(outI + q + (2 * s), c2i);
                    Multiply(t1r - t3i, t1i + t3r, w3r, w3i, out var c3r, out var c3i);
                    Avx.Store(outR + q + (3 * s), c3r);
                    Avx.Store(outI + q + (3 * s), c3i);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix5(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        var cos72 = Vector256.Create(Cos72);
        var cos144 = Vector256.Create(Cos144);
        var sin72 = Vector256.Create(Sin72);
        var sin144 = Vector256.Create(Sin144);
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p++)
            {
                var t = 4 * p;
                var w1r = Vector256.Create(twr[t]);
                var w1i = Vector256.Create(twi[t]);
                var w2r = Vector256.Create(twr[t + 1]);
                var w2i = Vector256.Create(twi[t + 1]);
                var w3r = Vector256.Create(twr[t + 2]);
                var w3i = Vector256.Create(twi[t + 2]);
                var w4r = Vector256.Create(twr[t + 3]);
                var w4i = Vector256.Create(twi[t + 3]);
                float* inR = xr + ((nint)s * p), inI = xi + ((nint)s * p);
                float* outR = yr + ((nint)s * 5 * p), outI = yi + ((nint)s * 5 * p);
                for (var q = 0; q < s; q += 8)
                {
                    var a0r = Avx.LoadVector256(inR + q);
                    var a0i = Avx.LoadVector256(inI + q);
                    var a1r = Avx.LoadVector256(inR + q + sm);
                    var a1i = Avx.LoadVector256(inI + q + sm);
                    var a2r = Avx.LoadVector256(inR + q + (2 * sm));
                    var a2i = Avx.LoadVector256(inI + q + (2 * sm));
                    var a3r = Avx.LoadVector256(inR + q + (3 * sm));
                    var a3i = Avx.LoadVector256(inI + q + (3 * sm));
                    var a4r = Avx.LoadVector256(inR + q + (4 * sm));
                    var a4i = Avx.LoadVector256(inI + q + (4 * sm));
                    var t1r = a1r + a4r;
                    var t1i = a1i + a4i;
                    var t2r = a2r + a3r;
                    var t2i = a2i + a3i;
                    var t3r = a1r - a4r;
                    var t3i = a1i - a4i;
                    var t4r = a2r - a3r;
                    var t4i = a2i - a3i;
                    var b1r = Fma.MultiplyAdd(cos144, t2r, Fma.MultiplyAdd(cos72, t1r, a0r));
                    var b1i = Fma.MultiplyAdd(cos144, t2i, Fma.MultiplyAdd(cos72, t1i, a0i));
                    var b2r = Fma.MultiplyAdd(cos72, t2r, Fma.MultiplyAdd(cos144, t1r, a0r));
                    var b2i = Fma.MultiplyAdd(cos72, t2i, Fma.MultiplyAdd(cos144, t1i, a0i));
                    var e1r = Fma.MultiplyAdd(sin72, t3r, sin144 * t4r);
                    var e1i = Fma.MultiplyAdd(sin72, t3i, sin144 * t4i);
                    var e2r = Fma.MultiplySubtract(sin144, t3r, sin72 * t4r);
                    var e2i = Fma.MultiplySubtract(sin144, t3i, sin72 * t4i);

                    // d = -i·e = (e.i, -e.r)
                    Avx.Store(outR + q, a0r + t1r + t2r);
                    Avx.Store(outI + q, a0i + t1i + t2i);
                    Multiply(b1r + e1i, b1i - e1r, w1r, w1i, out var c1r, out var c1i);
                    Avx.Store(outR + q + s, c1r);
                    Avx.Store(outI + q + s, c1i);
                    Multiply(b2r + e2i, b2i - e2r, w2r, w2i, out var c2r, out var c2i);
                    Avx.Store(outR + q + (2 * s), c2r);
                    Avx.Store(outI + q + (2 * s), c2i);
                    Multiply(b2r - e2i, b2i + e2r, w3r, w3i, out var c3r, out var c3i);
                    Avx.Store(outR + q + (3 * s), c3r);
                    Avx.Store(outI + q + (3 * s), c3i);
                    Multiply(b1r - e1i, b1i + e1r, w4r, w4i, out var c4r, out var c4i);
                    Avx.Store(outR + q + (4 * s), c4r);
                    Avx.Store(outI + q + (4 * s), c4i);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RadixGeneric(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int r = stage.Radix, s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm, rr = stage.RootRe, ri = stage.RootIm)
        {
            for (var p = 0; p < m; p++)
            {
                float* inR = xr + ((nint)s * p), inI = xi + ((nint)s * p);
                float* outR = yr + ((nint)s * r * p), outI = yi + ((nint)s * r * p);
                for (var q = 0; q < s; q += 8)
                {
                    for (var j = 0; j < r; j++)
                    {
                        var sr = Vector256<float>.Zero;
                        var si = Vector256<float>.Zero;
                        var t = 0;
                        for (var k = 0; k < r; k++)
                        {
                            var ar = Avx.LoadVector256(inR + q + (k * sm));
                            var ai = Avx.LoadVector256(inI + q + (k * sm));
                            var cr = Vector256.Create(rr[t]);
                            var ci = Vector256.Create(ri[t]);
                            sr = Fma.MultiplyAdd(ar, cr, Fma.MultiplyAddNegated(ai, ci, sr));
                            si = Fma.MultiplyAdd(ar, ci, Fma.MultiplyAdd(ai, cr, si));
                            t += j;
                            if (t >= r)
                            {
                                t -= r;
                            }
                        }

                        if (j > 0)
                        {
                            var w = (p * (r - 1)) + j - 1;
                            Multiply(sr, si, Vector256.Create(twr[w]), Vector256.Create(twi[w]), out sr, out si);
                        }

                        Avx.Store(outR + q + ((nint)j * s), sr);
                        Avx.Store(outI + q + ((nint)j * s), si);
                    }
                }
            }
        }
    }
}
