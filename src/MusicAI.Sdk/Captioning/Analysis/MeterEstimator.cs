using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Meter (3 or 4 beats per bar) and downbeats from beat-synchronous evidence.
/// </summary>
/// <remarks>
/// <para>Per beat i: harmonic change h = 1 − cos(chroma of beat i−1, chroma of beat i) (chords change at bar lines),
/// low-band accent l (the largest low-band onset within ±2 frames: kick drums and bass notes mark downbeats) and
/// full-band accent a; each sequence is z-scored. The bar-line evidence is e = h + 0.7·l + 0.3·a.</para>
/// <para>For m ∈ {3, 4} and each phase φ, d(m, φ) = mean of e at beats ≡ φ (mod m) minus the mean at the other beats;
/// D(m) is the best phase's d. Bar-level periodicity P(m) = mean autocorrelation of e at lags m and 2m. The meter
/// with the larger D + P wins; confidence = clip(|difference| / 0.6) × clip(D / 0.8) × clip(beats / 32). The
/// downbeats are the beats at the best phase.</para>
/// </remarks>
internal static class MeterEstimator
{
    /// <summary>Estimates the meter from beats, onset envelopes and 12-bin chroma frames.</summary>
    public static MeterEstimate Analyze(FrameFeatures features, int[] beats, float[] chroma12)
    {
        if (beats.Length < 8)
        {
            return new MeterEstimate(null, 0, []);
        }

        var onset = CollectionsMarshal.AsSpan(features.Onset);
        var low = CollectionsMarshal.AsSpan(features.OnsetLow);
        var chromaFrames = chroma12.Length / 12;
        var n = beats.Length;
        var change = new double[n];
        var lowAccent = new double[n];
        var accent = new double[n];
        var previous = new double[12];
        var current = new double[12];
        for (var i = 0; i < n; i++)
        {
            var end = i + 1 < n ? beats[i + 1] : beats[i] + (beats[i] - beats[i - 1]);
            BeatChroma(chroma12, chromaFrames, beats[i], end, current);
            change[i] = i == 0 ? 0 : 1 - VectorMath.Cosine(previous, current, ifZero: 1);
            (previous, current) = (current, previous);
            lowAccent[i] = Max(low, beats[i] - 2, beats[i] + 2);
            accent[i] = Max(onset, beats[i] - 2, beats[i] + 2);
        }

        change[0] = change.Skip(1).Average();
        ZScore(change);
        ZScore(lowAccent);
        ZScore(accent);
        var evidence = new double[n];
        for (var i = 0; i < n; i++)
        {
            evidence[i] = change[i] + (0.7 * lowAccent[i]) + (0.3 * accent[i]);
        }

        var (d3, phase3) = BestPhase(evidence, 3);
        var (d4, phase4) = BestPhase(evidence, 4);
        var p3 = (Autocorrelation(evidence, 3) + Autocorrelation(evidence, 6)) / 2;
        var p4 = (Autocorrelation(evidence, 4) + Autocorrelation(evidence, 8)) / 2;
        var score3 = d3 + p3;
        var score4 = d4 + p4;
        var (meter, phase, d) = score3 > score4 ? (3, phase3, d3) : (4, phase4, d4);
        var confidence = Math.Clamp(Math.Abs(score4 - score3) / 0.6, 0, 1) * Math.Clamp(d / 0.8, 0, 1) * Math.Clamp(n / 32.0, 0, 1);
        var downbeats = Enumerable.Range(0, n).Where(i => i % meter == phase).ToArray();
        return new MeterEstimate(meter, confidence, downbeats);
    }

    private static void BeatChroma(float[] chroma12, int chromaFrames, int from, int to, double[] destination)
    {
        Array.Clear(destination);
        var first = Math.Max(0, from / AnalysisGrid.ChromaStride);
        var last = Math.Min(chromaFrames - 1, Math.Max(first, (to / AnalysisGrid.ChromaStride) - 1));
        for (var c = first; c <= last; c++)
        {
            for (var k = 0; k < 12; k++)
            {
                destination[k] += chroma12[(c * 12) + k];
            }
        }
    }

    private static double Max(ReadOnlySpan<float> values, int from, int to)
    {
        var best = 0f;
        for (var t = Math.Max(0, from); t <= Math.Min(values.Length - 1, to); t++)
        {
            best = Math.Max(best, values[t]);
        }

        return best;
    }

    private static void ZScore(double[] values)
    {
        var mean = values.Average();
        var std = Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = std > 1e-9 ? (values[i] - mean) / std : 0;
        }
    }

    private static (double Contrast, int Phase) BestPhase(double[] evidence, int meter)
    {
        var best = (Contrast: double.NegativeInfinity, Phase: 0);
        for (var phase = 0; phase < meter; phase++)
        {
            double inPhase = 0, outPhase = 0;
            int inCount = 0, outCount = 0;
            for (var i = 0; i < evidence.Length; i++)
            {
                if (i % meter == phase)
                {
                    inPhase += evidence[i];
                    inCount++;
                }
                else
                {
                    outPhase += evidence[i];
                    outCount++;
                }
            }

            var contrast = (inPhase / Math.Max(1, inCount)) - (outPhase / Math.Max(1, outCount));
            if (contrast > best.Contrast)
            {
                best = (contrast, phase);
            }
        }

        return best;
    }

    private static double Autocorrelation(double[] values, int lag)
    {
        if (values.Length <= lag + 2)
        {
            return 0;
        }

        double sum = 0, energy = 0;
        for (var i = 0; i < values.Length; i++)
        {
            energy += values[i] * values[i];
            if (i + lag < values.Length)
            {
                sum += values[i] * values[i + lag];
            }
        }

        return energy <= 0 ? 0 : sum / energy;
    }
}
