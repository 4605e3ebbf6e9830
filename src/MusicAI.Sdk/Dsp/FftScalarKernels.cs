using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Portable scalar Stockham stages (see <see cref="FftStage"/> for the index formulas). Used for lengths the SIMD
/// plan does not cover and on hardware without AVX2/FMA; also the reference the SIMD stages are tested against.
/// </summary>
internal static unsafe class FftScalarKernels
{
    private const float Sin60 = 0.866025403784438646763723170752936183f;
    private const float Cos72 = 0.309016994374947424102293417182819059f;
    private const float Cos144 = -0.809016994374947424102293417182819059f;
    private const float Sin72 = 0.951056516295153572116439333379382143f;
    private const float Sin144 = 0.587785252292473129168705954639072769f;

    /// <summary>Runs one stage from (xr, xi) into (yr, yi).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
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

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix2(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p++)
            {
                float w1r = twr[p], w1i = twi[p];
                var i0 = (nint)s * p;
                var o0 = (nint)s * 2 * p;
                for (var q = 0; q < s; q++)
                {
                    float a0r = xr[i0 + q], a0i = xi[i0 + q];
                    float a1r = xr[i0 + q + sm], a1i = xi[i0 + q + sm];
                    yr[o0 + q] = a0r + a1r;
                    yi[o0 + q] = a0i + a1i;
                    float dr = a0r - a1r, di = a0i - a1i;
                    yr[o0 + q + s] = (dr * w1r) - (di * w1i);
                    yi[o0 + q + s] = (dr * w1i) + (di * w1r);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix3(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p++)
            {
                float w1r = twr[2 * p], w1i = twi[2 * p], w2r = twr[(2 * p) + 1], w2i = twi[(2 * p) + 1];
                var i0 = (nint)s * p;
                var o0 = (nint)s * 3 * p;
                for (var q = 0; q < s; q++)
                {
                    var i = i0 + q;
                    float a0r = xr[i], a0i = xi[i];
                    float a1r = xr[i + sm], a1i = xi[i + sm];
                    float a2r = xr[i + (2 * sm)], a2i = xi[i + (2 * sm)];
                    float t1r = a1r + a2r, t1i = a1i + a2i;
                    float t2r = a1r - a2r, t2i = a1i - a2i;
                    float m1r = a0r - (0.5f * t1r), m1i = a0i - (0.5f * t1i);

                    // -i·sin60·t2
                    float m2r = Sin60 * t2i, m2i = -Sin60 * t2r;
                    float c1r = m1r + m2r, c1i = m1i + m2i;
                    float c2r = m1r - m2r, c2i = m1i - m2i;
                    var o = o0 + q;
                    yr[o] = a0r + t1r;
                    yi[o] = a0i + t1i;
                    yr[o + s] = (c1r * w1r) - (c1i * w1i);
                    yi[o + s] = (c1r * w1i) + (c1i * w1r);
                    yr[o + (2 * s)] = (c2r * w2r) - (c2i * w2i);
                    yi[o + (2 * s)] = (c2r * w2i) + (c2i * w2r);
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
                float w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1], w3r = twr[t + 2], w3i = twi[t + 2];
                var i0 = (nint)s * p;
                var o0 = (nint)s * 4 * p;
                for (var q = 0; q < s; q++)
                {
                    var i = i0 + q;
                    float a0r = xr[i], a0i = xi[i];
                    float a1r = xr[i + sm], a1i = xi[i + sm];
                    float a2r = xr[i + (2 * sm)], a2i = xi[i + (2 * sm)];
                    float a3r = xr[i + (3 * sm)], a3i = xi[i + (3 * sm)];
                    float t0r = a0r + a2r, t0i = a0i + a2i;
                    float t1r = a0r - a2r, t1i = a0i - a2i;
                    float t2r = a1r + a3r, t2i = a1i + a3i;
                    float t3r = a1r - a3r, t3i = a1i - a3i;
                    float c2r = t0r - t2r, c2i = t0i - t2i;
                    float c1r = t1r + t3i, c1i = t1i - t3r;
                    float c3r = t1r - t3i, c3i = t1i + t3r;
                    var o = o0 + q;
                    yr[o] = t0r + t2r;
                    yi[o] = t0i + t2i;
                    yr[o + s] = (c1r * w1r) - (c1i * w1i);
                    yi[o + s] = (c1r * w1i) + (c1i * w1r);
                    yr[o + (2 * s)] = (c2r * w2r) - (c2i * w2i);
                    yi[o + (2 * s)] = (c2r * w2i) + (c2i * w2r);
                    yr[o + (3 * s)] = (c3r * w3r) - (c3i * w3i);
                    yi[o + (3 * s)] = (c3r * w3i) + (c3i * w3r);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Radix5(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm)
        {
            for (var p = 0; p < m; p++)
            {
                var t = 4 * p;
                float w1r = twr[t], w1i = twi[t], w2r = twr[t + 1], w2i = twi[t + 1];
                float w3r = twr[t + 2], w3i = twi[t + 2], w4r = twr[t + 3], w4i = twi[t + 3];
                var i0 = (nint)s * p;
                var o0 = (nint)s * 5 * p;
                for (var q = 0; q < s; q++)
                {
                    var i = i0 + q;
                    float a0r = xr[i], a0i = xi[i];
                    float a1r = xr[i + sm], a1i = xi[i + sm];
                    float a2r = xr[i + (2 * sm)], a2i = xi[i + (2 * sm)];
                    float a3r = xr[i + (3 * sm)], a3i = xi[i + (3 * sm)];
                    float a4r = xr[i + (4 * sm)], a4i = xi[i + (4 * sm)];
                    float t1r = a1r + a4r, t1i = a1i + a4i;
                    float t2r = a2r + a3r, t2i = a2i + a3i;
                    float t3r = a1r - a4r, t3i = a1i - a4i;
                    float t4r = a2r - a3r, t4i = a2i - a3i;
                    float b1r = a0r + (Cos72 * t1r) + (Cos144 * t2r), b1i = a0i + (Cos72 * t1i) + (Cos144 * t2i);
                    float b2r = a0r + (Cos144 * t1r) + (Cos72 * t2r), b2i = a0i + (Cos144 * t1i) + (Cos72 * t2i);

                    // d1 = -i(s1·t3 + s2·t4), d2 = -i(s2·t3 - s1·t4); -i(x + iy) = y - ix.
                    float e1r = (Sin72 * t3r) + (Sin144 * t4r), e1i = (Sin72 * t3i) + (Sin144 * t4i);
                    float e2r = (Sin144 * t3r) - (Sin72 * t4r), e2i = (Sin144 * t3i) - (Sin72 * t4i);
                    float d1r = e1i, d1i = -e1r, d2r = e2i, d2i = -e2r;
                    float c1r = b1r + d1r, c1i = b1i + d1i, c4r = b1r - d1r, c4i = b1i - d1i;
                    float c2r = b2r + d2r, c2i = b2i + d2i, c3r = b2r - d2r, c3i = b2i - d2i;
                    var o = o0 + q;
                    yr[o] = a0r + t1r + t2r;
                    yi[o] = a0i + t1i + t2i;
                    yr[o + s] = (c1r * w1r) - (c1i * w1i);
                    yi[o + s] = (c1r * w1i) + (c1i * w1r);
                    yr[o + (2 * s)] = (c2r * w2r) - (c2i * w2i);
                    yi[o + (2 * s)] = (c2r * w2i) + (c2i * w2r);
                    yr[o + (3 * s)] = (c3r * w3r) - (c3i * w3i);
                    yi[o + (3 * s)] = (c3r * w3i) + (c3i * w3r);
                    yr[o + (4 * s)] = (c4r * w4r) - (c4i * w4i);
                    yi[o + (4 * s)] = (c4r * w4i) + (c4i * w4r);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RadixGeneric(FftStage stage, float* xr, float* xi, float* yr, float* yi)
    {
        int r = stage.Radix, s = stage.Stride, m = stage.Count;
        var sm = (nint)s * m;
        var ar = stackalloc float[r];
        var ai = stackalloc float[r];
        fixed (float* twr = stage.TwiddleRe, twi = stage.TwiddleIm, rr = stage.RootRe, ri = stage.RootIm)
        {
            for (var p = 0; p < m; p++)
            {
                var i0 = (nint)s * p;
                var o0 = (nint)s * r * p;
                for (var q = 0; q < s; q++)
                {
                    for (var k = 0; k < r; k++)
                    {
                        ar[k] = xr[i0 + q + (k * sm)];
                        ai[k] = xi[i0 + q + (k * sm)];
                    }

                    for (var j = 0; j < r; j++)
                    {
                        float sr = 0, si = 0;
                        var t = 0;
                        for (var k = 0; k < r; k++)
                        {
                            sr += (ar[k] * rr[t]) - (ai[k] * ri[t]);
                            si += (ar[k] * ri[t]) + (ai[k] * rr[t]);
                            t += j;
                            if (t >= r)
                            {
                                t -= r;
                            }
                        }

                        var o = o0 + q + ((nint)j * s);
                        if (j == 0)
                        {
                            yr[o] = sr;
                            yi[o] = si;
                        }
                        else
                        {
                            var w = (p * (r - 1)) + j - 1;
                            yr[o] = (sr * twr[w]) - (si * twi[w]);
                            yi[o] = (sr * twi[w]) + (si * twr[w]);
                        }
                    }
                }
            }
        }
    }
}
