using CsCheck;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Captioning.Text;

namespace MusicAI.Sdk.Tests.Captioning.Text;

/// <summary>Captions and tags never claim a measurement whose confidence is below the claim threshold.</summary>
public sealed class CaptionWordingTests
{
    private static MusicDescription Description(double tempo, double key, double meter, double vocals, double mood, double threshold = 0.5, int beatsPerBar = 3) => new()
    {
        Duration = TimeSpan.FromSeconds(180),
        SampleRate = 44100,
        ChannelCount = 2,
        Tempo = new TempoAnalysis { Bpm = 92.4, Confidence = tempo, BeatsPerBar = beatsPerBar, MeterConfidence = meter },
        Key = new KeyAnalysis { Name = "A minor", Tonic = "A", Mode = KeyMode.Minor, Confidence = key },
        Loudness = new LoudnessAnalysis { IntegratedLufs = -9.5, RangeLu = 5, TruePeakDbtp = -0.3, Confidence = 1 },
        Dynamics = new DynamicsAnalysis { CrestFactorDb = 10, PeakToLoudnessRatioDb = 9.2, LoudnessVariationLu = 2, Confidence = 1 },
        Spectral = new SpectralAnalysis { CentroidHz = 1500, Brightness = 0.2, BassWeight = 0.3, Flatness = 0.1, Confidence = 1 },
        Vocals = new VocalAnalysis { Present = true, Probability = 0.8, SungFraction = 0.7, Register = VocalRegister.High, MedianPitchHz = 300, Confidence = vocals },
        Mood = new MoodAnalysis { Valence = -0.5, Arousal = 0, Label = "moody", Confidence = mood },
        ClaimThreshold = threshold,
    };

    [Fact]
    public void ConfidentMeasurements_AreClaimed()
    {
        var d = Description(0.9, 0.9, 0.9, 0.7, 0.9);

        var caption = CaptionWriter.Write(d, CaptionStyle.Full);

        Assert.Equal("A moody mid-tempo song in A minor at 92 BPM in 3/4 time with high-register vocals. It sounds loud (-9.5 LUFS).", caption);
        Assert.Equal("moody · mid-tempo · A minor · 92 BPM · 3/4 · high-register vocals · loud", CaptionWriter.Write(d, CaptionStyle.Short));
        Assert.Equal(["moody", "mid-tempo", "A minor", "minor key", "triple meter", "vocals", "high-register vocals", "loud"], TagWriter.Tags(d));
    }

    [Fact]
    public void UncertainMeasurements_AreNotClaimed()
    {
        var d = Description(0.3, 0.3, 0.3, 0.3, 0.3);

        var caption = CaptionWriter.Write(d, CaptionStyle.Full);

        Assert.Equal("A piece with no clear beat or key. It sounds loud (-9.5 LUFS).", caption);
        Assert.DoesNotContain("vocals", CaptionWriter.Write(d, CaptionStyle.Short), StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimsFollowTheConfidences()
    {
        var confidence = Gen.Double[0, 1];
        Gen.Select(confidence, confidence, confidence, confidence, confidence, Gen.Double[0.1, 0.9]).Sample((tempo, key, meter, vocals, mood, threshold) =>
        {
            var d = Description(tempo, key, meter, vocals, mood, threshold);
            var full = CaptionWriter.Write(d, CaptionStyle.Full);
            var tagLine = CaptionWriter.Write(d, CaptionStyle.Short);
            var tags = TagWriter.Tags(d);
            foreach (var text in new[] { full, tagLine })
            {
                Assert.Equal(tempo >= threshold, text.Contains("92 BPM", StringComparison.Ordinal));
                Assert.Equal(key >= threshold, text.Contains("A minor", StringComparison.Ordinal));
                Assert.Equal(tempo >= threshold && meter >= threshold, text.Contains("3/4", StringComparison.Ordinal));
                Assert.Equal(vocals >= threshold, text.Contains("vocals", StringComparison.Ordinal));
                Assert.Equal(mood >= threshold, text.Contains("moody", StringComparison.Ordinal));
            }

            Assert.Equal(key >= threshold, tags.Contains("A minor"));
            Assert.Equal(vocals >= threshold, tags.Contains("vocals"));
        }, iter: 500);
    }

    [Fact]
    public void ContradictoryMood_IsNotClaimed()
    {
        var d = Description(0.9, 0.9, 0.9, 0.7, 0.9);
        var calmButFast = new MusicDescription
        {
            Duration = d.Duration,
            Tempo = new TempoAnalysis { Bpm = 170, Confidence = 0.9 },
            Key = d.Key,
            Loudness = d.Loudness,
            Dynamics = d.Dynamics,
            Spectral = d.Spectral,
            Vocals = d.Vocals,
            Mood = new MoodAnalysis { Valence = 0.5, Arousal = -0.6, Label = "peaceful", Confidence = 0.9 },
        };

        Assert.DoesNotContain("peaceful", CaptionWriter.Write(calmButFast, CaptionStyle.Full), StringComparison.Ordinal);
    }

    [Fact]
    public void Technical_PrintsEveryFigureWithItsConfidence()
    {
        var d = Description(0.3, 0.3, 0.3, 0.3, 0.3);

        var text = CaptionWriter.Write(d, CaptionStyle.Technical);

        Assert.Contains("Tempo 92.4 BPM (confidence 0.30)", text, StringComparison.Ordinal);
        Assert.Contains("Key A minor (0.30)", text, StringComparison.Ordinal);
        Assert.Contains("-9.5 LUFS integrated", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Chorus_IsClaimedForALouderRecurringSection()
    {
        var d = Description(0.9, 0.9, 0.9, 0.7, 0.9);
        var withForm = new MusicDescription
        {
            Duration = d.Duration,
            Tempo = d.Tempo,
            Key = d.Key,
            Loudness = d.Loudness,
            Dynamics = d.Dynamics,
            Spectral = d.Spectral,
            Vocals = d.Vocals,
            Mood = d.Mood,
            Sections =
            [
                new MusicSection { Start = 0, End = 30, Label = "A", LoudnessLufs = -16, Confidence = 0.8 },
                new MusicSection { Start = 30, End = 60, Label = "B", LoudnessLufs = -9, Confidence = 0.8 },
                new MusicSection { Start = 60, End = 90, Label = "A", LoudnessLufs = -15, Confidence = 0.8 },
                new MusicSection { Start = 90, End = 120, Label = "B", LoudnessLufs = -8, Confidence = 0.8 },
            ],
        };

        Assert.Contains("building to a loud chorus", CaptionWriter.Write(withForm, CaptionStyle.Full), StringComparison.Ordinal);
        Assert.DoesNotContain("chorus", CaptionWriter.Write(d, CaptionStyle.Full), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A minor", 9, true)]
    [InlineData("Eb major", 3, false)]
    [InlineData("F#m", 6, true)]
    [InlineData("Ebmaj", 3, false)]
    [InlineData("bb:min", 10, true)]
    [InlineData("Db", 1, false)]
    [InlineData("C♯ minor", 1, true)]
    public void KeyNames_Parse(string text, int tonic, bool minor)
    {
        Assert.True(KeyNames.TryParse(text, out var t, out var m));
        Assert.Equal(tonic, t);
        Assert.Equal(minor, m);
    }

    [Theory]
    [InlineData("")]
    [InlineData("H major")]
    [InlineData("C dorian")]
    public void KeyNames_RejectOtherText(string text) => Assert.False(KeyNames.TryParse(text, out _, out _));
}
