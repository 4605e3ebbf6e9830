using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class FftPlanTests
{
    // Single-precision FFTs have errors that grow like ε·log N; Bluestein adds two extra transforms.
    private const double Tolerance = 5e-6;

    public static TheoryData<int> Lengths()
    {
        var data = new TheoryData<int>();
        for (var n = 1; n <= 70; n++)
        {
            data.Add(n);
        }

        foreach (var n in new[] { 96, 97, 100, 125, 127, 128, 192, 243, 256, 320, 343, 384, 448, 500, 512, 640, 960, 1000, 1024, 1031, 2048, 3072, 3840, 4096, 6144, 7680 })
        {
            data.Add(n);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Forward_MatchesNaiveDft(int length)
    {
        var re = DspReference.Noise(length, length);
        var im = DspReference.Noise(length, length + 1000);
        var (refRe, refIm) = DspReference.Dft(re, im);
        FftPlan.Get(length).Forward(re, im);
        Assert.InRange(DspReference.MaxRelativeError(re, im, refRe, refIm), 0, Tolerance);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Inverse_MatchesNaiveInverseDft(int length)
    {
        var re = DspReference.Noise(length, 3 * length);
        var im = DspReference.Noise(length, (3 * length) + 1);
        var (refRe, refIm) = DspReference.Dft(re, im, sign: +1);
        FftPlan.Get(length).Inverse(re, im);
        Assert.InRange(DspReference.MaxRelativeError(re, im, refRe, refIm), 0, Tolerance);
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    [InlineData(192)]
    [InlineData(320)]
    [InlineData(448)]
    [InlineData(2048)]
    [InlineData(3072)]
    [InlineData(3840)]
    [InlineData(4096)]
    public void SimdPlan_MatchesScalarPlan(int length)
    {
        var simd = new FftPlan(length);
        var scalar = new FftPlan(length, allowSimd: false);
        Assert.False(scalar.IsVectorized);
        Assert.Equal(FftSimdKernelsSupported(), simd.IsVectorized);
        var re1 = DspReference.Noise(length, 7);
        var im1 = DspReference.Noise(length, 8);
        var re2 = (float[])re1.Clone();
        var im2 = (float[])im1.Clone();
        simd.Forward(re1, im1);
        scalar.Forward(re2, im2);
        var refRe = Array.ConvertAll(re2, x => (double)x);
        var refIm = Array.ConvertAll(im2, x => (double)x);
        Assert.InRange(DspReference.MaxRelativeError(re1, im1, refRe, refIm), 0, 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(60)]
    [InlineData(1031)]
    [InlineData(4096)]
    [InlineData(7680)]
    public void InverseOfForward_ReturnsLengthTimesInput(int length)
    {
        var re = DspReference.Noise(length, 11);
        var im = DspReference.Noise(length, 12);
        var re0 = (float[])re.Clone();
        var im0 = (float[])im.Clone();
        var plan = FftPlan.Get(length);
        plan.Forward(re, im);
        plan.Inverse(re, im);
        for (var i = 0; i < length; i++)
        {
            Assert.Equal(re0[i], re[i] / length, 1e-5);
            Assert.Equal(im0[i], im[i] / length, 1e-5);
        }
    }

    [Fact]
    public void Impulse_TransformsToAllOnes()
    {
        var re = new float[3840];
        var im = new float[3840];
        re[0] = 1;
        FftPlan.Get(3840).Forward(re, im);
        Assert.All(re, v => Assert.Equal(1f, v, 1e-6f));
        Assert.All(im, v => Assert.Equal(0f, v, 1e-6f));
    }

    [Fact]
    public void LargePrimeFactor_UsesBluestein()
    {
        Assert.True(FftPlan.Get(1031).IsBluestein);
        Assert.False(FftPlan.Get(7680).IsBluestein);
        Assert.False(FftPlan.Get(31 * 64).IsBluestein);
        Assert.True(FftPlan.Get(37 * 64).IsBluestein);
    }

    [Fact]
    public void Forward_UsesOnlyTheFirstLengthElements()
    {
        var re = DspReference.Noise(20, 1);
        var im = DspReference.Noise(20, 2);
        var (refRe, refIm) = DspReference.Dft(re.AsSpan(0, 16), im.AsSpan(0, 16));
        FftPlan.Get(16).Forward(re, im);
        Assert.InRange(DspReference.MaxRelativeError(re.AsSpan(0, 16), im.AsSpan(0, 16), refRe, refIm), 0, Tolerance);
        Assert.Equal(DspReference.Noise(20, 1)[16..], re[16..]);
    }

    [Fact]
    public void ShortSpans_Throw()
    {
        var plan = FftPlan.Get(64);
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[63], new float[64]));
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[64], new float[63]));
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[64], new float[64], new float[plan.ScratchLength - 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FftPlan.Get(0));
    }

    [Fact]
    public void Get_ReturnsTheCachedPlan() => Assert.Same(FftPlan.Get(480), FftPlan.Get(480));

    private static bool FftSimdKernelsSupported() => FftSimdKernels.IsSupported;
}
