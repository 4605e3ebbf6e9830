namespace MusicAI.Sdk.Tests.Dsp;

/// <summary>Slow, obviously-correct double-precision references (oracles) for the DSP tests.</summary>
internal static class DspReference
{
    /// <summary>Naive DFT, O(N²), in double precision; sign −1 is the forward transform.</summary>
    public static (double[] Re, double[] Im) Dft(ReadOnlySpan<float> re, ReadOnlySpan<float> im, int sign = -1)
    {
        var n = re.Length;
        var cos = new double[Math.Max(n, 1)];
        var sin = new double[Math.Max(n, 1)];
        for (var t = 0; t < n; t++)
        {
            cos[t] = Math.Cos(2 * Math.PI * t / n);
            sin[t] = sign * Math.Sin(2 * Math.PI * t / n);
        }

        var outRe = new double[n];
        var outIm = new double[n];
        for (var k = 0; k < n; k++)
        {
            double sr = 0, si = 0;
            long t = 0;
            for (var j = 0; j < n; j++)
            {
                sr += (re[j] * cos[t]) - (im[j] * sin[t]);
                si += (re[j] * sin[t]) + (im[j] * cos[t]);
                t += k;
                if (t >= n)
                {
                    t %= n;
                }
            }

            outRe[k] = sr;
            outIm[k] = si;
        }

        return (outRe, outIm);
    }

    /// <summary>Deterministic pseudo-random samples in [-1, 1).</summary>
    public static float[] Noise(int length, int seed)
    {
        var random = new Random(seed);
        var data = new float[length];
        for (var i = 0; i < length; i++)
        {
            data[i] = (float)((random.NextDouble() * 2) - 1);
        }

        return data;
    }

    /// <summary>max |a − b| / max |b| over complex pairs (0/0 counts as 0).</summary>
    public static double MaxRelativeError(ReadOnlySpan<float> re, ReadOnlySpan<float> im, ReadOnlySpan<double> refRe, ReadOnlySpan<double> refIm)
    {
        double maxMag = 0, maxErr = 0;
        for (var i = 0; i < refRe.Length; i++)
        {
            maxMag = Math.Max(maxMag, Math.Sqrt((refRe[i] * refRe[i]) + (refIm[i] * refIm[i])));
            var dr = re[i] - refRe[i];
            var di = im[i] - refIm[i];
            maxErr = Math.Max(maxErr, Math.Sqrt((dr * dr) + (di * di)));
        }

        return maxMag == 0 ? maxErr : maxErr / maxMag;
    }
}
