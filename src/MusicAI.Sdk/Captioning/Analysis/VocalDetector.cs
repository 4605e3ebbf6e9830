using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// A light, model-free vocal-presence estimate: a logistic score per frame from cues that separate a voice from
/// instruments, smoothed over one second.
/// </summary>
/// <remarks>
/// <para>Cues per frame (each scaled to about 0–1):
/// <list type="bullet">
/// <item><b>Pitch fluctuation</b> (<see cref="FrameFeatures.Fluctuation"/> × its correlation): voices glide and carry
/// vibrato; keyboards, most synths and sampled instruments hold a steady pitch (Lehner et al.'s fluctogram
/// idea).</item>
/// <item><b>Timbre variance</b>: variance of MFCCs 1–5 over ±0.5 s (vowels and consonants change the envelope
/// quickly; Lehner et al.'s "vocal variance").</item>
/// <item><b>Harmonic share</b> and <b>low flatness</b> in 300–6000 Hz (voiced sound is harmonic).</item>
/// <item><b>Pitch salience</b> (a predominant harmonic series stands out).</item>
/// </list>
/// The weights in <see cref="Weights"/> were set on a small labelled set (a real a-cappella clip, espeak-ng speech,
/// synthesized instrumentals and their mixes; see docs/captioning.md): it is a heuristic, so its confidence is capped
/// at <see cref="MaxConfidence"/>. Frames more than 50 dB below the loudest part are silence and do not count.</para>
/// </remarks>
internal static class VocalDetector
{
    /// <summary>Largest confidence this detector reports.</summary>
    public const double MaxConfidence = 0.7;

    /// <summary>Share of sung time from which vocals are reported present.</summary>
    public const double PresenceFraction = 0.15;

    /// <summary>Bias and weights of the logistic score: bias, fluctuation, timbre variance, harmonic share, tonality, salience.</summary>
    internal static ReadOnlySpan<double> Weights => [-4.0, 3.0, 2.5, 1.5, 1.0, 1.5];

    private const int SmoothFrames = 43;
    private const int VarianceHalf = 21;

    /// <summary>Estimates vocal presence.</summary>
    public static VocalEstimate Analyze(FrameFeatures features)
    {
        var n = features.FrameCount;
        var probability = new float[n];
        if (n == 0)
        {
            return new VocalEstimate(0, 0, null, null, null, 0, probability);
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
        var cues = new double[5];
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
            return new VocalEstimate(0, 0, null, null, null, 0, probability);
        }

        double sum = 0;
        var sung = 0;
        var pitches = new List<float>();
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
        var decisiveness = Math.Clamp(Math.Abs(fraction - PresenceFraction) / 0.25, 0, 1);
        var confidence = MaxConfidence * decisiveness * Math.Clamp(duration / 10, 0, 1);
        return new VocalEstimate(
            mean,
            fraction,
            hasPitch ? pitches[pitches.Count / 2] : null,
            hasPitch ? pitches[pitches.Count / 10] : null,
            hasPitch ? pitches[pitches.Count * 9 / 10] : null,
            confidence,
            probability);
    }

    /// <summary>The five cues of frame <paramref name="t"/>, each scaled to about 0–1.</summary>
    internal static void Cues(FrameFeatures features, int t, Span<double> destination)
    {
        var fluctuation = features.Fluctuation[t] * features.FluctuationCorrelation[t];
        destination[0] = Math.Clamp(fluctuation / 20.0, 0, 1.5);
        destination[1] = Math.Clamp(TimbreVariance(features, t) / 60.0, 0, 1.5);
        destination[2] = features.HarmonicShare[t];
        destination[3] = 1 - features.Flatness[t];
        destination[4] = Math.Clamp(features.PitchSalience[t] / 0.3, 0, 1.5);
    }

    private static double TimbreVariance(FrameFeatures features, int t)
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
