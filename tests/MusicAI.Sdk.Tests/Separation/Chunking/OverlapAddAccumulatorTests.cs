using MusicAI.Sdk.Separation.Chunking;

namespace MusicAI.Sdk.Tests.Separation.Chunking;

public sealed class OverlapAddAccumulatorTests
{
    [Theory]
    [InlineData(100, 100, 1000)]
    [InlineData(100, 75, 1003)]
    [InlineData(64, 1, 130)]
    [InlineData(37, 20, 37)]
    [InlineData(37, 20, 5)]
    public void StreamingWindow_EqualsWholeTrackOverlapAdd(int chunk, int step, int length)
    {
        // Oracle: whole-track arrays as the references build them.
        var random = new Random(chunk * 7919 + step);
        var total = new double[length];
        var weight = new double[length];
        var chunks = new List<(int Start, float[] Values, float[] Weights)>();
        for (var start = 0; start < length; start += step)
        {
            var n = Math.Min(chunk, length - start);
            var values = Enumerable.Range(0, n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
            var weights = Enumerable.Range(0, n).Select(_ => 0.1f + (float)random.NextDouble()).ToArray();
            chunks.Add((start, values, weights));
            for (var i = 0; i < n; i++)
            {
                total[start + i] += values[i] * weights[i];
                weight[start + i] += weights[i];
            }
        }

        using var accumulator = new OverlapAddAccumulator(2, 1, chunk);
        var output = new List<float>();
        foreach (var (start, values, weights) in chunks)
        {
            var offset = (int)(start - accumulator.Start);
            accumulator.AddWeighted(1, 0, offset, values, weights);
            accumulator.AddWeights(offset, weights);
            var final = Math.Min(start + step, length);
            var block = new float[final - accumulator.Start];
            accumulator.Normalize(1, 0, 0, block);
            output.AddRange(block);
            accumulator.Advance(block.Length);
        }

        Assert.Equal(length, output.Count);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(total[i] / weight[i], output[i], 1e-5);
        }
    }

    [Fact]
    public void Normalize_WithoutWeight_GivesZero()
    {
        using var accumulator = new OverlapAddAccumulator(1, 1, 4);
        accumulator.Add(0, 0, 0, [1f, 2f]);
        accumulator.AddWeights(0, 1, 2f);
        var block = new float[4];
        accumulator.Normalize(0, 0, 0, block);
        Assert.Equal([0.5f, 0f, 0f, 0f], block);
    }
}
