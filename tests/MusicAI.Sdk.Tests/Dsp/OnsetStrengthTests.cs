using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class OnsetStrengthTests
{
    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (var n = 0; n <= 256; n++)
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Flux_MatchesScalarOracle(int bands)
    {
        var current = DspReference.Noise(bands, bands);
        var previous = DspReference.Noise(bands, bands + 7);
        double expected = 0;
        for (var b = 0; b < bands; b++)
        {
            expected += Math.Max(0, current[b] - previous[b]);
        }

        expected = bands == 0 ? 0 : expected / bands;
        Assert.Equal(expected, OnsetStrength.Flux(current, previous, new float[bands]), 1e-5);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(40, 1)]
    [InlineData(128, 2)]
    public void Compute_MatchesScalarOracle(int bands, int lag)
    {
        const int frames = 30;
        var s = DspReference.Noise(frames * bands, bands);
        var onset = new float[frames];
        OnsetStrength.Compute(s, bands, onset, new float[bands], lag);
        for (var t = 0; t < frames; t++)
        {
            double expected = 0;
            if (t >= lag)
            {
                for (var b = 0; b < bands; b++)
                {
                    expected += Math.Max(0, s[(t * bands) + b] - s[((t - lag) * bands) + b]);
                }

                expected /= bands;
            }

            Assert.Equal(expected, onset[t], 1e-5);
        }
    }

    [Fact]
    public void Compute_PeaksWhereEnergyRises()
    {
        // Four bands, silent (−80 dB) for 5 frames, then loud (0 dB): only frame 5 sees a rise of 80 dB.
        var s = new float[10 * 4];
        for (var i = 0; i < s.Length; i++)
        {
            s[i] = i < 20 ? -80f : 0f;
        }

        var onset = new float[10];
        OnsetStrength.Compute(s, 4, onset, new float[4]);
        Assert.Equal([0f, 0f, 0f, 0f, 0f, 80f, 0f, 0f, 0f, 0f], onset);
    }

    [Fact]
    public void Validation()
    {
        Assert.Throws<ArgumentException>(() => OnsetStrength.Flux(new float[3], new float[4], new float[4]));
        Assert.Throws<ArgumentException>(() => OnsetStrength.Flux(new float[4], new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => OnsetStrength.Compute(new float[10], 4, new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => OnsetStrength.Compute(new float[12], 4, new float[2], new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => OnsetStrength.Compute(new float[12], 4, new float[3], new float[4], lag: 0));
    }
}
