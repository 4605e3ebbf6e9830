using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Tuning, 12-bin chroma and key/mode (Krumhansl–Schmuckler correlation with key profiles).
/// </summary>
/// <remarks>
/// <para><b>Tuning.</b> The 36-bin chroma (three bins per semitone, bin 3k centred on pitch class k at A = 440 Hz)
/// summed over the input gives a circular mean over the three sub-semitone positions; its angle is the tuning
/// offset (±50 cents).</para>
/// <para><b>12-bin chroma.</b> The main chroma starts at 130 Hz (see <see cref="FeatureExtractor"/>): below it the
/// spectrum does not resolve semitones, and a loud bass smeared over its neighbours made a minor key read as its
/// subdominant. Each frame is read at positions 3k + 3·offset (linear interpolation, circular),
/// divided by its maximum, and weighted by its level (−60 dB → 0, −20 dB and above → 1) so silence and quiet tails
/// do not vote; frames are also smoothed by a 9-frame (≈ 0.8 s) median to favour sustained pitches over
/// transients.</para>
/// <para><b>Key.</b> Pearson correlation of the summed chroma with the 24 rotations of the major and minor profiles
/// (<see cref="KeyProfiles"/>), plus a bass term <see cref="BassWeight"/> × (b[tonic] + ½·b[fifth]) where b is the
/// bass-register chroma (same tuning and weighting) divided by its maximum: the tonic and dominant dominate the bass
/// line, which separates a minor key from its relative major (same pitch set). The best score wins. Confidence = correlation term ((r − 0.4)/0.4, clipped) ×
/// margin term (best minus the best other key, /0.08, clipped, square-rooted) × tonality term (how far the
/// profile is from flat: max/mean − 1 over 0.6, clipped).</para>
/// </remarks>
internal static class KeyEstimator
{
    /// <summary>The profile pair used by default (chosen by the accuracy evaluation, see docs/captioning.md).</summary>
    public const string DefaultProfile = "temperley";

    /// <summary>Weight of the bass term (chosen on the development set, docs/captioning.md).</summary>
    public const double BassWeight = 0.4;

    private const int SmoothFrames = 9;

