using MusicAI.Sdk.Captioning.Analysis;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

public sealed class SectionSegmenterTests
{
    /// <summary>A: C-major chords with clicks; B: F#-minor chords, brighter and with noise hits — different harmony and timbre.</summary>
    private static float[] PartA(int seed) => SyntheticMusic.Mix(
        SyntheticMusic.Chords(0, false, [0, 3, 4, 0], 2, 20),
        SyntheticMusic.ClickTrack(120, 20, seed: seed));

    private static float[] PartB(int seed) => SyntheticMusic.Mix(
        SyntheticMusic.Chords(6, true, [0, 5, 3, 4], 1, 20, amplitude: 0.2),
        SyntheticMusic.ClickTrack(120, 20, swing: 0.5, seed: seed),
        SyntheticMusic.Noise(20, 22050, 0.05, seed));

    [Fact]
    public void AbaForm_GivesBoundariesAndLabels()
    {
        var signal = SyntheticMusic.Concat(PartA(1), PartB(2), PartA(3));

        var analysis = AnalysisRunner.Analyze(signal);

        var sections = analysis.Sections;
        var starts = sections.Skip(1).Select(s => AnalysisGrid.FrameTime(s.StartFrame)).ToArray();
        Assert.Contains(starts, t => Math.Abs(t - 20) <= 2);
        Assert.Contains(starts, t => Math.Abs(t - 40) <= 2);
        Assert.InRange(sections.Count, 3, 4);
        var first = sections[0].LabelIndex;
        var middle = sections.First(s => AnalysisGrid.FrameTime(s.StartFrame) >= 18 && AnalysisGrid.FrameTime(s.EndFrame) <= 42).LabelIndex;
        var last = sections[^1].LabelIndex;
        Assert.Equal(first, last);
        Assert.NotEqual(first, middle);
        Assert.Equal(0, sections[0].StartFrame);
        Assert.Equal(analysis.Features.FrameCount, sections[^1].EndFrame);
    }

    [Fact]
    public void RepeatedMaterial_SharesOneLabel()
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Concat(PartA(1), PartA(2)));

        Assert.Single(analysis.Sections.Select(s => s.LabelIndex).Distinct());
        Assert.True(analysis.Sections.Count <= 2);
    }

    [Fact]
    public void SteadyLoop_IsOneSection()
    {
        var loop = SyntheticMusic.Mix(SyntheticMusic.Chords(0, false, [0, 3, 4, 0], 2, 48), SyntheticMusic.ClickTrack(120, 48));

        var analysis = AnalysisRunner.Analyze(loop);

        Assert.Single(analysis.Sections);
    }

    [Fact]
    public void Sections_CoverTheInputWithoutGaps()
    {
        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Concat(PartA(1), PartB(2), PartA(3), PartB(4)));

        for (var i = 1; i < analysis.Sections.Count; i++)
        {
            Assert.Equal(analysis.Sections[i - 1].EndFrame, analysis.Sections[i].StartFrame);
        }
    }
}
