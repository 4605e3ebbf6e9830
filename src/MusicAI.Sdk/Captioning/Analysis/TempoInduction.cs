using System.Numerics.Tensors;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Tempo induction from an onset-strength envelope: windowed autocorrelation (an autocorrelation tempogram), a
/// harmonically enhanced salience over tempo, and a log-Gaussian tempo prior.
/// </summary>
/// <remarks>
/// <para>Windows of <see cref="WindowFrames"/> frames (≈ 8.9 s) every <see cref="WindowHop"/> frames (≈ 1.5 s): the
/// envelope minus its window mean, Hann-weighted, autocorrelated up to <see cref="MaxLag"/> and divided by lag 0.
/// Averaging the windows gives A(ℓ) (librosa's <c>tempogram</c> + mean aggregation).</para>
/// <para>Salience of a tempo with period ℓ = 60·fps/bpm frames: <c>S(bpm) = A(ℓ) + ½·A(2ℓ) + ¼·A(4ℓ)</c>, negative
/// values clipped (Percival and Tzanetakis' harmonic enhancement, which favours periods whose multiples are periodic
/// too, i.e. metrical levels, over accidental peaks). The prior is a log-Gaussian centred at
/// <see cref="PriorCenterBpm"/> with a standard deviation of <see cref="PriorOctaves"/> octaves.</para>
/// </remarks>
internal static class TempoInduction
{
    /// <summary>Autocorrelation window in frames (≈ 8.9 s).</summary>
    public const int WindowFrames = 384;

    /// <summary>Hop between autocorrelation windows in frames.</summary>
    public const int WindowHop = 64;

    /// <summary>Lowest tempo considered.</summary>
    public const double MinBpm = 40;

    /// <summary>Highest tempo considered.</summary>
    public const double MaxBpm = 240;

    /// <summary>Centre of the tempo prior.</summary>
    public const double PriorCenterBpm = 110;

    /// <summary>Standard deviation of the tempo prior in octaves.</summary>
    public const double PriorOctaves = 0.9;

    /// <summary>Steps per octave of the tempo grid.</summary>
    public const int GridPerOctave = 120;

    /// <summary>Longest lag needed: four periods of the slowest tempo.</summary>
    public static int MaxLag => (int)Math.Ceiling(4 * 60 * AnalysisGrid.FrameRate / MinBpm) + 2;

    /// <summary>Number of points of the tempo grid from <see cref="MinBpm"/> to <see cref="MaxBpm"/>.</summary>
    public static int GridSize => (int)Math.Round(Math.Log2(MaxBpm / MinBpm) * GridPerOctave) + 1;

    /// <summary>Tempo of grid point <paramref name="index"/>.</summary>
    public static double GridBpm(double index) => MinBpm * Math.Pow(2, index / GridPerOctave);

    /// <summary>Log-Gaussian prior weight of a tempo (1 at the centre).</summary>
    public static double Prior(double bpm)
    {
        var octaves = Math.Log2(bpm / PriorCenterBpm) / PriorOctaves;
        return Math.Exp(-0.5 * octaves * octaves);
    }