    /// <summary>Estimates tuning, folds chroma to 12 bins per chroma frame and estimates the key.</summary>
    /// <param name="features">The frame features.</param>
    /// <param name="profileName">Key profile pair (see <see cref="KeyProfiles.Get"/>).</param>
    /// <returns>The key and the 12-bin chroma frames (frame-major, C first, each divided by its maximum).</returns>
    public static (KeyEstimate Key, float[] Chroma12) Analyze(FrameFeatures features, string profileName = DefaultProfile)
    {
        var chroma36 = CollectionsMarshal.AsSpan(features.Chroma);
        var frames = features.ChromaFrameCount;
        var (tuning, _) = EstimateTuning(chroma36, frames);
        var chroma12 = Fold(chroma36, frames, tuning);
        var levels = CollectionsMarshal.AsSpan(features.LevelDb);
        var (profile, weightSum) = Accumulate(MedianSmooth(chroma12, frames), frames, levels);
        var (bass, _) = Accumulate(Fold(CollectionsMarshal.AsSpan(features.BassChroma), frames, tuning), frames, levels);
        var bassMax = bass.Max();
        var total = profile.Sum();
        if (weightSum <= 0 || total <= 1e-9)
        {
            return (new KeyEstimate(null, false, 0, 0, tuning * 100, new double[12]), chroma12);
        }

        for (var k = 0; k < 12; k++)
        {
            profile[k] /= total;
        }

        var (major, minor) = KeyProfiles.Get(profileName);
        var scores = new double[24];
        for (var tonic = 0; tonic < 12; tonic++)
        {
            var bassTerm = bassMax > 0 ? BassWeight * (bass[tonic] + (0.5 * bass[(tonic + 7) % 12])) / bassMax : 0;
            scores[tonic] = Correlate(profile, major, tonic) + bassTerm;
            scores[12 + tonic] = Correlate(profile, minor, tonic) + bassTerm;
        }

        var best = 0;
        for (var i = 1; i < 24; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        var second = double.NegativeInfinity;
        for (var i = 0; i < 24; i++)
        {
            if (i != best)
            {
                second = Math.Max(second, scores[i]);
            }
        }

        var r = Correlate(profile, best >= 12 ? minor : major, best % 12);
        var tonality = Math.Clamp(((profile.Max() * 12) - 1) / 0.6, 0, 1);
        var correlationTerm = Math.Clamp((r - 0.4) / 0.4, 0, 1);
        var marginTerm = Math.Sqrt(Math.Clamp((scores[best] - second) / 0.08, 0, 1));
        var durationTerm = Math.Clamp(features.Duration / 10, 0, 1);
        var confidence = correlationTerm * marginTerm * tonality * durationTerm;
        return (new KeyEstimate(best % 12, best >= 12, confidence, r, tuning * 100, profile), chroma12);
    }

    /// <summary>Level-weighted sum of 12-bin chroma frames (−60 dB → 0, −20 dB → 1) and the sum of the weights.</summary>
    private static (double[] Profile, double WeightSum) Accumulate(float[] chroma12, int frames, ReadOnlySpan<float> levels)
    {
        var profile = new double[12];
        var weightSum = 0.0;
        for (var c = 0; c < frames; c++)
        {
            var frame = Math.Min(levels.Length - 1, c * AnalysisGrid.ChromaStride);
            var weight = frame < 0 ? 0 : Math.Clamp((levels[frame] + 60) / 40.0, 0, 1);
            if (weight <= 0)
            {
                continue;
            }

            for (var k = 0; k < 12; k++)
            {
                profile[k] += weight * chroma12[(c * 12) + k];
            }

            weightSum += weight;
        }

        return (profile, weightSum);
    }

    /// <summary>Pearson correlation of a chroma profile with a key profile rotated to <paramref name="tonic"/>.</summary>
    public static double Correlate(ReadOnlySpan<double> chroma, ReadOnlySpan<double> keyProfile, int tonic)
    {
        double meanX = 0, meanY = 0;
        for (var k = 0; k < 12; k++)
        {
            meanX += chroma[k];
            meanY += keyProfile[k];
        }

        meanX /= 12;
        meanY /= 12;
        double sxy = 0, sxx = 0, syy = 0;
        for (var k = 0; k < 12; k++)
        {
            var x = chroma[k] - meanX;
            var y = keyProfile[((k - tonic) % 12 + 12) % 12] - meanY;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }

        return sxx <= 0 || syy <= 0 ? 0 : sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Tuning offset in semitones (−0.5..0.5) and its strength (0–1) from 36-bin chroma.</summary>
    public static (double Semitones, double Strength) EstimateTuning(ReadOnlySpan<float> chroma36, int frames)
    {
        double re = 0, im = 0, total = 0;
        for (var c = 0; c < frames; c++)
        {
            var frame = chroma36.Slice(c * FrameFeatures.ChromaBins, FrameFeatures.ChromaBins);
            var max = TensorPrimitives.Max(frame);
            if (max <= 1e-12f)
            {
                continue;
            }

            for (var j = 0; j < FrameFeatures.ChromaBins; j++)
            {
                var weight = frame[j] / max;
                var angle = 2 * Math.PI * (j % 3) / 3;
                re += weight * Math.Cos(angle);
                im += weight * Math.Sin(angle);
                total += weight;
            }
        }

        if (total <= 0)
        {
            return (0, 0);
        }

        return (Math.Atan2(im, re) / (2 * Math.PI), Math.Sqrt((re * re) + (im * im)) / total);
    }

    /// <summary>Folds 36-bin chroma to 12 bins read at the tuned positions; each frame divided by its maximum.</summary>
    public static float[] Fold(ReadOnlySpan<float> chroma36, int frames, double tuningSemitones)
    {
        var result = new float[frames * 12];
        var shift = 3 * tuningSemitones;
        for (var c = 0; c < frames; c++)
        {
            var frame = chroma36.Slice(c * FrameFeatures.ChromaBins, FrameFeatures.ChromaBins);
            var target = result.AsSpan(c * 12, 12);
            for (var k = 0; k < 12; k++)
            {
                var position = (3 * k) + shift;
                var lower = (int)Math.Floor(position);
                var fraction = (float)(position - lower);
                var a = frame[((lower % 36) + 36) % 36];
                var b = frame[(((lower + 1) % 36) + 36) % 36];
                target[k] = a + (fraction * (b - a));
            }

            var max = TensorPrimitives.Max(target);
            if (max > 1e-12f)
            {
                TensorPrimitives.Divide(target, max, target);
            }
            else
            {
                target.Clear();
            }
        }

        return result;
    }

    private static float[] MedianSmooth(float[] chroma12, int frames)
    {
        var result = new float[chroma12.Length];
        Span<float> window = stackalloc float[SmoothFrames];
        Span<float> scratch = stackalloc float[SmoothFrames];
        for (var c = 0; c < frames; c++)
        {
            var lo = Math.Max(0, c - (SmoothFrames / 2));
            var hi = Math.Min(frames, c + (SmoothFrames / 2) + 1);
            for (var k = 0; k < 12; k++)
            {
                for (var j = lo; j < hi; j++)
                {
                    window[j - lo] = chroma12[(j * 12) + k];
                }

                result[(c * 12) + k] = SlidingMedian.Of(window[..(hi - lo)], scratch);
            }
        }

        return result;
    }
}
