using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Section boundaries by checkerboard novelty on a self-similarity matrix of harmony and timbre, and A/B/… labels by
/// clustering the sections.
/// </summary>
/// <remarks>
/// <para><b>Units.</b> Beats when there are at least 16 and the input is at most <see cref="LongInputSeconds"/>;
/// otherwise blocks of 1 s (4 s for long inputs). Each unit gets its mean 12-bin chroma (L2-normalised) and its mean
/// MFCCs 1–12 (z-scored per coefficient over the input with the standard deviation floored at 2 dB, so near-constant
/// coefficients are not inflated into noise, then L2-normalised).</para>
/// <para><b>Novelty</b> (Foote 2000): each unit's vectors are first averaged over ±K/2 units (so the chord cycle
/// within a phrase becomes a harmonic "fingerprint" of the section), then the similarity of units i and j is the mean
/// of the cosine similarities of their chroma and MFCC vectors; a Gaussian-tapered checkerboard kernel of K units per side (16 beats, 8 × 1 s or
/// 16 × 4 s) slides along the diagonal, so only a band of the matrix is ever computed (memory is linear in the
/// input length). Boundaries are novelty peaks that are the maximum within ±K/2 units, exceed both
/// <see cref="MinimumNovelty"/> and the mean by half a standard deviation, lie at least K units from either end of
/// the input (where the kernel is truncated) and at least 6 s (30 s for long inputs) from the previous boundary.</para>
/// <para><b>Labels.</b> Sections are taken in order; each joins the label of the most similar earlier label
/// prototype (its first section) when that similarity is at least <see cref="SameLabelSimilarity"/>, otherwise it
/// starts a new label. Similarity = mean of the cosine of the sections' mean chroma and exp(−2 × mean squared
/// difference of their mean z-scored MFCCs).</para>
/// </remarks>
internal static class SectionSegmenter
{
    /// <summary>Inputs longer than this are segmented on 4 s blocks (DJ mixes, long recordings).</summary>
    public const double LongInputSeconds = 20 * 60;

    /// <summary>Similarity at or above which two sections share a label.</summary>
    public const double SameLabelSimilarity = 0.8;

    /// <summary>Smallest novelty (in cosine-similarity units) that can be a boundary; repeated material stays below ≈ 0.1.</summary>
    public const double MinimumNovelty = 0.12;

    /// <summary>Segments the input.</summary>
    /// <param name="features">Frame features.</param>
    /// <param name="beats">Beat frames.</param>
    /// <param name="chroma12">12-bin chroma frames from <see cref="KeyEstimator"/>.</param>
    /// <returns>Sections covering every frame, in order (one section when nothing changes).</returns>
    public static List<SectionEstimate> Analyze(FrameFeatures features, int[] beats, float[] chroma12)
    {
        var frames = features.FrameCount;
        if (frames == 0)
        {
            return [];
        }

        var duration = frames / AnalysisGrid.FrameRate;
        var longInput = duration > LongInputSeconds;
        int[] bounds;
        int kernel;
        double minimumSeconds;
        if (!longInput && beats.Length >= 16)
        {
            bounds = [0, .. beats.Where(b => b > 0 && b < frames), frames];
            kernel = 16;
            minimumSeconds = 6;
        }
        else
        {
            var block = longInput ? 4.0 : 1.0;
            var step = Math.Max(1, (int)Math.Round(block * AnalysisGrid.FrameRate));
            bounds = [.. Enumerable.Range(0, (frames + step - 1) / step).Select(i => i * step), frames];
            kernel = longInput ? 16 : 8;
            minimumSeconds = longInput ? 30 : 6;
        }

        var units = bounds.Length - 1;
        if (units < 4)
        {
            return [new SectionEstimate(0, frames, 0, 0)];
        }

        var (chroma, mfcc, timbre) = UnitFeatures(features, chroma12, bounds);
        chroma = Smooth(chroma, units, kernel / 4);
        mfcc = Smooth(mfcc, units, kernel / 4);
        var novelty = Novelty(chroma, mfcc, units, kernel);
        var boundaries = PickPeaks(novelty, bounds, kernel, minimumSeconds);

        // Sections and their mean features.
        var starts = new List<int> { 0 };
        starts.AddRange(boundaries.Select(b => b.Unit));
        var sections = new List<SectionEstimate>();
        var prototypes = new List<(double[] Chroma, double[] Timbre)>();
        var overall = boundaries.Count == 0 ? 0 : boundaries.Average(b => b.Strength);
        for (var s = 0; s < starts.Count; s++)
        {
            var from = starts[s];
            var to = s + 1 < starts.Count ? starts[s + 1] : units;
            var meanChroma = Mean(chroma, 12, from, to);
            var meanTimbre = Mean(timbre, 12, from, to);
            var label = -1;
            var bestSimilarity = double.NegativeInfinity;
            for (var p = 0; p < prototypes.Count; p++)
            {
                var similarity = 0.5 * (VectorMath.Cosine(meanChroma, prototypes[p].Chroma, ifZero: 0) + TimbreSimilarity(meanTimbre, prototypes[p].Timbre));
                if (similarity > bestSimilarity)
                {
                    (bestSimilarity, label) = (similarity, p);
                }
            }

            if (label < 0 || bestSimilarity < SameLabelSimilarity)
            {
                label = prototypes.Count;
                prototypes.Add((meanChroma, meanTimbre));
            }

            var confidence = s == 0 ? overall : boundaries[s - 1].Strength;
            sections.Add(new SectionEstimate(bounds[from], bounds[to], label, confidence));
        }

        return sections;
    }

