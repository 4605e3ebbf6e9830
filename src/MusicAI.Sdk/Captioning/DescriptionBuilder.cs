using System.Runtime.InteropServices;
using MusicAI.Sdk.Captioning.Analysis;
using MusicAI.Sdk.Captioning.Lyrics;
using MusicAI.Sdk.Captioning.Text;

namespace MusicAI.Sdk.Captioning;

/// <summary>Turns a <see cref="SongAnalysis"/> into the public <see cref="MusicDescription"/>: derived figures, tags and the caption.</summary>
internal static class DescriptionBuilder
{
    /// <summary>Builds the description.</summary>
    public static MusicDescription Build(SongAnalysis analysis, string? lyrics, CaptionStyle style, double claimThreshold, CaptionerEnrichment? enrichment)
    {
        var features = analysis.Features;
        var duration = analysis.DurationSeconds;
        var durationTerm = Math.Clamp(duration / 10, 0, 1);
        var loudness = analysis.Loudness;
        var audible = double.IsFinite(loudness.IntegratedLufs) && loudness.IntegratedLufs > -70;

        var tempo = new TempoAnalysis
        {
            Bpm = analysis.Tempo.Bpm is double bpm ? Math.Round(bpm, 2) : null,
            Confidence = Round(analysis.Tempo.Confidence),
            Beats = [.. analysis.Tempo.Beats.Select(b => Round(AnalysisGrid.FrameTime(b), 3))],
            Downbeats = [.. analysis.Meter.Downbeats.Select(i => Round(AnalysisGrid.FrameTime(analysis.Tempo.Beats[i]), 3))],
            BeatsPerBar = analysis.Meter.BeatsPerBar,
            MeterConfidence = Round(analysis.Meter.Confidence),
            Changes = [.. analysis.Tempo.Changes.Select(c => new TempoChange(Round(c.Time, 2), Math.Round(c.Bpm, 2)))],
        };

        var keyEstimate = analysis.Key;
        var key = keyEstimate.Tonic is int tonic
            ? new KeyAnalysis
            {
                Name = KeyNames.Key(tonic, keyEstimate.IsMinor),
                Tonic = KeyNames.PitchClass(tonic),
                Mode = keyEstimate.IsMinor ? KeyMode.Minor : KeyMode.Major,
                Confidence = Round(keyEstimate.Confidence),
                TuningCents = Math.Round(keyEstimate.TuningCents, 1),
            }
            : new KeyAnalysis { TuningCents = Math.Round(keyEstimate.TuningCents, 1) };

        var loudnessConfidence = audible ? Math.Clamp(duration / 3, 0, 1) : 0;
        var loudnessAnalysis = new LoudnessAnalysis
        {
            IntegratedLufs = Math.Round(loudness.IntegratedLufs, 2),
            RangeLu = Math.Round(loudness.RangeLu, 2),
            TruePeakDbtp = Math.Round(loudness.TruePeakDbtp, 2),
            Confidence = Round(loudnessConfidence),
        };

        var dynamics = new DynamicsAnalysis
        {
            CrestFactorDb = audible ? Math.Round(loudness.SamplePeakDbfs - loudness.RmsDbfs, 2) : 0,
            PeakToLoudnessRatioDb = audible ? Math.Round(loudness.TruePeakDbtp - loudness.IntegratedLufs, 2) : 0,
            LoudnessVariationLu = Math.Round(ShortTermVariation(loudness.ShortTerm), 2),
            Confidence = Round(audible ? Math.Clamp(duration / 10, 0, 1) : 0),
        };

        var totalPower = features.BandPower.Sum();
        var spectralConfidence = audible && totalPower > 0 ? durationTerm : 0;
        var spectral = new SpectralAnalysis
        {
            CentroidHz = Math.Round(features.TotalPower > 0 ? features.CentroidWeighted / features.TotalPower : 0, 1),
            Brightness = Round(totalPower > 0 ? (features.BandPower[3] + features.BandPower[4]) / totalPower : 0),
            BassWeight = Round(totalPower > 0 ? (features.BandPower[0] + features.BandPower[1]) / totalPower : 0),
            Flatness = Round(MeanFlatness(features)),
            Confidence = Round(spectralConfidence),
        };

        var vocalEstimate = analysis.Vocals;
        var present = vocalEstimate.SungFraction >= VocalDetector.PresenceFraction;
        var register = present && vocalEstimate.MedianPitchHz is double pitch
            ? pitch < 165 ? VocalRegister.Low : pitch > 250 ? VocalRegister.High : VocalRegister.Middle
            : VocalRegister.Unknown;
        var vocals = new VocalAnalysis
        {
            Present = present,
            Probability = Round(vocalEstimate.Probability),
            SungFraction = Round(vocalEstimate.SungFraction),
            Register = register,
            MedianPitchHz = vocalEstimate.MedianPitchHz is double median && present ? Math.Round(median, 1) : null,
            SpeechLike = present && vocalEstimate.VoiceHarmonicShare < 0.5 && analysis.Tempo.Confidence < 0.5,
            Confidence = Round(vocalEstimate.Confidence),
        };

        var percussive = features.HarmonicPower + features.PercussivePower > 0
            ? features.PercussivePower / (features.HarmonicPower + features.PercussivePower)
            : 0;
        var drums = percussive >= 0.25 && analysis.Tempo.Clarity >= 0.15 && analysis.Tempo.Beats.Length >= 8;
        var instrumentation = new InstrumentationAnalysis
        {
            PercussiveShare = Round(percussive),
            HarmonicShare = Round(features.HarmonicPower + features.PercussivePower > 0 ? 1 - percussive : 0),
            Drums = drums,
            BassPresence = Round(Math.Clamp(spectral.BassWeight / 0.5, 0, 1)),
            Vocals = present,
            Confidence = Round(spectralConfidence * Math.Clamp(Math.Abs(percussive - 0.25) / 0.15, 0.3, 1)),
        };

        var (valence, arousal, label, moodConfidence) = MoodEstimator.Estimate(
            analysis.Tempo.Bpm,
            analysis.Tempo.Confidence,
            keyEstimate.Tonic is null ? null : keyEstimate.IsMinor,
            keyEstimate.Confidence,
            loudness.IntegratedLufs,
            loudnessConfidence,
            spectral.CentroidHz,
            percussive,
            spectralConfidence);
        var mood = new MoodAnalysis { Valence = Round(valence), Arousal = Round(arousal), Label = label, Confidence = Round(moodConfidence) };

        var sections = analysis.Sections.Select(s => new MusicSection
        {
            Start = Round(AnalysisGrid.FrameTime(s.StartFrame), 3),
            End = Round(Math.Min(duration, AnalysisGrid.FrameTime(s.EndFrame)), 3),
            Label = SectionLabel(s.LabelIndex),
            LoudnessLufs = SectionLoudness(loudness.Momentary, AnalysisGrid.FrameTime(s.StartFrame), AnalysisGrid.FrameTime(s.EndFrame)),
            Confidence = Round(s.Confidence * durationTerm),
        }).ToArray();

        var description = new MusicDescription
        {
            Duration = TimeSpan.FromSeconds(duration),
            SampleRate = analysis.SampleRate,
            ChannelCount = analysis.ChannelCount,
            Tempo = tempo,
            Key = key,
            Loudness = loudnessAnalysis,
            Dynamics = dynamics,
            Spectral = spectral,
            Vocals = vocals,
            Sections = sections,
            Instrumentation = instrumentation,
            Mood = mood,
            Lyrics = lyrics is null ? null : LyricsAnalyzer.Analyze(lyrics),
            ZeroShotTags = enrichment?.ZeroShotTags,
            Melody = enrichment?.Melody,
            Style = style,
            ClaimThreshold = claimThreshold,
        };
        description.Tags = TagWriter.Tags(description);
        description.Caption = CaptionWriter.Write(description, style);
        return description;
    }

