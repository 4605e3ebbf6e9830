using MusicAI.Sdk.Captioning.Analysis;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

public sealed class MeterEstimatorTests
{
    [Theory]
    [InlineData(3, 150.0)]
    [InlineData(4, 120.0)]
    [InlineData(3, 96.0)]
    [InlineData(4, 100.0)]
    public void AccentedBars_GiveTheMeterAndTheDownbeats(int beatsPerBar, double bpm)
    {
        var secondsPerBar = beatsPerBar * 60 / bpm;
        var clicks = SyntheticMusic.ClickTrack(bpm, 40, beatsPerBar, firstBeat: 0.5);
        var chords = SyntheticMusic.Chords(0, false, [0, 3, 4, 0, 5, 3, 4, 4], secondsPerBar, 40);
        var shifted = new float[clicks.Length];
        Array.Copy(chords, 0, shifted, (int)(0.5 * 22050), clicks.Length - (int)(0.5 * 22050));

        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Mix(clicks, shifted));

        Assert.Equal(beatsPerBar, analysis.Meter.BeatsPerBar);
        Assert.True(analysis.Meter.Confidence >= 0.3, $"confidence {analysis.Meter.Confidence:0.00}");
        var downbeats = analysis.Meter.Downbeats.Select(i => AnalysisGrid.FrameTime(analysis.Tempo.Beats[i])).ToArray();
        var onBarLines = downbeats.Count(t => Math.Abs(((t - 0.5) / secondsPerBar) - Math.Round((t - 0.5) / secondsPerBar)) * secondsPerBar < 0.07);
        Assert.True(onBarLines >= 0.9 * downbeats.Length, $"{onBarLines} of {downbeats.Length} downbeats on bar lines");
    }

    [Fact]
    public void TooFewBeats_GiveNoMeter()
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.ClickTrack(120, 3));

        Assert.Null(analysis.Meter.BeatsPerBar);
        Assert.Empty(analysis.Meter.Downbeats);
    }
}