    /// <summary>Per unit: L2-normalised chroma, L2-normalised z-scored MFCCs (for novelty), z-scored MFCCs (for labels).</summary>
    private static (float[] Chroma, float[] Mfcc, float[] Timbre) UnitFeatures(FrameFeatures features, float[] chroma12, int[] bounds)
    {
        var units = bounds.Length - 1;
        var chroma = new float[units * 12];
        var mfcc = new float[units * 12];
        var allMfcc = CollectionsMarshal.AsSpan(features.Mfcc);
        var chromaFrames = chroma12.Length / 12;
        for (var u = 0; u < units; u++)
        {
            var (from, to) = (bounds[u], Math.Max(bounds[u] + 1, bounds[u + 1]));
            for (var t = from; t < to && t < features.FrameCount; t++)
            {
                for (var k = 1; k <= 12; k++)
                {
                    mfcc[(u * 12) + k - 1] += allMfcc[(t * FrameFeatures.MfccCount) + k];
                }
            }

            var count = Math.Max(1, Math.Min(to, features.FrameCount) - from);
            for (var k = 0; k < 12; k++)
            {
                mfcc[(u * 12) + k] /= count;
            }

            var c0 = Math.Min(chromaFrames - 1, from / AnalysisGrid.ChromaStride);
            var c1 = Math.Min(chromaFrames - 1, Math.Max(c0, (to - 1) / AnalysisGrid.ChromaStride));
            for (var c = Math.Max(0, c0); c <= c1 && chromaFrames > 0; c++)
            {
                for (var k = 0; k < 12; k++)
                {
                    chroma[(u * 12) + k] += chroma12[(c * 12) + k];
                }
            }

            Normalize(chroma.AsSpan(u * 12, 12));
        }

        // z-score each coefficient over the input, then L2-normalise each unit.
        for (var k = 0; k < 12; k++)
        {
            double mean = 0, square = 0;
            for (var u = 0; u < units; u++)
            {
                mean += mfcc[(u * 12) + k];
            }

            mean /= units;
            for (var u = 0; u < units; u++)
            {
                square += Math.Pow(mfcc[(u * 12) + k] - mean, 2);
            }

            var std = Math.Max(2.0, Math.Sqrt(square / units));
            for (var u = 0; u < units; u++)
            {
                mfcc[(u * 12) + k] = std > 1e-6 ? (float)((mfcc[(u * 12) + k] - mean) / std) : 0f;
            }
        }

        var timbre = (float[])mfcc.Clone();
        for (var u = 0; u < units; u++)
        {
            Normalize(mfcc.AsSpan(u * 12, 12));
        }

        return (chroma, mfcc, timbre);
    }

