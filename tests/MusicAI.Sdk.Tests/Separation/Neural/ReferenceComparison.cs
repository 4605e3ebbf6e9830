namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>Compares whole-track stems with a fixture's strided samples and block statistics.</summary>
internal static class ReferenceComparison
{
    /// <summary>
    /// Largest |actual − expected| over the stored samples, and over the stored block means and RMS values (each of
    /// which differs by at most the largest sample difference when every sample is within it).
    /// </summary>
    public static (double Samples, double Blocks) MaxDifference(Func<int, int, float[]> actual, float[][][] strided, float[][][] blocks, int stride, int block, long frames)
    {
        double samples = 0, stats = 0;
        for (var s = 0; s < strided.Length; s++)
        {
            for (var c = 0; c < strided[s].Length; c++)
            {
                var track = actual(s, c);
                var expected = strided[s][c];
                Assert.Equal((frames + stride - 1) / stride, expected.Length);
                for (var k = 0; k < expected.Length; k++)
                {
                    samples = Math.Max(samples, Math.Abs(track[k * stride] - expected[k]));
                }

                var blockStats = blocks[s][c];
                for (var b = 0; b < blockStats.Length / 2; b++)
                {
                    var from = b * block;
                    var to = (int)Math.Min(frames, from + block);
                    double sum = 0, squares = 0;
                    for (var i = from; i < to; i++)
                    {
                        sum += track[i];
                        squares += (double)track[i] * track[i];
                    }

                    var n = to - from;
                    stats = Math.Max(stats, Math.Abs((sum / n) - blockStats[2 * b]));
                    stats = Math.Max(stats, Math.Abs(Math.Sqrt(squares / n) - blockStats[(2 * b) + 1]));
                }
            }
        }

        return (samples, stats);
    }
}
