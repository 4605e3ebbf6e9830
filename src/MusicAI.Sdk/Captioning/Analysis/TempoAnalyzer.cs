using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Tempo, tempo changes and beats: <see cref="TempoInduction"/> for candidates, octave-error handling by beat-level
/// evidence, regional tempi for long inputs, and <see cref="BeatTracker"/> for the beats.
/// </summary>
/// <remarks>
/// <para><b>Octave errors.</b> The best candidate T of salience × prior is compared with T/2 and 2T (each refined to
/// the salience peak within ±4 %). Each is scored <c>ln(S + 0.02) + ln(prior) − β·min(r, 2)</c>, where r is the
/// beat-level evidence of the beats tracked at that tempo: the mean low-band (&lt; 200 Hz) onset strength half-way
/// between beats divided by the mean at the beats. Kick drums and bass notes land on beats, so a tempo at half the
/// true rate finds them half-way (r ≈ 1 or more) and is penalised. β = <see cref="EvidenceWeight"/>; the prior
/// centre and width and β were chosen on a development set of 80 synthetic clips, separate from the evaluation set
/// (docs/captioning.md).</para>
/// <para><b>Long inputs</b> (over <see cref="RegionalMinimumSeconds"/>): tempo is also estimated in 30 s regions every
/// 15 s, each choosing the candidate closest in metrical level to its neighbours; a change is reported when the tempo
/// moves by more than 4 % for at least two regions. Beats then follow the regional period.</para>
/// <para><b>Confidence</b> = clarity term (autocorrelation peak, 0.05 → 0, 0.30 → 1) × duration term (seconds/15,
/// at most 1) × (0.5 + 0.5 × octave-decision margin term) × stability (share of regions agreeing with their segment).</para>
/// </remarks>
internal static class TempoAnalyzer
{
    /// <summary>Inputs longer than this get regional tempi and tempo-change detection.</summary>
    public const double RegionalMinimumSeconds = 90;

    /// <summary>Weight of the beat evidence in the octave decision.</summary>
    public const double EvidenceWeight = 0.25;

    private const double RegionSeconds = 30;
    private const double RegionHopSeconds = 15;
    private const double ChangeTolerance = 0.04;

    /// <summary>Analyses the tempo of a whole input.</summary>
    /// <remarks>
    /// With BeatNet (<see cref="FrameFeatures.BeatActivation"/> not empty) its beat activation, interpolated onto the
    /// analysis grid, replaces the onset envelope (and the low-band envelope of the octave evidence); everything else
    /// is the same.
    /// </remarks>
    public static TempoEstimate Analyze(FrameFeatures features)
    {
        var activation = features.BeatActivation.Count > 0 ? BeatActivationOnGrid(features) : null;
        var onset = activation ?? CollectionsMarshal.AsSpan(features.Onset);
        var lowOnset = activation ?? CollectionsMarshal.AsSpan(features.OnsetLow);
        var n = onset.Length;
        var acf = new float[TempoInduction.MaxLag + 1];
        var salience = new float[TempoInduction.GridSize];
        if (TempoInduction.Autocorrelation(onset, 0, n, acf) == 0)
        {
            return new TempoEstimate(null, 0, [], [], 0);
        }

        TempoInduction.Salience(acf, salience);
        var candidates = TempoInduction.Candidates(salience, 6);
        if (candidates.Count == 0)
        {
            return new TempoEstimate(null, 0, [], [], 0);
        }

        var (bpm, margin) = ResolveOctave(onset, lowOnset, salience, candidates[0].Bpm);
        var clarity = Math.Clamp(TempoInduction.PeakNear(acf, bpm), 0, 1);
        var duration = n / AnalysisGrid.FrameRate;

        var changes = new List<(double Time, double Bpm)> { (0, bpm) };
        var stability = 1.0;
        var period = new float[n];
        if (duration > RegionalMinimumSeconds)
        {
            (changes, stability, bpm) = Regional(onset, bpm);
            FillPeriods(changes, period);
        }
        else
        {
            Array.Fill(period, (float)TempoInduction.Period(bpm));
        }

        var beats = BeatTracker.Track(onset, period);
        var clarityTerm = Math.Clamp((clarity - 0.05) / 0.25, 0, 1);
        var durationTerm = Math.Clamp(duration / 15, 0, 1);
        var marginTerm = 1 - Math.Exp(-margin / 0.5);
        var confidence = clarityTerm * durationTerm * (0.5 + (0.5 * marginTerm)) * stability;
        if (beats.Length < 4)
        {
            confidence *= 0.5;
        }

        return new TempoEstimate(bpm, Math.Clamp(confidence, 0, 1), beats, changes, clarity);
    }

