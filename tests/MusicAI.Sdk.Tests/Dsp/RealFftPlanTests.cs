using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class RealFftPlanTests
{
    private const double Tolerance = 5e-6;

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (var n = 1; n <= 80; n++)
        {
            data.Add(n);
        }

        foreach (var n in new[] { 128, 130, 254, 256, 1000, 1001, 2062, 4096, 6144, 7680 })
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Forward_MatchesNaiveDftOfRealInput(int length)
    {
        var x = DspReference.Noise(length, length);
        var (refRe, refIm) = DspReference.Dft(x, new float[length]);
        var plan = RealFftPlan.Get(length);
        var re = new float[plan.BinCount];
        var im = new float[plan.BinCount];
        plan.Forward(x, re, im);
        Assert.InRange(DspReference.MaxRelativeError(re, im, refRe.AsSpan(0, plan.BinCount), refIm.AsSpan(0, plan.BinCount)), 0, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Inverse_ReturnsLengthTimesTheSignal(int length)
    {
        var x = DspReference.Noise(length, 5 * length);
        var plan = RealFftPlan.Get(length);
        var re = new float[plan.BinCount];
        var im = new float[plan.BinCount];
        plan.Forward(x, re, im);
        var y = new float[length];
        plan.Inverse(re, im, y);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(x[i], y[i] / length, 2e-6);
        }
    }

    [Theory]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(4096)]
    public void Inverse_IgnoresImaginaryPartsOfDcAndNyquist(int length)
    {
        var x = DspReference.Noise(length, 9);
        var plan = RealFftPlan.Get(length);
        var re = new float[plan.BinCount];
        var im = new float[plan.BinCount];
        plan.Forward(x, re, im);
        im[0] = 123;
        if (length % 2 == 0)
        {
            im[^1] = -77;
        }

        var y = new float[length];
        plan.Inverse(re, im, y);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(x[i], y[i] / length, 2e-6);
        }
    }

    [Theory]
    [InlineData(128)]
    [InlineData(200)]
    [InlineData(4096)]
    [InlineData(6144)]
    [InlineData(7680)]
    public void SimdPath_MatchesScalarPath(int length)
    {
        var x = DspReference.Noise(length, 3);
        var fast = new RealFftPlan(length);
        var slow = new RealFftPlan(length, allowSimd: false);
        var re1 = new float[fast.BinCount];
        var im1 = new float[fast.BinCount];
        var re2 = new float[fast.BinCount];
        var im2 = new float[fast.BinCount];
        fast.Forward(x, re1, im1);
        slow.Forward(x, re2, im2);
        Assert.InRange(DspReference.MaxRelativeError(re1, im1, Array.ConvertAll(re2, v => (double)v), Array.ConvertAll(im2, v => (double)v)), 0, 1e-6);
        var y1 = new float[length];
        var y2 = new float[length];
        fast.Inverse(re1, im1, y1);
        slow.Inverse(re1, im1, y2);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(y2[i] / length, y1[i] / length, 1e-6);
        }
    }

    [Fact]
    public void Forward_MatchesComplexFftOfRealInput()
    {
        const int n = 3840;
        var x = DspReference.Noise(n, 21);
        var re = (float[])x.Clone();
        var im = new float[n];
        FftPlan.Get(n).Forward(re, im);
        var plan = RealFftPlan.Get(n);
        var hr = new float[plan.BinCount];
        var hi = new float[plan.BinCount];
        plan.Forward(x, hr, hi);
        var refRe = Array.ConvertAll(re[..plan.BinCount], v => (double)v);
        var refIm = Array.ConvertAll(im[..plan.BinCount], v => (double)v);
        Assert.InRange(DspReference.MaxRelativeError(hr, hi, refRe, refIm), 0, 2e-6);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1024)]
    [InlineData(4096)]
    public void Forward_MatchesNWavesRealFft(int length)
    {
        var x = DspReference.Noise(length, 31);
        var nwRe = new float[length];
        var nwIm = new float[length];
        new NWaves.Transforms.RealFft(length).Direct(x, nwRe, nwIm);
        var plan = RealFftPlan.Get(length);
        var re = new float[plan.BinCount];
        var im = new float[plan.BinCount];
        plan.Forward(x, re, im);
        var refRe = Array.ConvertAll(nwRe[..plan.BinCount], v => (double)v);
        var refIm = Array.ConvertAll(nwIm[..plan.BinCount], v => (double)v);
        Assert.InRange(DspReference.MaxRelativeError(re, im, refRe, refIm), 0, 5e-6);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(2048)]
    public void ComplexForward_MatchesNWavesFft(int length)
    {
        var re = DspReference.Noise(length, 41);
        var im = DspReference.Noise(length, 42);
        var nwRe = (float[])re.Clone();
        var nwIm = (float[])im.Clone();
        new NWaves.Transforms.Fft(length).Direct(nwRe, nwIm);
        FftPlan.Get(length).Forward(re, im);
        Assert.InRange(DspReference.MaxRelativeError(re, im, Array.ConvertAll(nwRe, v => (double)v), Array.ConvertAll(nwIm, v => (double)v)), 0, 5e-6);
    }

    [Fact]
    public void ShortSpans_Throw()
    {
        var plan = RealFftPlan.Get(64);
        Assert.Equal(33, plan.BinCount);
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[63], new float[33], new float[33]));
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[64], new float[32], new float[33]));
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[64], new float[33], new float[32]));
        Assert.Throws<ArgumentException>(() => plan.Inverse(new float[33], new float[33], new float[63]));
        Assert.Throws<ArgumentException>(() => plan.Inverse(new float[32], new float[33], new float[64]));
    }
}
