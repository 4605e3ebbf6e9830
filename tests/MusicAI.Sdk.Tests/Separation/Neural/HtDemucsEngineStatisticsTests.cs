using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class HtDemucsEngineStatisticsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(65_535)]
    [InlineData(65_537)]
    [InlineData(300_001)]
    public void MixStatistics_AreTheMeanAndUnbiasedStdOfTheMonoMix(int frames)
    {
        var mix = NeuralTestSignal.Generate(frames);
        for (var i = 0; i < frames; i++)
        {
            mix[0][i] += 0.1f;
        }

        var mono = Enumerable.Range(0, frames).Select(i => (double)((mix[0][i] + mix[1][i]) * 0.5f)).ToArray();
        var mean = mono.Average();
        var std = frames > 1 ? Math.Sqrt(mono.Sum(v => (v - mean) * (v - mean)) / (frames - 1)) : 0;

        var (actualMean, actualStd) = HtDemucsEngine.MixStatistics(new MemorySeparationSource(mix), TestContext.Current.CancellationToken);

        Assert.Equal(mean, actualMean, 1e-12);
        Assert.Equal(std, actualStd, 1e-12);
    }

    [Theory]
    [InlineData(343_980)]
    [InlineData(11)]
    public void TriangleWeights_AreDemucsSplitWeights(int segment)
    {
        var weights = HtDemucsEngine.TriangleWeights(segment);

        // cat(arange(1, L//2 + 1), arange(L - L//2, 0, -1)) / max
        var raw = Enumerable.Range(1, segment / 2).Concat(Enumerable.Range(1, segment - (segment / 2)).Reverse()).Select(v => (double)v).ToArray();
        var max = raw.Max();
        Assert.Equal(segment, weights.Length);
        for (var k = 0; k < segment; k++)
        {
            Assert.Equal((float)(raw[k] / max), weights[k]);
        }
    }
}
