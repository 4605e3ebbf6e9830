using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class SpectralKernelsTests
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
    public void PowerAndMagnitude_MatchScalarOracle(int length)
    {
        var re = DspReference.Noise(length, length);
        var im = DspReference.Noise(length, length + 1);
        var power = new float[length];
        var magnitude = new float[length];
        SpectralKernels.Power(re, im, power);
        SpectralKernels.Magnitude(re, im, magnitude);
        for (var i = 0; i < length; i++)
        {
            var p = ((double)re[i] * re[i]) + ((double)im[i] * im[i]);
            Assert.Equal(p, power[i], 1e-6);
            Assert.Equal(Math.Sqrt(p), magnitude[i], 1e-6);
        }

        // In place: destination is the real span.
        SpectralKernels.Power(re, im, re);
        Assert.Equal(power, re);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void SoftMaskAndApplyMask_MatchScalarOracle(int length)
    {
        var target = Array.ConvertAll(DspReference.Noise(length, 2 * length), Math.Abs);
        var other = Array.ConvertAll(DspReference.Noise(length, (2 * length) + 1), Math.Abs);
        var total = target.Zip(other, (a, b) => a + b).ToArray();
        var mask = new float[length];
        SpectralKernels.SoftMask(target, total, 1e-8f, mask);
        var re = DspReference.Noise(length, 5);
        var im = DspReference.Noise(length, 6);
        var outRe = new float[length];
        var outIm = new float[length];
        SpectralKernels.ApplyMask(re, im, mask, outRe, outIm);
        for (var i = 0; i < length; i++)
        {
            var m = target[i] / (total[i] + 1e-8);
            Assert.Equal(m, mask[i], 1e-6);
            Assert.InRange(mask[i], 0f, 1f);
            Assert.Equal(re[i] * m, outRe[i], 1e-6);
            Assert.Equal(im[i] * m, outIm[i], 1e-6);
        }

        SpectralKernels.ApplyMask(re, im, mask);
        Assert.Equal(outRe, re);
        Assert.Equal(outIm, im);

        // In place over the target.
        SpectralKernels.SoftMask(target, total, 1e-8f, target);
        Assert.Equal(mask, target);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void PowerToDecibels_MatchesLibrosaFormula(int length)
    {
        var power = DspReference.Noise(length, 3 * length).Select((v, i) => i % 17 == 0 ? 0f : Math.Abs(v) * 100).ToArray();
        var db = new float[length];
        SpectralKernels.PowerToDecibels(power, db, reference: 2f, amin: 1e-10f);
        for (var i = 0; i < length; i++)
        {
            var expected = (10 * Math.Log10(Math.Max(1e-10, power[i]))) - (10 * Math.Log10(2));
            Assert.Equal(expected, db[i], 1e-4);
        }

        SpectralKernels.ClipToTopDecibels(db, 80);
        if (length > 0)
        {
            var max = db.Max();
            Assert.All(db, v => Assert.InRange(v, max - 80.0001f, max));
        }
    }

    [Fact]
    public void ShortOrMismatchedSpans_Throw()
    {
        Assert.Throws<ArgumentException>(() => SpectralKernels.Power(new float[4], new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => SpectralKernels.Power(new float[4], new float[5], new float[5]));
        Assert.Throws<ArgumentException>(() => SpectralKernels.Magnitude(new float[4], new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => SpectralKernels.SoftMask(new float[4], new float[4], 1e-6f, new float[3]));
        Assert.Throws<ArgumentException>(() => SpectralKernels.SoftMask(new float[4], new float[3], 1e-6f, new float[4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => SpectralKernels.SoftMask(new float[4], new float[4], 0f, new float[4]));
        Assert.Throws<ArgumentException>(() => SpectralKernels.ApplyMask(new float[4], new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => SpectralKernels.ApplyMask(new float[4], new float[4], new float[4], new float[4], new float[3]));
        Assert.Throws<ArgumentException>(() => SpectralKernels.PowerToDecibels(new float[4], new float[3]));
    }
}