    /// <summary>
    /// Mean normalised autocorrelation of the envelope frames [<paramref name="start"/>, <paramref name="end"/>).
    /// </summary>
    /// <param name="onset">The onset envelope.</param>
    /// <param name="start">First frame.</param>
    /// <param name="end">One past the last frame.</param>
    /// <param name="destination">A(ℓ) for ℓ = 0..<see cref="MaxLag"/>; zeros when no window has energy.</param>
    /// <returns>The number of windows that contributed.</returns>
    public static int Autocorrelation(ReadOnlySpan<float> onset, int start, int end, Span<float> destination)
    {
        var lags = MaxLag + 1;
        var acf = destination[..lags];
        acf.Clear();
        var length = end - start;
        if (length < 32)
        {
            return 0;
        }

        var windowLength = Math.Min(WindowFrames, length);
        Span<float> window = new float[windowLength];
        Span<float> taper = new float[windowLength];
        for (var i = 0; i < windowLength; i++)
        {
            taper[i] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * (i + 0.5) / windowLength)));
        }

        Span<float> single = new float[lags];
        var windows = 0;
        var lastStart = end - windowLength;
        var regular = ((lastStart - start) / WindowHop) + 1;
        for (var k = 0; k <= regular; k++)
        {
            // Windows every hop, plus one that ends exactly at the end so the tail counts too.
            var s = k < regular ? start + (k * WindowHop) : lastStart;
            if (k == regular && start + ((regular - 1) * WindowHop) == lastStart)
            {
                break;
            }

            var segment = onset.Slice(s, windowLength);
            var mean = TensorPrimitives.Sum(segment) / windowLength;
            TensorPrimitives.Subtract(segment, mean, window);
            TensorPrimitives.Multiply(window, taper, window);
            var energy = TensorPrimitives.Dot(window, window);
            if (energy <= 1e-9f)
            {
                continue;
            }

            for (var lag = 0; lag < lags; lag++)
            {
                single[lag] = lag < windowLength ? TensorPrimitives.Dot(window[lag..], window[..^lag]) / energy : 0f;
            }

            TensorPrimitives.Add(acf, single, acf);
            windows++;
        }

        if (windows > 0)
        {
            TensorPrimitives.Divide(acf, windows, acf);
        }

        return windows;
    }

    /// <summary>Autocorrelation at a fractional lag by linear interpolation (0 beyond the table).</summary>
    public static double At(ReadOnlySpan<float> acf, double lag)
    {
        var i = (int)Math.Floor(lag);
        if (i < 0 || i + 1 >= acf.Length)
        {
            return 0;
        }

        var fraction = lag - i;
        return acf[i] + (fraction * (acf[i + 1] - acf[i]));
    }

    /// <summary>Period in frames of a tempo.</summary>
    public static double Period(double bpm) => 60 * AnalysisGrid.FrameRate / bpm;

    /// <summary>Harmonically enhanced salience of every grid tempo (negative autocorrelation clipped to 0).</summary>
    public static void Salience(ReadOnlySpan<float> acf, Span<float> destination)
    {
        for (var g = 0; g < GridSize; g++)
        {
            var lag = Period(GridBpm(g));
            var value = Math.Max(0, At(acf, lag)) + (0.5 * Math.Max(0, At(acf, 2 * lag))) + (0.25 * Math.Max(0, At(acf, 4 * lag)));
            destination[g] = (float)value;
        }
    }

    /// <summary>Raw (not enhanced) autocorrelation peak near a tempo: the maximum within ±3 % of its period.</summary>
    public static double PeakNear(ReadOnlySpan<float> acf, double bpm)
    {
        var lag = Period(bpm);
        var best = double.NegativeInfinity;
        for (var l = (int)Math.Floor(lag * 0.97); l <= (int)Math.Ceiling(lag * 1.03); l++)
        {
            if (l > 0 && l < acf.Length)
            {
                best = Math.Max(best, acf[l]);
            }
        }

        return double.IsNegativeInfinity(best) ? 0 : best;
    }

    /// <summary>
    /// Local maxima of salience × prior, best first (at most <paramref name="count"/>), refined by parabolic
    /// interpolation on the grid.
    /// </summary>
    public static List<(double Bpm, double Score, double Salience)> Candidates(ReadOnlySpan<float> salience, int count)
    {
        var peaks = new List<(double Bpm, double Score, double Salience)>();
        for (var g = 1; g < GridSize - 1; g++)
        {
            var (l, c, r) = (Weighted(salience, g - 1), Weighted(salience, g), Weighted(salience, g + 1));
            if (c <= 0 || c < l || c < r || (c == l && c == r))
            {
                continue;
            }

            var offset = 0.0;
            var denominator = l - (2 * c) + r;
            if (denominator < 0)
            {
                offset = Math.Clamp(0.5 * (l - r) / denominator, -0.5, 0.5);
            }

            peaks.Add((GridBpm(g + offset), c, salience[g]));
        }

        peaks.Sort((a, b) => b.Score.CompareTo(a.Score));
        if (peaks.Count > count)
        {
            peaks.RemoveRange(count, peaks.Count - count);
        }

        return peaks;
    }

    private static double Weighted(ReadOnlySpan<float> salience, int index) => salience[index] * Prior(GridBpm(index));
}
