using System.Globalization;
using MusicAI.Sdk.Captioning.Evaluation;

namespace MusicAI.Sdk.Tests.Captioning.Evaluation;

public sealed class CaptionMetricsTests
{
    [Fact]
    public void KeyScore_MatchesMirEvalForEveryPair()
    {
        // mir_eval.key.weighted_score for all 24 × 24 pairs (tests/TestAssets/generate/cap_fixtures.py).
        var lines = File.ReadAllLines(TestAssets.Path("captioning", "mirex_key_scores.csv")).Skip(1).ToArray();

        Assert.Equal(576, lines.Length);
        foreach (var line in lines)
        {
            var cells = line.Split(',');
            Assert.Equal(double.Parse(cells[2], CultureInfo.InvariantCulture), CaptionMetrics.KeyScore(cells[1], cells[0]), 9);
        }
    }

    [Fact]
    public void KeyScore_OfNoEstimate_IsZero() => Assert.Equal(0, CaptionMetrics.KeyScore(null, "C major"));

    [Fact]
    public void KeyScore_RejectsABadReference() => Assert.Throws<ArgumentException>(() => CaptionMetrics.KeyScore("C major", "nonsense"));

    [Theory]
    [InlineData(120, 120, true, true)]
    [InlineData(124.7, 120, true, true)]
    [InlineData(125.1, 120, false, false)]
    [InlineData(240, 120, false, true)]
    [InlineData(60.5, 120, false, true)]
    [InlineData(360, 120, false, true)]
    [InlineData(40, 120, false, true)]
    [InlineData(180, 120, false, false)]
    public void Tempo_Acc1AndAcc2(double estimate, double reference, bool acc1, bool acc2)
    {
        Assert.Equal(acc1, CaptionMetrics.TempoAcc1(estimate, reference));
        Assert.Equal(acc2, CaptionMetrics.TempoAcc2(estimate, reference));
    }

    [Fact]
    public void Tempo_NoEstimate_IsWrong()
    {
        Assert.False(CaptionMetrics.TempoAcc1(null, 120));
        Assert.False(CaptionMetrics.TempoAcc2(null, 120));
    }
}
