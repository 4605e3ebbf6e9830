using MusicAI.Sdk.Captioning.Analysis;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

public sealed class SlidingMedianTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    public void Median_MatchesASortedWindow(int size)
    {
        var random = new Random(size);
        var values = Enumerable.Range(0, 300).Select(_ => (float)Math.Round(random.NextDouble() * 20)).ToArray();
        var median = new SlidingMedian(size);
        for (var i = 0; i < values.Length; i++)
        {
            median.Push(values[i]);
            var window = values[Math.Max(0, i - size + 1)..(i + 1)].Order().ToArray();
            Assert.Equal(window[(window.Length - 1) / 2], median.Median);
        }
    }

    [Fact]
    public void Of_LeavesTheInputAlone()
    {
        float[] values = [5, 1, 4, 2, 3];
        var scratch = new float[5];

        Assert.Equal(3, SlidingMedian.Of(values, scratch));
        Assert.Equal([5f, 1, 4, 2, 3], values);
        Assert.Equal(0, SlidingMedian.Of([], scratch));
    }
}