    /// <summary>The BeatNet activation (50 frames/s) linearly interpolated at the analysis frames.</summary>
    private static float[] BeatActivationOnGrid(FrameFeatures features)
    {
        var source = CollectionsMarshal.AsSpan(features.BeatActivation);
        var result = new float[features.FrameCount];
        for (var t = 0; t < result.Length; t++)
        {
            var position = t * AnalysisGrid.Hop / (double)Beats.BeatNetFeatures.Hop;
            var i = (int)position;
            if (i + 1 < source.Length)
            {
                var fraction = (float)(position - i);
                result[t] = source[i] + (fraction * (source[i + 1] - source[i]));
            }
            else if (source.Length > 0)
            {
                result[t] = source[Math.Min(i, source.Length - 1)];
            }
        }

        return result;
    }

    /// <summary>Chooses among T/2, T and 2T; returns the tempo and the score margin over the runner-up.</summary>
    internal static (double Bpm, double Margin) ResolveOctave(ReadOnlySpan<float> onset, ReadOnlySpan<float> lowOnset, ReadOnlySpan<float> salience, double best)
    {
        Span<double> factors = [1, 0.5, 2];
        var scored = new List<(double Bpm, double Score)>();
        var period = new float[onset.Length];
        foreach (var factor in factors)
        {
            var target = best * factor;
            if (target < TempoInduction.MinBpm * 0.96 || target > TempoInduction.MaxBpm * 1.04)
            {
                continue;
            }

            var (bpm, value) = RefinedPeak(salience, target);
            Array.Fill(period, (float)TempoInduction.Period(bpm));
            var beats = BeatTracker.Track(onset, period);
            var ratio = MidpointRatio(lowOnset, beats);
            var score = Math.Log(value + 0.02) + Math.Log(TempoInduction.Prior(bpm)) - (EvidenceWeight * Math.Min(ratio, 2));
            scored.Add((bpm, score));
        }

        scored.Sort((a, b) => b.Score.CompareTo(a.Score));
        var margin = scored.Count > 1 ? scored[0].Score - scored[1].Score : 1.0;
        return (scored[0].Bpm, margin);
    }

    /// <summary>The salience peak within ±4 % of a tempo (parabolic refinement on the grid).</summary>
    internal static (double Bpm, double Salience) RefinedPeak(ReadOnlySpan<float> salience, double bpm)
    {
        var center = Math.Log2(bpm / TempoInduction.MinBpm) * TempoInduction.GridPerOctave;
        var radius = Math.Log2(1 + ChangeTolerance) * TempoInduction.GridPerOctave;
        var lo = Math.Max(0, (int)Math.Floor(center - radius));
        var hi = Math.Min(salience.Length - 1, (int)Math.Ceiling(center + radius));
        if (hi < lo)
        {
            return (bpm, 0);
        }

        var best = lo;
        for (var g = lo; g <= hi; g++)
        {
            if (salience[g] > salience[best])
            {
                best = g;
            }
        }

        var offset = 0.0;
        if (best > 0 && best < salience.Length - 1)
        {
            var (l, c, r) = (salience[best - 1], salience[best], salience[best + 1]);
            var denominator = l - (2 * c) + r;
            if (denominator < 0)
            {
                offset = Math.Clamp(0.5 * (l - r) / denominator, -0.5, 0.5);
            }
        }

        return salience[best] > 0 ? (TempoInduction.GridBpm(best + offset), salience[best]) : (bpm, 0);
    }

    /// <summary>Mean onset strength half-way between consecutive beats divided by the mean at the beats (0 with fewer than 4 beats).</summary>
    internal static double MidpointRatio(ReadOnlySpan<float> onset, int[] beats)
    {
        if (beats.Length < 4)
        {
            return 0;
        }

        double on = 0, mid = 0;
        for (var i = 0; i < beats.Length; i++)
        {
            on += Around(onset, beats[i]);
            if (i + 1 < beats.Length)
            {
                mid += Around(onset, (beats[i] + beats[i + 1]) / 2);
            }
        }

        on /= beats.Length;
        mid /= beats.Length - 1;
        return on <= 1e-9 ? (mid > 1e-9 ? 2 : 0) : mid / on;
    }

    private static double Around(ReadOnlySpan<float> onset, int frame)
    {
        var best = 0f;
        for (var t = Math.Max(0, frame - 1); t <= Math.Min(onset.Length - 1, frame + 1); t++)
        {
            best = Math.Max(best, onset[t]);
        }

        return best;
    }

