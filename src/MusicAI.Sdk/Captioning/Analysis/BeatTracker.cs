using System.Numerics.Tensors;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Dynamic-programming beat tracking (Ellis, "Beat Tracking by Dynamic Programming", JNMR 2007), with a period that
/// may change over time (long inputs whose tempo drifts or changes).
/// </summary>
/// <remarks>
/// <para>The envelope is divided by its standard deviation. Each frame's cumulative score is its onset strength plus
/// the best predecessor score minus <c>tightness·(ln(Δ/P))²</c> for Δ in [P/2, 2P], where P is the period at that
/// frame. The last beat is the best-scoring frame of the final period (among frames whose cumulative score is at
/// least half the median of all local maxima, as librosa does); beats are followed back from it. Leading and
/// trailing beats weaker than half the root-mean-square beat strength are dropped (silence before and after the
/// music).</para>
/// </remarks>
internal static class BeatTracker
{
    /// <summary>How strongly beat intervals are held to the period (librosa's default).</summary>
    public const double DefaultTightness = 100;

    /// <summary>Tracks beats.</summary>
    /// <param name="onset">The onset envelope.</param>
    /// <param name="period">The beat period in frames at each frame (same length as <paramref name="onset"/>).</param>
    /// <param name="tightness">Penalty weight of tempo deviations.</param>
    /// <returns>Beat frames in increasing order (empty when the envelope is flat).</returns>
    public static int[] Track(ReadOnlySpan<float> onset, ReadOnlySpan<float> period, double tightness = DefaultTightness)
    {
        var n = onset.Length;
        if (n < 4)
        {
            return [];
        }

        var std = Math.Sqrt(Math.Max(0, (TensorPrimitives.Dot(onset, onset) / n) - Math.Pow(TensorPrimitives.Sum(onset) / n, 2)));
        if (std < 1e-6)
        {
            return [];
        }

        var local = new double[n];
        for (var t = 0; t < n; t++)
        {
            local[t] = onset[t] / std;
        }

        var score = new double[n];
        var back = new int[n];
        for (var t = 0; t < n; t++)
        {
            var p = period[t];
            var from = t - (int)Math.Round(2 * p);
            var to = t - (int)Math.Round(p / 2);
            var best = double.NegativeInfinity;
            var link = -1;
            for (var s = Math.Max(0, from); s <= to; s++)
            {
                var logRatio = Math.Log((t - s) / p);
                var candidate = score[s] - (tightness * logRatio * logRatio);
                if (candidate > best)
                {
                    best = candidate;
                    link = s;
                }
            }

            score[t] = local[t] + (link >= 0 ? Math.Max(best, 0) : 0);
            back[t] = link >= 0 && best > 0 ? link : -1;
        }

        var last = LastBeat(score, (int)Math.Round(period[n - 1]));
        var beats = new List<int>();
        for (var t = last; t >= 0; t = back[t])
        {
            beats.Add(t);
        }

        beats.Reverse();
        return Trim(beats, local);
    }

    private static int LastBeat(double[] score, int lastPeriod)
    {
        var maxima = new List<double>();
        for (var t = 1; t < score.Length - 1; t++)
        {
            if (score[t] > score[t - 1] && score[t] >= score[t + 1])
            {
                maxima.Add(score[t]);
            }
        }

        maxima.Sort();
        var threshold = maxima.Count == 0 ? 0 : 0.5 * maxima[maxima.Count / 2];
        var start = Math.Max(0, score.Length - Math.Max(1, lastPeriod));
        var best = -1;
        for (var t = start; t < score.Length; t++)
        {
            if (IsMaximum(score, t) && score[t] >= threshold && (best < 0 || score[t] > score[best]))
            {
                best = t;
            }
        }

        for (var t = score.Length - 1; best < 0 && t >= 0; t--)
        {
            if (IsMaximum(score, t) && score[t] >= threshold)
            {
                best = t;
            }
        }

        return Math.Max(best, 0);
    }

    private static bool IsMaximum(double[] score, int t) =>
        (t == 0 || score[t] > score[t - 1]) && (t == score.Length - 1 || score[t] >= score[t + 1]);

    private static int[] Trim(List<int> beats, double[] local)
    {
        if (beats.Count == 0)
        {
            return [];
        }

        var rms = Math.Sqrt(beats.Average(b => local[b] * local[b]));
        var threshold = 0.5 * rms;
        var first = 0;
        while (first < beats.Count && local[beats[first]] < threshold)
        {
            first++;
        }

        var last = beats.Count - 1;
        while (last >= first && local[beats[last]] < threshold)
        {
            last--;
        }

        return first > last ? [] : [.. beats.GetRange(first, last - first + 1)];
    }
}
