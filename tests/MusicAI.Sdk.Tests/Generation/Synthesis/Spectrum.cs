namespace MusicAI.Sdk.Tests.Generation.Synthesis;

/// <summary>Test-side spectral measurements (a plain radix-2 FFT in double precision; independent of src).</summary>
internal static class Spectrum
{
    /// <summary>Magnitude spectrum (bins 0 … N/2) of <paramref name="x"/> under a 4-term Blackman-Harris window (−92 dB side lobes).</summary>
    public static double[] Magnitude(ReadOnlySpan<float> x)
    {
        var n = x.Length;
        if ((n & (n - 1)) != 0)
        {
            throw new ArgumentException("Length must be a power of two.", nameof(x));
        }

        var re = new double[n];
        var im = new double[n];
        for (var i = 0; i < n; i++)
        {
            var a = 2 * Math.PI * i / n;
            var w = 0.35875 - (0.48829 * Math.Cos(a)) + (0.14128 * Math.Cos(2 * a)) - (0.01168 * Math.Cos(3 * a));
            re[i] = x[i] * w;
        }

        Fft(re, im);
        var magnitude = new double[(n / 2) + 1];
        for (var i = 0; i < magnitude.Length; i++)
        {
            magnitude[i] = Math.Sqrt((re[i] * re[i]) + (im[i] * im[i]));
        }

        return magnitude;
    }

    /// <summary>Frequency of the strongest bin, refined by parabolic interpolation of the log magnitude.</summary>
    public static double PeakFrequency(ReadOnlySpan<float> x, double sampleRate)
    {
        var m = Magnitude(x);
        var best = 1;
        for (var i = 2; i < m.Length - 1; i++)
        {
            if (m[i] > m[best])
            {
                best = i;
            }
        }

        var a = Math.Log(m[best - 1] + 1e-30);
        var b = Math.Log(m[best] + 1e-30);
        var c = Math.Log(m[best + 1] + 1e-30);
        var delta = 0.5 * (a - c) / (a - (2 * b) + c);
        return (best + delta) * sampleRate / x.Length;
    }

    /// <summary>
    /// Strongest spectral component that is not a harmonic of <paramref name="fundamental"/> (nor DC), in dB relative
    /// to the fundamental, over 0 … <paramref name="bandHz"/>. Bins within <paramref name="guardBins"/> of a harmonic
    /// (the window's main lobe) are excluded.
    /// </summary>
    public static double WorstAliasDb(ReadOnlySpan<float> x, double fundamental, double sampleRate, double bandHz, int guardBins = 10)
    {
        var m = Magnitude(x);
        var n = x.Length;
        var binHz = sampleRate / n;
        var excluded = new bool[m.Length];
        for (var i = 0; i <= guardBins && i < m.Length; i++)
        {
            excluded[i] = true;
        }

        for (var k = 1; k * fundamental < sampleRate / 2; k++)
        {
            var centre = k * fundamental / binHz;
            for (var i = (int)Math.Floor(centre - guardBins); i <= (int)Math.Ceiling(centre + guardBins); i++)
            {
                if (i >= 0 && i < m.Length)
                {
                    excluded[i] = true;
                }
            }
        }

        var fundamentalBin = (int)Math.Round(fundamental / binHz);
        var reference = 0.0;
        for (var i = fundamentalBin - 3; i <= fundamentalBin + 3; i++)
        {
            reference = Math.Max(reference, m[i]);
        }

        var worst = 1e-30;
        for (var i = 0; i < m.Length && i * binHz <= bandHz; i++)
        {
            if (!excluded[i])
            {
                worst = Math.Max(worst, m[i]);
            }
        }

        return 20 * Math.Log10(worst / reference);
    }

    /// <summary>Amplitude-weighted mean frequency (spectral centroid) in Hz.</summary>
    public static double Centroid(ReadOnlySpan<float> x, double sampleRate)
    {
        var m = Magnitude(x);
        double weighted = 0, total = 0;
        for (var i = 1; i < m.Length; i++)
        {
            weighted += m[i] * i;
            total += m[i];
        }

        return total == 0 ? 0 : weighted / total * sampleRate / x.Length;
    }

    /// <summary>Magnitude response in dB of a filter at <paramref name="hz"/>, from its impulse response.</summary>
    public static double ResponseDb(ReadOnlySpan<float> impulse, double hz, double sampleRate)
    {
        double re = 0, im = 0;
        for (var i = 0; i < impulse.Length; i++)
        {
            var a = -2 * Math.PI * hz * i / sampleRate;
            re += impulse[i] * Math.Cos(a);
            im += impulse[i] * Math.Sin(a);
        }

        return 10 * Math.Log10((re * re) + (im * im));
    }

    /// <summary>Root mean square.</summary>
    public static double Rms(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v * (double)v;
        }

        return x.IsEmpty ? 0 : Math.Sqrt(sum / x.Length);
    }

    /// <summary>Mean (DC).</summary>
    public static double Mean(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        return x.IsEmpty ? 0 : sum / x.Length;
    }

    /// <summary>Largest absolute sample.</summary>
    public static float Peak(ReadOnlySpan<float> x)
    {
        var peak = 0f;
        foreach (var v in x)
        {
            peak = Math.Max(peak, Math.Abs(v));
        }

        return peak;
    }

    /// <summary>Largest absolute difference between neighbouring samples.</summary>
    public static float MaxStep(ReadOnlySpan<float> x)
    {
        var step = 0f;
        for (var i = 1; i < x.Length; i++)
        {
            step = Math.Max(step, Math.Abs(x[i] - x[i - 1]));
        }

        return step;
    }

    private static void Fft(double[] re, double[] im)
    {
        var n = re.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (re[i], re[j]) = (re[j], re[i]);
                (im[i], im[j]) = (im[j], im[i]);
            }
        }

        for (var length = 2; length <= n; length <<= 1)
        {
            for (var start = 0; start < n; start += length)
            {
                for (var k = 0; k < length / 2; k++)
                {
                    var (s, c) = Math.SinCos(-2 * Math.PI * k / length);
                    var a = start + k;
                    var b = a + (length / 2);
                    var tr = (re[b] * c) - (im[b] * s);
                    var ti = (re[b] * s) + (im[b] * c);
                    re[b] = re[a] - tr;
                    im[b] = im[a] - ti;
                    re[a] += tr;
                    im[a] += ti;
                }
            }
        }
    }
}
