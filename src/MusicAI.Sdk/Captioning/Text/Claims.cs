using System.Globalization;

namespace MusicAI.Sdk.Captioning.Text;

/// <summary>
/// What a caption may claim: each descriptor only when its measurement reached the claim threshold. Tags and all
/// caption styles but <see cref="CaptionStyle.Technical"/> (which prints every figure with its confidence) read
/// from here, so no wording ever states a low-confidence measurement.
/// </summary>
internal sealed class Claims
{
    public Claims(MusicDescription d)
    {
        var threshold = d.ClaimThreshold;
        Silent = d.Loudness.Confidence <= 0;
        if (d.Tempo.Bpm is double bpm && d.Tempo.Confidence >= threshold)
        {
            Bpm = bpm;
            TempoClass = bpm switch { < 80 => "slow", < 110 => "mid-tempo", < 140 => "upbeat", _ => "fast" };
            if (d.Tempo.BeatsPerBar is int beats && d.Tempo.MeterConfidence >= threshold)
            {
                Meter = $"{beats}/4";
            }
        }

        if (d.Key.Name is not null && d.Key.Confidence >= threshold)
        {
            Key = d.Key.Name;
            Mode = d.Key.Mode;
        }

        if (d.Vocals.Confidence >= threshold)
        {
            Vocals = d.Vocals.Present;
            SpokenVoice = d.Vocals.Present && d.Vocals.SpeechLike;
            if (d.Vocals.Present)
            {
                Register = d.Vocals.Register switch
                {
                    VocalRegister.High => "high-register",
                    VocalRegister.Low => "low-register",
                    _ => null,
                };
            }
        }

        // A mood whose arousal contradicts the claimed tempo class ("peaceful" and "fast") is not claimed.
        var consistent = TempoClass switch
        {
            "upbeat" or "fast" => d.Mood.Arousal >= -0.1,
            "slow" => d.Mood.Arousal <= 0.1,
            _ => true,
        };
        if (d.Mood.Confidence >= threshold && d.Mood.Label != "neutral" && consistent)
        {
            Mood = d.Mood.Label;
        }

        Drums = d.Instrumentation.Drums && d.Instrumentation.Confidence >= threshold;
        BassHeavy = d.Spectral.Confidence >= threshold && d.Spectral.BassWeight >= 0.45;
        if (d.Spectral.Confidence >= threshold)
        {
            Timbre = d.Spectral.Flatness >= 0.5 ? "noise-like"
                : d.Spectral.CentroidHz >= 3000 ? "bright"
                : d.Spectral.CentroidHz <= 900 ? "dark"
                : null;
        }

        if (d.Loudness.Confidence >= threshold)
        {
            Level = d.Loudness.IntegratedLufs switch { > -11 => "loud", < -24 => "quiet", _ => null };
            Compressed = d.Dynamics.PeakToLoudnessRatioDb < 9 && d.Loudness.IntegratedLufs > -14;
            Dynamic = d.Loudness.RangeLu >= 12;
            LoudnessLufs = d.Loudness.IntegratedLufs;
        }

        Chorus = FindChorus(d, threshold);
    }

    public bool Silent { get; }

    public double? Bpm { get; }

    public string? TempoClass { get; }

    public string? Meter { get; }

    public string? Key { get; }

    public KeyMode? Mode { get; }

    /// <summary>True: vocals claimed; false: instrumental claimed; null: not claimed either way.</summary>
    public bool? Vocals { get; }

    public string? Register { get; }

    /// <summary>Gets a value indicating whether the voice is claimed and sounds like speech rather than singing.</summary>
    public bool SpokenVoice { get; }

    public string? Mood { get; }

    public bool Drums { get; }

    public bool BassHeavy { get; }

    public string? Timbre { get; }

    public string? Level { get; }

    public bool Compressed { get; }

    public bool Dynamic { get; }

    public double? LoudnessLufs { get; }

    /// <summary>A recurring section at least 3 LU louder than the others, first heard after the opening section.</summary>
    public bool Chorus { get; }

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static bool FindChorus(MusicDescription d, double threshold)
    {
        var sections = d.Sections;
        if (sections.Count < 3)
        {
            return false;
        }

        foreach (var group in sections.Skip(1).GroupBy(s => s.Label))
        {
            var members = sections.Where(s => s.Label == group.Key).ToArray();
            if (members.Length < 2 || members[0] == sections[0] || members.Any(s => s.LoudnessLufs is null))
            {
                continue;
            }

            var others = sections.Where(s => s.Label != group.Key && s.LoudnessLufs is not null).ToArray();
            if (others.Length == 0)
            {
                continue;
            }

            var loud = members.Average(s => s.LoudnessLufs!.Value);
            var rest = others.Average(s => s.LoudnessLufs!.Value);
            var confident = members.Skip(1).Average(s => s.Confidence) >= threshold * 0.8;
            if (loud - rest >= 3 && confident)
            {
                return true;
            }
        }

        return false;
    }
}
