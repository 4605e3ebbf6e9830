namespace MusicAI.Sdk.Tests.Audio.Resampling;

/// <summary>
/// Measures a resampler with pure tones: pass-band gain (ripple) and stop-band attenuation (aliasing for
/// downsampling, images for upsampling).
/// </summary>
internal static class ResamplerMeasurement
{
    /// <summary>A resampler under test: mono input at inputRate → output at outputRate.</summary>
    public delegate float[] Resample(float[] input, int inputRate, int outputRate);

    public sealed record Figures(double PassbandRippleDb, double WorstPassbandGainDb, double StopbandAttenuationDb, double WorstStopbandFrequency);

    /// <summary>
    /// Pass band: tones from 20 Hz to 0.9 × the lower Nyquist frequency; gain by least-squares sinusoid fit on the
    /// middle 80 % of the output. Stop band: for downsampling, tones from the output Nyquist to 0.995 × the input
    /// Nyquist, attenuation = input RMS / output RMS; for upsampling, the residual after removing the fitted tone
    /// (images above the input Nyquist) for the pass-band tones. Returns the worst case over all tones.
    /// </summary>
    public static Figures Measure(Resample resample, int inputRate, int outputRate, int tones = 24, double seconds = 0.25)
    {
        var lowerNyquist = Math.Min(inputRate, outputRate) / 2.0;
        var frames = (int)(inputRate * seconds);
        var maxGain = double.MinValue;
        var minGain = double.MaxValue;
        var worstAttenuation = double.MaxValue;
        var worstFrequency = 0.0;
        for (var t = 0; t < tones; t++)
        {
            var frequency = 20 + ((0.9 * lowerNyquist) - 20) * t / (tones - 1);
            var output = resample(Tone(frequency, inputRate, frames), inputRate, outputRate);
            var (gain, residual) = Fit(output, frequency, outputRate);
            var gainDb = 20 * Math.Log10(gain);
            maxGain = Math.Max(maxGain, gainDb);
            minGain = Math.Min(minGain, gainDb);
            if (outputRate > inputRate)
            {
                var attenuation = 20 * Math.Log10(gain / Math.Sqrt(2) / Math.Max(residual, 1e-12));
                if (attenuation < worstAttenuation)
                {
                    (worstAttenuation, worstFrequency) = (attenuation, frequency);
                }
            }
        }

        if (outputRate < inputRate)
        {
            for (var t = 0; t < tones; t++)
            {
                var frequency = (outputRate / 2.0) + ((0.995 * inputRate / 2.0) - (outputRate / 2.0)) * t / (tones - 1);
                var output = resample(Tone(frequency, inputRate, frames), inputRate, outputRate);
                var rms = Rms(Middle(output));
                var attenuation = 20 * Math.Log10(Math.Sqrt(0.5) / Math.Max(rms, 1e-12));
                if (attenuation < worstAttenuation)
                {
                    (worstAttenuation, worstFrequency) = (attenuation, frequency);
                }
            }
        }

        return new Figures(maxGain - minGain, Math.Max(Math.Abs(maxGain), Math.Abs(minGain)), worstAttenuation, worstFrequency);
    }

    public static float[] Tone(double frequency, int rate, int frames)
    {
        var x = new float[frames];
        for (var i = 0; i < frames; i++)
        {
            x[i] = (float)Math.Sin((2 * Math.PI * frequency * i / rate) + 0.3);
        }

        return x;
    }

    public static ReadOnlySpan<float> Middle(float[] output)
    {
        var skip = output.Length / 10;
        return output.AsSpan(skip, output.Length - (2 * skip));
    }

    public static double Rms(ReadOnlySpan<float> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += (double)v * v;
        }

        return Math.Sqrt(sum / Math.Max(1, x.Length));
    }

    /// <summary>Least-squares fit of a·sin + b·cos at the given frequency over the middle of the output.</summary>
    /// <returns>The fitted amplitude and the RMS of what the fit leaves.</returns>
    public static (double Gain, double ResidualRms) Fit(float[] output, double frequency, int rate)
    {
        var skip = output.Length / 10;
        var n = output.Length - (2 * skip);
        double ss = 0, cc = 0, sc = 0, ys = 0, yc = 0;
        for (var i = 0; i < n; i++)
        {
            var w = 2 * Math.PI * frequency * (i + skip) / rate;
            var s = Math.Sin(w);
            var c = Math.Cos(w);
            var y = (double)output[i + skip];
            ss += s * s;
            cc += c * c;
            sc += s * c;
            ys += y * s;
            yc += y * c;
        }

        var det = (ss * cc) - (sc * sc);
        var a = ((ys * cc) - (yc * sc)) / det;
        var b = ((yc * ss) - (ys * sc)) / det;
        var residual = 0.0;
        for (var i = 0; i < n; i++)
        {
            var w = 2 * Math.PI * frequency * (i + skip) / rate;
            var e = output[i + skip] - ((a * Math.Sin(w)) + (b * Math.Cos(w)));
            residual += e * e;
        }

        return (Math.Sqrt((a * a) + (b * b)), Math.Sqrt(residual / n));
    }
}
