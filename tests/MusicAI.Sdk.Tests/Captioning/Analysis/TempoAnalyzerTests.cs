using MusicAI.Sdk.Captioning.Evaluation;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

public sealed class TempoAnalyzerTests
{
    [Theory]
    [InlineData(72)]
    [InlineData(96)]
    [InlineData(120)]
    [InlineData(138)]
    public void ClickTrack_TempoWithinTolerance(double bpm)
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.ClickTrack(bpm, 30));

        Assert.NotNull(analysis.Tempo.Bpm);
        Assert.True(CaptionMetrics.TempoAcc1(analysis.Tempo.Bpm, bpm), $"estimated {analysis.Tempo.Bpm:0.0} for {bpm}");
        Assert.InRange(Math.Abs(analysis.Tempo.Bpm!.Value - bpm) / bpm, 0, 0.01);
        Assert.True(analysis.Tempo.Confidence >= 0.6, $"confidence {analysis.Tempo.Confidence:0.00}");
    }

    [Theory]
    [InlineData(175)]
    [InlineData(52)]
    public void ClickTrack_FarFromThePrior_IsRightUpToAnOctave(double bpm)
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.ClickTrack(bpm, 30));

        Assert.True(CaptionMetrics.TempoAcc2(analysis.Tempo.Bpm, bpm), $"estimated {analysis.Tempo.Bpm:0.0} for {bpm}");
    }

    [Fact]
    public void SwungEighths_KeepTheQuarterNoteTempo()
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.ClickTrack(120, 30, swing: 2.0 / 3));

        Assert.True(CaptionMetrics.TempoAcc1(analysis.Tempo.Bpm, 120), $"estimated {analysis.Tempo.Bpm:0.0}");
    }

    [Fact]
    public void Beats_MatchTheClicks()
    {
        const double bpm = 110;
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.ClickTrack(bpm, 30, firstBeat: 0.5));
        var reference = Enumerable.Range(0, 100).Select(i => 0.5 + (i * 60 / bpm)).Where(t => t < 29.9).ToArray();

        var f = AnalysisRunner.BeatFMeasure(AnalysisRunner.BeatTimes(analysis), reference);

        Assert.True(f >= 0.95, $"F-measure {f:0.000}");
    }

    [Fact]
    public void TempoChange_IsReported()
    {
        var signal = SyntheticMusic.Concat(SyntheticMusic.ClickTrack(100, 70, seed: 1), SyntheticMusic.ClickTrack(130, 70, seed: 2));

        var analysis = AnalysisRunner.Analyze(signal);

        var changes = analysis.Tempo.Changes;
        Assert.True(changes.Count >= 2, $"{changes.Count} segments");
        Assert.True(CaptionMetrics.TempoAcc1(changes[0].Bpm, 100), $"first {changes[0].Bpm:0.0}");
        Assert.True(CaptionMetrics.TempoAcc1(changes[^1].Bpm, 130), $"last {changes[^1].Bpm:0.0}");
        var change = changes.First(c => CaptionMetrics.TempoAcc1(c.Bpm, 130));
        Assert.InRange(change.Time, 55, 85);
    }

    [Fact]
    public void SteadyLongInput_ReportsOneTempo()
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.ClickTrack(124, 120));

        Assert.Single(analysis.Tempo.Changes);
        Assert.True(CaptionMetrics.TempoAcc1(analysis.Tempo.Bpm, 124));
    }

    [Fact]
    public void Silence_HasNoTempo()
    {
        var analysis = AnalysisRunner.Analyze(new float[22050 * 10]);

        Assert.Null(analysis.Tempo.Bpm);
        Assert.Equal(0, analysis.Tempo.Confidence);
        Assert.Empty(analysis.Tempo.Beats);
    }

    [Fact]
    public void WhiteNoise_HasLowTempoConfidence()
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Noise(20, 22050));

        Assert.True(analysis.Tempo.Confidence < 0.3, $"confidence {analysis.Tempo.Confidence:0.00}");
    }
}