    /// <summary>Regional tempi → segments of steady tempo, the share of stable regions and the main tempo.</summary>
    private static (List<(double Time, double Bpm)> Changes, double Stability, double Main) Regional(ReadOnlySpan<float> onset, double global)
    {
        var regionFrames = (int)(RegionSeconds * AnalysisGrid.FrameRate);
        var hopFrames = (int)(RegionHopSeconds * AnalysisGrid.FrameRate);
        var acf = new float[TempoInduction.MaxLag + 1];
        var salience = new float[TempoInduction.GridSize];
        var regions = new List<(double Center, double Bpm)>();
        var previous = global;
        for (var start = 0; start < onset.Length; start += hopFrames)
        {
            var end = Math.Min(onset.Length, start + regionFrames);
            if (end - start < regionFrames / 2 && regions.Count > 0)
            {
                break;
            }

            var center = (start + end) / 2.0 / AnalysisGrid.FrameRate;
            if (TempoInduction.Autocorrelation(onset, start, end, acf) == 0)
            {
                regions.Add((center, double.NaN));
                continue;
            }

            TempoInduction.Salience(acf, salience);
            var peaks = TempoInduction.Candidates(salience, 6);
            if (peaks.Count == 0)
            {
                regions.Add((center, double.NaN));
                continue;
            }

            // The candidate at the metrical level of the previous region (continuity), weighted by salience.
            var chosen = peaks.MaxBy(p =>
            {
                var octaves = Math.Log2(p.Bpm / previous) / 0.5;
                return p.Salience * Math.Exp(-0.5 * octaves * octaves);
            });
            regions.Add((center, chosen.Bpm));
            previous = chosen.Bpm;
        }

        // Median of three neighbours removes single-region flips.
        var smoothed = new double[regions.Count];
        for (var i = 0; i < regions.Count; i++)
        {
            var window = new List<double>();
            for (var j = Math.Max(0, i - 1); j <= Math.Min(regions.Count - 1, i + 1); j++)
            {
                if (!double.IsNaN(regions[j].Bpm))
                {
                    window.Add(regions[j].Bpm);
                }
            }

            window.Sort();
            smoothed[i] = window.Count == 0 ? double.NaN : window[window.Count / 2];
        }

        var changes = new List<(double Time, double Bpm)>();
        var members = new List<double>();
        var segmentStart = 0.0;
        var agreeing = 0;
        var counted = 0;
        for (var i = 0; i < smoothed.Length; i++)
        {
            if (double.IsNaN(smoothed[i]))
            {
                continue;
            }

            var current = members.Count == 0 ? smoothed[i] : Median(members);
            var differs = Math.Abs(Math.Log(smoothed[i] / current)) > Math.Log(1 + ChangeTolerance);
            var nextDiffers = i + 1 < smoothed.Length && !double.IsNaN(smoothed[i + 1])
                && Math.Abs(Math.Log(smoothed[i + 1] / current)) > Math.Log(1 + ChangeTolerance);
            if (members.Count > 0 && differs && nextDiffers)
            {
                changes.Add((segmentStart, Median(members)));
                members.Clear();
                segmentStart = Math.Max(0, regions[i].Center - (RegionHopSeconds / 2));
            }

            members.Add(smoothed[i]);
            counted++;
            if (!double.IsNaN(regions[i].Bpm) && Math.Abs(Math.Log(regions[i].Bpm / smoothed[i])) <= Math.Log(1 + ChangeTolerance))
            {
                agreeing++;
            }
        }

        if (members.Count > 0)
        {
            changes.Add((segmentStart, Median(members)));
        }

        if (changes.Count == 0)
        {
            return ([(0, global)], 0.5, global);
        }

        // Main tempo: the tempo of the longest stretch.
        var total = onset.Length / AnalysisGrid.FrameRate;
        var main = changes
            .Select((c, i) => (c.Bpm, Length: (i + 1 < changes.Count ? changes[i + 1].Time : total) - c.Time))
            .MaxBy(c => c.Length).Bpm;
        return (changes, counted == 0 ? 0.5 : agreeing / (double)counted, main);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static void FillPeriods(List<(double Time, double Bpm)> changes, float[] period)
    {
        for (var i = 0; i < changes.Count; i++)
        {
            var from = Math.Clamp(AnalysisGrid.FrameAt(changes[i].Time), 0, period.Length);
            var to = i + 1 < changes.Count ? Math.Clamp(AnalysisGrid.FrameAt(changes[i + 1].Time), 0, period.Length) : period.Length;
            Array.Fill(period, (float)TempoInduction.Period(changes[i].Bpm), from, to - from);
        }
    }
}