    /// <summary>Label of the n-th distinct section: A … Z, then AA, AB, ….</summary>
    public static string SectionLabel(int index)
    {
        var label = "";
        var n = index;
        do
        {
            label = (char)('A' + (n % 26)) + label;
            n = (n / 26) - 1;
        }
        while (n >= 0);
        return label;
    }

    private static double Round(double value, int digits = 3) => Math.Round(value, digits);

    private static double MeanFlatness(FrameFeatures features)
    {
        var level = CollectionsMarshal.AsSpan(features.LevelDb);
        var flatness = CollectionsMarshal.AsSpan(features.Flatness);
        if (level.IsEmpty)
        {
            return 0;
        }

        var max = float.NegativeInfinity;
        foreach (var l in level)
        {
            max = Math.Max(max, l);
        }

        double sum = 0;
        var count = 0;
        for (var t = 0; t < level.Length; t++)
        {
            if (level[t] > Math.Max(max - 40, -80))
            {
                sum += flatness[t];
                count++;
            }
        }

        return count == 0 ? 0 : sum / count;
    }

    /// <summary>Standard deviation of the short-term loudness over blocks above −70 LUFS and above their power mean − 20 LU.</summary>
    private static double ShortTermVariation(double[] shortTerm)
    {
        var gated = shortTerm.Where(l => l > -70).ToArray();
        if (gated.Length < 2)
        {
            return 0;
        }

        var gate = (10 * Math.Log10(gated.Average(l => Math.Pow(10, l / 10)))) - 20;
        var kept = gated.Where(l => l > gate).ToArray();
        if (kept.Length < 2)
        {
            return 0;
        }

        var mean = kept.Average();
        return Math.Sqrt(kept.Average(l => (l - mean) * (l - mean)));
    }

    /// <summary>Power mean of the momentary blocks (100 ms apart, 400 ms long) inside [start, end) above −70 LUFS.</summary>
    private static double? SectionLoudness(double[] momentary, double start, double end)
    {
        double sum = 0;
        var count = 0;
        for (var i = 0; i < momentary.Length; i++)
        {
            var blockStart = i * 0.1;
            if (blockStart < start || blockStart + 0.4 > end + 1e-9 || !(momentary[i] > -70))
            {
                continue;
            }

            sum += Math.Pow(10, momentary[i] / 10);
            count++;
        }

        return count == 0 ? null : Math.Round(10 * Math.Log10(sum / count), 2);
    }
}
