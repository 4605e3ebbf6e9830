using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Captioning.Analysis;
using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

public sealed class KeyEstimatorTests
{
    public static TheoryData<int, bool, int[]> Keys => new()
    {
        { 0, false, [0, 3, 4, 0] },   // C major I–IV–V–I
        { 7, false, [0, 5, 3, 4] },   // G major I–vi–IV–V
        { 3, false, [0, 3, 4, 0] },   // Eb major
        { 9, true, [0, 3, 4, 0] },    // A minor i–iv–V–i
        { 4, true, [0, 5, 3, 4] },    // E minor i–VI–iv–V
        { 1, true, [0, 3, 4, 0] },    // C# minor
    };

    [Theory]
    [MemberData(nameof(Keys))]
    public void Cadences_GiveTheKey(int tonic, bool minor, int[] degrees)
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Chords(tonic, minor, degrees, 2, 24));

        Assert.Equal(tonic, analysis.Key.Tonic);
        Assert.Equal(minor, analysis.Key.IsMinor);
        Assert.True(analysis.Key.Confidence >= 0.5, $"confidence {analysis.Key.Confidence:0.00}");
    }

    [Theory]
    [InlineData("E minor", 1)]
    [InlineData("E minor", 2)]
    [InlineData("G minor", 1)]
    public async Task LoudLowBass_DoesNotOutvoteTheHarmony(string keyName, long seed)
    {
        // The generator's chiptune bass (a loud triangle on E2/A2/B2 in E minor) smears over neighbouring semitones in
        // the 4096-point spectrum; before the 130 Hz chroma floor these songs read as the subdominant (A minor).
        using var song = await new SongGenerator().WithStyle(MusicStyle.Chiptune).WithTempo(140).WithKey(keyName).WithMeter(MusicMeter.FourFour)
            .WithBars(16).WithSeed(seed).WithSampleRate(22_050).GenerateAsync(cancellationToken: TestContext.Current.CancellationToken);

        var description = await new Captioner().AnalyzeAsync(song.Mix, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(MusicKey.TryParse(description.Key.Name, out var detected), description.Key.Name);
        Assert.Equal(MusicKey.Parse(keyName), detected);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(-25)]
    public void DetunedRecording_IsTunedAndKeyed(double cents)
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Chords(2, false, [0, 3, 4, 0], 2, 24, cents: cents));

        Assert.InRange(analysis.Key.TuningCents, cents - 10, cents + 10);
        Assert.Equal(2, analysis.Key.Tonic);
        Assert.False(analysis.Key.IsMinor);
    }

    [Fact]
    public void WhiteNoise_HasLowKeyConfidence()
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Noise(20, 22050));

        Assert.True(analysis.Key.Confidence < 0.3, $"confidence {analysis.Key.Confidence:0.00}");
    }

    [Fact]
    public void Silence_HasNoKey()
    {
        var analysis = AnalysisRunner.Analyze(new float[22050 * 5]);

        Assert.Null(analysis.Key.Tonic);
        Assert.Equal(0, analysis.Key.Confidence);
    }

    [Fact]
    public void Correlate_IsOneForTheProfileItself_AndRotates()
    {
        var profile = KeyProfiles.TemperleyMajor;

        Assert.Equal(1, KeyEstimator.Correlate(profile, profile, 0), 9);
        var rotated = Enumerable.Range(0, 12).Select(k => profile[((k - 5) % 12 + 12) % 12]).ToArray();
        Assert.Equal(1, KeyEstimator.Correlate(rotated, profile, 5), 9);
        Assert.True(KeyEstimator.Correlate(rotated, profile, 0) < 0.9);
    }

    [Fact]
    public void EstimateTuning_ReadsTheSubSemitonePosition()
    {
        // All energy in the bin one third of a semitone above each pitch class: +33 cents.
        var chroma = new float[36 * 4];
        for (var frame = 0; frame < 4; frame++)
        {
            chroma[(frame * 36) + 1] = 1;
            chroma[(frame * 36) + 22] = 0.5f;
        }

        var (semitones, strength) = KeyEstimator.EstimateTuning(chroma, 4);

        Assert.Equal(1 / 3.0, semitones, 3);
        Assert.True(strength > 0.9);
    }
}
