using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class FilterTests
{
    private const float SampleRate = 48000;

    [Theory]
    [InlineData(250f)]
    [InlineData(1000f)]
    [InlineData(2500f)]
    public void LowPass_IsMinus3dBAtCutoffAndFalls12dBPerOctave(float cutoff)
    {
        var impulse = Impulse(cutoff, 0.7071f, FilterMode.LowPass);

        Assert.Equal(0, Spectrum.ResponseDb(impulse, 20, SampleRate), 0.05);
        Assert.Equal(-3.01, Spectrum.ResponseDb(impulse, cutoff, SampleRate), 0.1);
        var oneOctave = Spectrum.ResponseDb(impulse, 2 * cutoff, SampleRate);
        var twoOctaves = Spectrum.ResponseDb(impulse, 4 * cutoff, SampleRate);
        Assert.InRange(oneOctave - twoOctaves, 11.0, 14.5); // 12 dB/oct (bilinear warping steepens it near Nyquist)
    }

    [Fact]
    public void HighPass_MirrorsTheLowPass()
    {
        var impulse = Impulse(1000f, 0.7071f, FilterMode.HighPass);

        Assert.Equal(-3.01, Spectrum.ResponseDb(impulse, 1000, SampleRate), 0.1);
        Assert.Equal(0, Spectrum.ResponseDb(impulse, 15000, SampleRate), 0.3);
        Assert.InRange(Spectrum.ResponseDb(impulse, 250, SampleRate), -25, -23);
    }

    [Fact]
    public void BandPass_PeaksAtUnityAtTheCentre()
    {
        var impulse = Impulse(2000f, 4f, FilterMode.BandPass);

        Assert.Equal(0, Spectrum.ResponseDb(impulse, 2000, SampleRate), 0.1);
        Assert.True(Spectrum.ResponseDb(impulse, 500, SampleRate) < -20);
        Assert.True(Spectrum.ResponseDb(impulse, 8000, SampleRate) < -20);
    }

    [Fact]
    public void Resonance_RaisesThePeak()
    {
        var impulse = Impulse(1000f, 4f, FilterMode.LowPass);

        Assert.Equal(20 * Math.Log10(4), Spectrum.ResponseDb(impulse, 1000, SampleRate), 0.2);
    }

    [Fact]
    public void PairAndCascade_MatchSingleFilters()
    {
        var x = OscillatorTests.Render("saw", 220, 4096);
        var y = OscillatorTests.Render("square", 330, 4096);
        var single = default(StateVariableFilter);
        single.SetCoefficients(800f, 1.2f, SampleRate);
        var expectedX = (float[])x.Clone();
        var expectedY = (float[])y.Clone();
        var a = single;
        var b = single;
        a.Process(expectedX, FilterMode.LowPass);
        b.Process(expectedY, FilterMode.LowPass);
        var pa = single;
        var pb = single;
        var px = (float[])x.Clone();
        var py = (float[])y.Clone();
        StateVariableFilter.ProcessPair(ref pa, ref pb, px, py, FilterMode.LowPass);

        // The pair steps two samples at a time with SIMD (C²·s + C·b·x + b·x'): the same filter, rounded differently.
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(expectedX[i], px[i], 2e-6f);
            Assert.Equal(expectedY[i], py[i], 2e-6f);
        }

        var c1 = single;
        var c2 = single;
        var cascaded = (float[])x.Clone();
        StateVariableFilter.ProcessCascade(ref c1, ref c2, cascaded, FilterMode.LowPass);
        var twice = (float[])expectedX.Clone();
        var again = single;
        again.Process(twice, FilterMode.LowPass);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(twice[i], cascaded[i], 2e-6f);
        }
    }

    private static float[] Impulse(float cutoff, float q, FilterMode mode)
    {
        var filter = default(StateVariableFilter);
        filter.SetCoefficients(cutoff, q, SampleRate);
        var impulse = new float[16384];
        impulse[0] = 1f;
        filter.Process(impulse, mode);
        return impulse;
    }
}
