using MusicAI.Sdk.Separation.Dsp;
using NWaves.Filters;
using NWaves.Signals;

namespace MusicAI.Sdk.Tests.Separation.Dsp;

public sealed class RunningMedianTests
{
    public static TheoryData<int> Windows => [1, 3, 5, 17, 31];

    [Theory]
    [MemberData(nameof(Windows))]
    public void FilterMatchesTheSortingOracleAtEveryLength(int window)
    {
        for (var n = 0; n <= 256; n++)
        {
            var input = Values(n, seed: n + (1000 * window), ties: n % 3 == 0);
            var actual = new float[n];
            RunningMedian.Filter(input, window, actual);
            Assert.Equal(Oracle(input, window), actual);
        }
    }

    [Theory]
    [InlineData(17, 500)]
    [InlineData(31, 257)]
    [InlineData(5, 4)]
    public void FilterMatchesNWavesMedianFilter(int window, int n)
    {
        var input = Values(n, seed: 7, ties: false);
        var actual = new float[n];
        RunningMedian.Filter(input, window, actual);
        var expected = new MedianFilter(window).ApplyTo(new DiscreteSignal(8000, input)).Samples;
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public void FilterColumnsMatchesTheOracleOnEveryColumn(int window)
    {
        foreach (var (rows, columns) in new[] { (0, 5), (1, 1), (2, 3), (16, 7), (40, 33), (100, 2) })
        {
            var matrix = Values(rows * columns, seed: rows + columns, ties: true);
            var actual = new float[rows * columns];
            RunningMedian.FilterColumns(matrix, rows, columns, window, actual, new float[columns * window]);
            for (var c = 0; c < columns; c++)
            {
                var column = Enumerable.Range(0, rows).Select(r => matrix[(r * columns) + c]).ToArray();
                var expected = Oracle(column, window);
                for (var r = 0; r < rows; r++)
                {
                    Assert.Equal(expected[r], actual[(r * columns) + c]);
                }
            }
        }
    }

    [Fact]
    public void EvenOrNonPositiveWindowsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RunningMedian.Filter(new float[4], 4, new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunningMedian.Filter(new float[4], 0, new float[4]));
        Assert.Throws<ArgumentException>(() => RunningMedian.Filter(new float[4], 3, new float[3]));
        Assert.Throws<ArgumentException>(() => RunningMedian.FilterColumns(new float[6], 2, 3, 3, new float[6], new float[8]));
    }

    private static float[] Oracle(float[] input, int window)
    {
        var half = window / 2;
        var result = new float[input.Length];
        var values = new float[window];
        for (var i = 0; i < input.Length; i++)
        {
            for (var j = 0; j < window; j++)
            {
                var k = i - half + j;
                values[j] = k >= 0 && k < input.Length ? input[k] : 0f;
            }

            Array.Sort(values);
            result[i] = values[half];
        }

        return result;
    }

    private static float[] Values(int n, int seed, bool ties)
    {
        var random = new Random(seed);
        var values = new float[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = ties ? random.Next(-3, 4) : (float)((random.NextDouble() * 2) - 1);
        }

        return values;
    }
}