    private static float[] Novelty(float[] chroma, float[] mfcc, int units, int kernel)
    {
        var taper = new double[2 * kernel];
        for (var a = 0; a < 2 * kernel; a++)
        {
            var x = (a - kernel + 0.5) / (kernel / 2.0);
            taper[a] = Math.Exp(-0.5 * x * x);
        }

        var novelty = new float[units];
        for (var i = 0; i < units; i++)
        {
            double sum = 0, weights = 0;
            for (var a = -kernel; a < kernel; a++)
            {
                var u = i + a;
                if (u < 0 || u >= units)
                {
                    continue;
                }

                for (var b = -kernel; b < kernel; b++)
                {
                    var v = i + b;
                    if (v < 0 || v >= units || v == u)
                    {
                        continue;
                    }

                    var weight = taper[a + kernel] * taper[b + kernel];
                    var sign = (a < 0) == (b < 0) ? 1 : -1;
                    var similarity = 0.5 * (Dot(chroma, u, v) + Dot(mfcc, u, v));
                    sum += sign * weight * similarity;
                    weights += weight;
                }
            }

            novelty[i] = weights > 0 ? (float)(sum / weights) : 0f;
        }

        return novelty;
    }

    /// <summary>Moving average of ±<paramref name="half"/> units of each 12-dimensional vector, re-normalised.</summary>
    private static float[] Smooth(float[] values, int units, int half)
    {
        var result = new float[values.Length];
        for (var u = 0; u < units; u++)
        {
            var target = result.AsSpan(u * 12, 12);
            for (var v = Math.Max(0, u - half); v <= Math.Min(units - 1, u + half); v++)
            {
                System.Numerics.Tensors.TensorPrimitives.Add(target, values.AsSpan(v * 12, 12), target);
            }

            Normalize(target);
        }

        return result;
    }

    private static List<(int Unit, double Strength)> PickPeaks(float[] novelty, int[] bounds, int kernel, double minimumSeconds)
    {
        var units = novelty.Length;
        var mean = novelty.Average(v => (double)v);
        var std = Math.Sqrt(novelty.Average(v => (v - mean) * (v - mean)));
        var max = novelty.Max();
        var threshold = Math.Max(MinimumNovelty, mean + (0.5 * std));
        var minimumFrames = minimumSeconds * AnalysisGrid.FrameRate;
        var peaks = new List<(int Unit, double Strength)>();
        var half = Math.Max(1, kernel / 2);
        for (var i = kernel; i < units - kernel; i++)
        {
            if (novelty[i] <= threshold || novelty[i] <= 0)
            {
                continue;
            }

            var isMax = true;
            for (var j = Math.Max(0, i - half); j <= Math.Min(units - 1, i + half) && isMax; j++)
            {
                isMax = novelty[j] < novelty[i] || (novelty[j] == novelty[i] && j >= i);
            }

            if (!isMax)
            {
                continue;
            }

            var previous = peaks.Count == 0 ? 0 : bounds[peaks[^1].Unit];
            if (bounds[i] - previous < minimumFrames || bounds[units] - bounds[i] < minimumFrames / 2)
            {
                continue;
            }

            var strength = max - mean > 1e-9 ? Math.Clamp((novelty[i] - mean) / (max - mean), 0, 1) : 0;
            peaks.Add((i, strength));
        }

        return peaks;
    }

    private static double[] Mean(float[] values, int width, int from, int to)
    {
        var mean = new double[width];
        for (var u = from; u < to; u++)
        {
            for (var k = 0; k < width; k++)
            {
                mean[k] += values[(u * width) + k];
            }
        }

        for (var k = 0; k < width; k++)
        {
            mean[k] /= Math.Max(1, to - from);
        }

        return mean;
    }

    /// <summary>exp(−2 × mean squared difference) of z-scored MFCC means: 1 for the same timbre, ≈ 0.14 one standard deviation apart.</summary>
    private static double TimbreSimilarity(double[] a, double[] b)
    {
        double sum = 0;
        for (var k = 0; k < a.Length; k++)
        {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }

        return Math.Exp(-2 * sum / a.Length);
    }

    private static double Dot(float[] values, int u, int v)
    {
        double sum = 0;
        for (var k = 0; k < 12; k++)
        {
            sum += values[(u * 12) + k] * values[(v * 12) + k];
        }

        return sum;
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = MathF.Sqrt(System.Numerics.Tensors.TensorPrimitives.Dot(vector, vector));
        if (norm > 1e-9f)
        {
            System.Numerics.Tensors.TensorPrimitives.Divide(vector, norm, vector);
        }
    }
}
