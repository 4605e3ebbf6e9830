using System.Buffers;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Dsp;
using MusicAI.Sdk.Separation.Dsp;

namespace MusicAI.Sdk.Separation.Activity;

/// <summary>
/// Frame-level vocal presence from a separated vocal stem (and, when available, the accompaniment it was separated
/// from): every 10 ms, the vocal stem's energy in 150 Hz – 5 kHz, relative to the track's loud vocal passages (95th
/// percentile) and to the accompaniment's energy in the same band, and the vocal stem's spectral flatness in that band
/// (a voice is harmonic; cymbals and noise that leak into the stem are flat), through logistic terms and an absolute
/// floor; smoothed by a moving median and cut into segments with hysteresis.
/// </summary>
/// <remarks>
/// Energies are summed over channels (no downmix copy), computed in blocks of frames, so memory is a few blocks of
/// spectra beyond the per-frame results. Stateless and thread-safe.
/// </remarks>
internal static class VocalActivityDetector
{
    private const int BlockFrames = 256;
    private const double Epsilon = 1e-12;

    /// <summary>Detects vocal activity.</summary>
    /// <param name="vocals">The separated vocals.</param>
    /// <param name="accompaniment">The rest of the mix (same shape), or null.</param>
    /// <param name="settings">Parameters; null for the defaults.</param>
    public static VocalActivity Detect(AudioBuffer vocals, AudioBuffer? accompaniment, VocalActivitySettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(vocals);
        settings ??= VocalActivitySettings.Default;
        if (accompaniment is not null && (accompaniment.ChannelCount != vocals.ChannelCount || accompaniment.FrameCount != vocals.FrameCount || accompaniment.SampleRate != vocals.SampleRate))
        {
            throw new ArgumentException("The accompaniment must have the vocals' rate, channel count and length.", nameof(accompaniment));
        }

        var rate = vocals.SampleRate;
        var hop = Math.Max(1, (int)Math.Round(settings.HopSeconds * rate));
        var window = hop * settings.WindowHops;
        var fftLength = (int)Math.Max(16, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)window));
        var plan = StftPlan.Create(fftLength, hop, WindowKind.Hann, windowLength: window, center: true, padMode: PadMode.Constant);
        var frames = vocals.FrameCount == 0 ? 0 : plan.FrameCount(vocals.FrameCount);
        var binHz = rate / (double)fftLength;
        var low = Math.Clamp((int)Math.Ceiling(settings.LowHz / binHz), 1, plan.BinCount - 1);
        var high = Math.Clamp((int)Math.Floor(settings.HighHz / binHz), low, plan.BinCount - 1);

        // A full-scale sine has mean square 1/2; its band energy in a frame is about Σw² · n / 4.
        var windowEnergy = WindowFunctions.Create(WindowKind.Hann, window).Sum(w => (double)w * w);
        var fullScale = windowEnergy * fftLength / 4 * vocals.ChannelCount;

        var vocalEnergy = new double[frames];
        var flatness = new double[frames];
        var accompanimentEnergy = accompaniment is null ? null : new double[frames];
        BandEnergies(plan, vocals, low, high, vocalEnergy, flatness);
        if (accompaniment is not null)
        {
            BandEnergies(plan, accompaniment, low, high, accompanimentEnergy!, flatness: null);
        }

        var level = vocalEnergy.Select(e => 10 * Math.Log10((e / fullScale) + Epsilon)).ToArray();
        var reference = Percentile(level, settings.ReferencePercentile);
        var score = new float[frames];
        for (var t = 0; t < frames; t++)
        {
            var p = Logistic(settings.LevelSlope * (level[t] - reference - settings.LevelThresholdDb))
                * Logistic(settings.LevelSlope * (level[t] - settings.FloorDb))
                * (settings.FlatnessSlope == 0 ? 1 : Logistic(settings.FlatnessSlope * (settings.FlatnessThreshold - flatness[t])));
            if (accompanimentEnergy is not null)
            {
                var ratio = 10 * Math.Log10((vocalEnergy[t] + (fullScale * Epsilon)) / (accompanimentEnergy[t] + (fullScale * Epsilon)));
                p *= Logistic(settings.RatioSlope * (ratio - settings.RatioThresholdDb));
            }

            score[t] = (float)p;
        }

        var smoothed = new float[frames];
        var smoothing = settings.SmoothingFrames | 1;
        RunningMedian.Filter(score, smoothing, smoothed);
        var frameDuration = TimeSpan.FromSeconds(hop / (double)rate);
        var results = new VocalActivityFrame[frames];
        for (var t = 0; t < frames; t++)
        {
            results[t] = new VocalActivityFrame(frameDuration * t, smoothed[t]);
        }

        return new VocalActivity(frameDuration, results, Segments(smoothed, hop / (double)rate, vocals.FrameCount / (double)rate, settings));
    }

    /// <summary>
    /// Adds each frame's energy in bins [low, high] (summed over channels) to <paramref name="energies"/>, and writes the
    /// spectral flatness of the channel-summed power in that band (geometric over arithmetic mean) to
    /// <paramref name="flatness"/> when given.
    /// </summary>
    private static void BandEnergies(StftPlan plan, AudioBuffer audio, int low, int high, double[] energies, double[]? flatness)
    {
        var bins = plan.BinCount;
        var re = ArrayPool<float>.Shared.Rent(BlockFrames * bins);
        var im = ArrayPool<float>.Shared.Rent(BlockFrames * bins);
        var power = flatness is null ? null : new float[energies.Length * (high - low + 1)];
        try
        {
            for (var c = 0; c < audio.ChannelCount; c++)
            {
                var signal = audio.GetChannel(c);
                for (var first = 0; first < energies.Length; first += BlockFrames)
                {
                    var count = Math.Min(BlockFrames, energies.Length - first);
                    plan.Forward(signal, first, count, re, im);
                    for (var f = 0; f < count; f++)
                    {
                        double sum = 0;
                        var offset = f * bins;
                        var row = power is null ? default : power.AsSpan((first + f) * (high - low + 1), high - low + 1);
                        for (var b = low; b <= high; b++)
                        {
                            double x = re[offset + b], y = im[offset + b];
                            var p = (x * x) + (y * y);
                            sum += p;
                            if (power is not null)
                            {
                                row[b - low] += (float)p;
                            }
                        }

                        energies[first + f] += sum;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(re);
            ArrayPool<float>.Shared.Return(im);
        }

        if (flatness is null)
        {
            return;
        }

        var width = high - low + 1;
        for (var t = 0; t < energies.Length; t++)
        {
            double logSum = 0, sum = 0;
            foreach (var p in power.AsSpan(t * width, width))
            {
                logSum += Math.Log(p + 1e-20);
                sum += p;
            }

            flatness[t] = sum <= 0 ? 1 : Math.Exp(logSum / width) / (sum / width);
        }
    }

    private static List<VocalSegment> Segments(float[] score, double hopSeconds, double totalSeconds, VocalActivitySettings settings)
    {
        var raw = new List<(double Start, double End)>();
        var open = -1;
        for (var t = 0; t <= score.Length; t++)
        {
            var value = t < score.Length ? score[t] : 0f;
            if (open < 0 && value >= settings.OnThreshold)
            {
                open = t;
            }
            else if (open >= 0 && value < settings.OffThreshold)
            {
                raw.Add((Math.Max(0, (open - 0.5) * hopSeconds), Math.Min(totalSeconds, (t - 0.5) * hopSeconds)));
                open = -1;
            }
        }

        var merged = new List<(double Start, double End)>();
        foreach (var segment in raw)
        {
            if (merged.Count > 0 && segment.Start - merged[^1].End < settings.MaxGapSeconds)
            {
                merged[^1] = (merged[^1].Start, segment.End);
            }
            else
            {
                merged.Add(segment);
            }
        }

        return [.. merged
            .Where(s => s.End - s.Start >= settings.MinSegmentSeconds)
            .Select(s => new VocalSegment(TimeSpan.FromSeconds(s.Start), TimeSpan.FromSeconds(s.End)))];
    }

    private static double Percentile(double[] values, double fraction)
    {
        if (values.Length == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[(int)Math.Clamp(Math.Round(fraction * (sorted.Length - 1)), 0, sorted.Length - 1)];
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-x));
}
