using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class BiquadCascadeTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ProcessSquaresInBlocks_EqualsProcessThenSummedSquares(int sectionCount)
    {
        var sections = FilterDesign.ButterworthHighPass(2 * sectionCount, 150, 44_100);
        Assert.Equal(sectionCount, sections.Length);
        var x = DspReference.Noise(10_007, sectionCount);
        var y = new float[x.Length];
        new BiquadCascade(sections).Process(x, y);
        const int block = 441;
        var expected = new double[(x.Length + block - 1) / block];
        for (var i = 0; i < y.Length; i++)
        {
            expected[i / block] += 0.5 * y[i] * y[i];
        }

        // Two calls split mid-block, to check the state carries over; the split point is a block boundary.
        var squares = new double[expected.Length];
        var cascade = new BiquadCascade(sections);
        cascade.ProcessSquaresInBlocks(x.AsSpan(0, 10 * block), squares, block, 0.5);
        cascade.ProcessSquaresInBlocks(x.AsSpan(10 * block), squares.AsSpan(10), block, 0.5);
        for (var b = 0; b < expected.Length; b++)
        {
            Assert.Equal(expected[b], squares[b], 1e-5 * Math.Max(1, expected[b]));
        }

        Assert.Throws<ArgumentException>(() => new BiquadCascade(sections).ProcessSquaresInBlocks(x, new double[expected.Length - 1], block, 1));
    }
}
