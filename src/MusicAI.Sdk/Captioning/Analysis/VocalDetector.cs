using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// A light, model-free vocal-presence estimate: a logistic score per frame from two cues that separate a voice from
/// instruments, smoothed over one second.
/// </summary>
/// <remarks>
/// <para>Cues per frame:
/// <list type="bullet">
/// <item><b>Pitch fluctuation</b>: the frame-to-frame shift (cents) that best aligns consecutive log-frequency
/// spectra (<see cref="FrameFeatures.Fluctuation"/>) times its correlation, averaged over ±0.25 s. Voices glide and
/// carry vibrato; keyboards, most synthesizers and sampled instruments hold a steady pitch (the idea of Lehner et al.'s
/// fluctogram).</item>
/// <item><b>Timbre variance</b>: log10(1 + mean variance of MFCCs 1–5 over ±0.5 s): vowels and consonants change the
/// spectral envelope quickly (Lehner et al.'s "vocal variance").</item>
/// </list>
/// <c>p = 1 / (1 + exp(−(w0 + w1·fluctuation + w2·variance)))</c> with the weights in <see cref="Weights"/>, fitted by
/// logistic regression on a small labelled set (a real a-cappella clip, espeak-ng speech, synthesized instrumentals)
/// and halved to keep probabilities graded; see docs/captioning.md. It is a heuristic — instruments played with
/// vibrato or bends (violin, saxophone, guitar) also score — so its confidence is capped at
/// <see cref="MaxConfidence"/>. Frames more than 50 dB below the loudest part are silence and do not count.</para>
/// </remarks>
internal static class VocalDetector
{
    /// <summary>Largest confidence this detector reports.</summary>
    public const double MaxConfidence = 0.7;

    /// <summary>Share of sung time from which vocals are reported present.</summary>
    public const double PresenceFraction = 0.15;

    /// <summary>Bias and weights of the logistic score: bias, fluctuation (per cent), log10 timbre variance.</summary>
    internal static ReadOnlySpan<double> Weights => [-9.0, 1.75, 2.1];

    private const int SmoothFrames = 43;
    private const int VarianceHalf = 21;
    private const int FluctuationHalf = 10;

    /// <summary>Estimates vocal presence.</summary>
    public static VocalEstimate Analyze(FrameFeatures features)
    {
        var n = features.FrameCount;
        var probability = new float[n];
        if (n == 0)
        {
            return new VocalEstimate(0, 0, null, null, null, 0, 0, probability);
        }

        var level = CollectionsMarshal.AsSpan(features.LevelDb);
        var maxLevel = Max(level);
        var active = new bool[n];
        var activeCount = 0;
        for (var t = 0; t < n; t++)
        {
            active[t] = level[t] > Math.Max(maxLevel - 50, -80);
            activeCount += active[t] ? 1 : 0;
        }

        var raw = new double[n];
        Span<double> cues = stackalloc double[2];
        for (var t = 0; t < n; t++)
        {
            if (!active[t])
            {
                continue;
            }

            Cues(features, t, cues);
            var z = Weights[0];
            for (var c = 0; c < cues.Length; c++)
            {
                z += Weights[c + 1] * cues[c];
            }

            raw[t] = 1 / (1 + Math.Exp(-z));
        }

        // One-second moving average (silent frames count as 0 so voice does not bleed into silence).
        double running = 0;
        for (var t = 0; t < n + (SmoothFrames / 2); t++)
        {
            if (t < n)
            {
                running += raw[t];
            }

            if (t - SmoothFrames >= 0)
            {
                running -= raw[t - SmoothFrames];
            }

            var center = t - (SmoothFrames / 2);
            if (center >= 0 && center < n)
            {
                var count = Math.Min(t, n - 1) - Math.Max(0, t - SmoothFrames + 1) + 1;
                probability[center] = active[center] ? (float)(running / count) : 0f;
            }
        }

        if (activeCount == 0)
        {
            return new VocalEstimate(0, 0, null, null, null, 0, 0, probability);
        }

        double sum = 0;
        var sung = 0;
        var pitches = new List<float>();
        double harmonic = 0;
        var pitch = CollectionsMarshal.AsSpan(features.Pitch);
        var salience = CollectionsMarshal.AsSpan(features.PitchSalience);
        for (var t = 0; t < n; t++)
        {
            if (!active[t])
            {
                continue;
            }

            sum += probability[t];
            if (probability[t] >= 0.5f)
            {
                sung++;
                harmonic += features.HarmonicShare[t];
                if (salience[t] > 0.15f && pitch[t] > 0)
                {
                    pitches.Add(pitch[t]);
                }
            }
        }

        var mean = sum / activeCount;
        var fraction = sung / (double)activeCount;
        pitches.Sort();
        var hasPitch = pitches.Count >= (int)(3 * AnalysisGrid.FrameRate);
        var duration = activeCount / AnalysisGrid.FrameRate;
        var decisiveness = Math.Clamp(Math.Abs(fraction - PresenceFraction) / PresenceFraction, 0, 1);
        var confidence = MaxConfidence * decisiveness * Math.Clamp(duration / 10, 0, 1);
        return new VocalEstimate(
            mean,
            fraction,
            hasPitch ? pitches[pitches.Count / 2] : null,
            hasPitch ? pitches[pitches.Count / 10] : null,
            hasPitch ? pitches[pitches.Count * 9 / 10] : null,
            sung == 0 ? 0 : harmonic / sung,
            confidence,
            probability);
    }

    /// <summary>The two cues of frame <paramref name="t"/>: mean fluctuation × correlation over ±0.25 s (cents), log10(1 + timbre variance).</summary>
    internal static void Cues(FrameFeatures features, int t, Span<double> destination)
    {
        var from = Math.Max(0, t - FluctuationHalf);
        var to = Math.Min(features.FrameCount - 1, t + FluctuationHalf);
        double sum = 0;
        for (var j = from; j <= to; j++)
        {
            sum += features.Fluctuation[j] * features.FluctuationCorrelation[j];
        }

        destination[0] = sum / ((2 * FluctuationHalf) + 1);
        destination[1] = Math.Log10(1 + TimbreVariance(features, t));
    }

    /// <summary>Mean variance of MFCCs 1–5 over ±0.5 s around frame <paramref name="t"/>.</summary>
    internal static double TimbreVariance(FrameFeatures features, int t)
    {
        var mfcc = CollectionsMarshal.AsSpan(features.Mfcc);
        var from = Math.Max(0, t - VarianceHalf);
        var to = Math.Min(features.FrameCount - 1, t + VarianceHalf);
        var count = to - from + 1;
        double total = 0;
        for (var k = 1; k <= 5; k++)
        {
            double sum = 0, square = 0;
            for (var j = from; j <= to; j++)
            {
                var value = mfcc[(j * FrameFeatures.MfccCount) + k];
                sum += value;
                square += value * value;
            }

            var mean = sum / count;
            total += Math.Max(0, (square / count) - (mean * mean));
        }

        return total / 5;
    }

    private static float Max(ReadOnlySpan<float> values)
    {
        var max = float.NegativeInfinity;
        foreach (var v in values)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
