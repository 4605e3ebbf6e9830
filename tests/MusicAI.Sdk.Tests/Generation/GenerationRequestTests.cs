using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Generation;

public sealed class GenerationRequestTests
{
    private static readonly SongGenerator s_generator = TestGenerators.WithTestSynth();

    [Fact]
    public void UnknownStyles_AreRejected_ListingTheStyles()
    {
        var error = Assert.Throws<ArgumentException>(() => s_generator.WithStyle("polka"));

        foreach (var name in SongGenerator.Styles)
        {
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => s_generator.WithStyle((MusicStyle)99));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(39.9)]
    [InlineData(240.1)]
    [InlineData(10_000)]
    [InlineData(double.NaN)]
    public void TempiOutside40To240_AreRejected(double bpm)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => s_generator.CreateRequest().WithTempo(bpm));

        Assert.Contains("40 to 240", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DurationsOfZeroOrLess_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => s_generator.CreateRequest().WithDuration(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_generator.CreateRequest().WithDuration(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_generator.CreateRequest().WithBars(0));
    }

    [Fact]
    public void InvalidKeys_AreRejected_ShowingTheAcceptedForms()
    {
        var error = Assert.Throws<ArgumentException>(() => s_generator.CreateRequest().WithKey("Q major"));

        Assert.Contains("F#m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_AreImmutable()
    {
        var a = s_generator.WithStyle(MusicStyle.Rock).WithSeed(1);
        var b = a.WithTempo(140);
        var c = a.WithTempo(100);

        Assert.Equal(a.Resolve().TempoBpm, s_generator.WithStyle(MusicStyle.Rock).WithSeed(1).Resolve().TempoBpm);
        Assert.Equal(140, b.Resolve().TempoBpm);
        Assert.Equal(100, c.Resolve().TempoBpm);
        Assert.Equal(MusicStyle.Rock, c.Resolve().Style);
    }

    [Fact]
    public void Durations_RoundToWholeBars()
    {
        var p = s_generator.CreateRequest().WithTempo(120).WithMeter(MusicMeter.FourFour).WithDuration(TimeSpan.FromSeconds(9)).Resolve();

        Assert.Equal(5, p.Bars); // 9 s / 2 s per bar = 4.5 → 5 (halves round away from zero)
        Assert.Equal(1, s_generator.CreateRequest().WithTempo(120).WithDuration(TimeSpan.FromMilliseconds(10)).Resolve().Bars);
    }

    [Fact]
    public void MutingEveryStem_IsAnError()
    {
        var request = s_generator.CreateRequest();
        foreach (var stem in new[] { "drums", "bass", "chords", "pad", "melody" })
        {
            request = request.WithStemEnabled(stem, false);
        }

        Assert.Throws<ArgumentException>(() => request.Resolve());
        Assert.Throws<ArgumentException>(() => s_generator.CreateRequest().WithStemEnabled("kazoo", true));
    }

    [Fact]
    public void InvalidOptions_AreReportedAtConstruction()
    {
        var error = Assert.Throws<ArgumentException>(() => TestGenerators.WithTestSynth(new SongGeneratorOptions { SampleRate = 100, MaxOfflineDuration = TimeSpan.Zero }));

        Assert.Contains("SampleRate", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxOfflineDuration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_AreDocumentedValues()
    {
        var song = s_generator.CreateRequest().WithSeed(3).Resolve();
        var loop = s_generator.CreateRequest().AsLoop().WithSeed(3).Resolve();

        Assert.Equal(MusicStyle.Exploration, song.Style);
        Assert.Equal(48_000, song.SampleRate);
        Assert.InRange(song.Duration.TotalSeconds, 50, 70);
        Assert.Equal(0, song.Bars % 4);
        Assert.Equal(8, loop.Bars);
        Assert.Equal(["drums", "bass", "chords", "pad", "melody"], song.Stems);
    }
}
