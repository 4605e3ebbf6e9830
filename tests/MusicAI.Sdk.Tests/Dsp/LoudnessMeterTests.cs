using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

/// <summary>
/// Expected values come from the definitions in ITU-R BS.1770-4 and the EBU Tech 3341/3342 test signals
/// (1 kHz stereo sines, levels in dBFS of the sine's peak), not from this implementation.
/// </summary>
public sealed class LoudnessMeterTests
{
    private const int Rate = 48_000;

    [Fact]
    public void KWeighting_At48kHz_ReproducesThePublishedCoefficients()
    {
        // ITU-R BS.1770-4, Tables 1 and 2.
        var shelf = KWeighting.Shelf(48_000);
        Assert.Equal(1.53512485958697, shelf.B0, 1e-12);
        Assert.Equal(-2.69169618940638, shelf.B1, 1e-12);
        Assert.Equal(1.19839281085285, shelf.B2, 1e-12);
        Assert.Equal(-1.69065929318241, shelf.A1, 1e-12);
        Assert.Equal(0.73248077421585, shelf.A2, 1e-12);
        var highPass = KWeighting.HighPass(48_000);
        Assert.Equal((1.0, -2.0, 1.0), (highPass.B0, highPass.B1, highPass.B2));
        Assert.Equal(-1.99004745483398, highPass.A1, 1e-12);
        Assert.Equal(0.99007225036621, highPass.A2, 1e-12);
    }

    [Theory]
    [InlineData(44_100)]
    [InlineData(32_000)]
    [InlineData(96_000)]
    public void KWeighting_AtOtherRates_KeepsTheSameResponse(int rate)
    {
        foreach (var f in new[] { 20.0, 50, 100, 500, 1000, 2000, 5000, 10_000 })
        {
            var atRate = Db(KWeighting.Shelf(rate).Gain(f, rate) * KWeighting.HighPass(rate).Gain(f, rate));
            var at48 = Db(KWeighting.Shelf(48_000).Gain(f, 48_000) * KWeighting.HighPass(48_000).Gain(f, 48_000));
            Assert.True(Math.Abs(atRate - at48) < 0.06, $"{f} Hz at {rate}: {atRate:F3} dB vs {at48:F3} dB at 48 kHz");
        }
    }

    [Theory]
    [InlineData(-23.0)]
    [InlineData(-33.0)]
    public void SteadySine_Tech3341Cases1And2(double dbfs)
    {
        var m = Measure(Stereo((20, dbfs)));
        Assert.Equal(dbfs, m.IntegratedLufs, 0.1);
        Assert.Equal(dbfs, m.MaxMomentaryLufs, 0.1);
        Assert.Equal(dbfs, m.MaxShortTermLufs, 0.1);
        Assert.All(m.Momentary.Skip(2), l => Assert.Equal(dbfs, l, 0.1));
    }

    [Fact]
    public void RelativeGate_Tech3341Case3() => Assert.Equal(-23.0, Measure(Stereo((10, -36), (60, -23), (10, -36))).IntegratedLufs, 0.1);

    [Fact]
    public void AbsoluteAndRelativeGates_Tech3341Case4() =>
        Assert.Equal(-23.0, Measure(Stereo((10, -72), (10, -36), (60, -23), (10, -36), (10, -72))).IntegratedLufs, 0.1);

    [Fact]
    public void Tech3341Case5() => Assert.Equal(-23.0, Measure(Stereo((20, -26), (20.1, -20), (20, -26))).IntegratedLufs, 0.1);

    [Fact]
    public void ShortTermIsConstant_Tech3341Case9()
    {
        // 1.34 s at −20 dBFS then 1.66 s at −30 dBFS, five times: every 3 s window holds the same power (−23 LUFS).
        var parts = Enumerable.Range(0, 5).SelectMany(_ => new[] { (1.34, -20.0), (1.66, -30.0) }).ToArray();
        var m = Measure(Stereo(parts));
        Assert.All(m.ShortTerm, s => Assert.Equal(-23.0, s, 0.1));
        Assert.True(m.ShortTerm.Length > 100);
    }

    [Fact]
    public void Momentary_CatchesA400msBurst()
    {
        // Silence, then exactly 0.5 s of −23 dBFS, then silence: at least one 400 ms block lies entirely in the burst.
        var m = Measure(Stereo((1, double.NegativeInfinity), (0.5, -23), (1, double.NegativeInfinity)));
        Assert.Equal(-23.0, m.MaxMomentaryLufs, 0.1);
    }

    [Theory]
    [InlineData(-20, -30, 10)]
    [InlineData(-20, -15, 5)]
    [InlineData(-40, -20, 20)]
    public void LoudnessRange_Tech3342Cases1To3(double first, double second, double expected) =>
        Assert.Equal(expected, Measure(Stereo((20, first), (20, second))).LoudnessRangeLu, 1.0);

    [Fact]
    public void LoudnessRange_Tech3342Case4() =>
        Assert.Equal(15, Measure(Stereo((20, -50), (20, -35), (20, -20), (20, -35), (20, -50))).LoudnessRangeLu, 1.0);

    [Fact]
    public void SurroundWeights_FollowBs1770()
    {
        // The same sine in L only, in Ls only (G = 1.41) and in the LFE only (G = 0) of a 5.1 layout.
        var tone = Sine(10, -20, 1000, 0);
        var silent = new float[tone.Length];
        float[][] Layout(int channel) => Enumerable.Range(0, 6).Select(c => c == channel ? tone : silent).ToArray();
        var left = LoudnessMeter.Measure(Rate, Layout(0)).IntegratedLufs;
        var surround = LoudnessMeter.Measure(Rate, Layout(4)).IntegratedLufs;
        Assert.Equal(10 * Math.Log10(1.41), surround - left, 0.01);
        Assert.Equal(-23.01, left, 0.1); // one channel of a −20 dBFS sine: −20 − 3.01 dB
        Assert.Equal(double.NegativeInfinity, LoudnessMeter.Measure(Rate, Layout(3)).IntegratedLufs);
    }

    [Fact]
    public void Silence_IsMinusInfinity()
    {
        var m = Measure([new float[Rate * 5], new float[Rate * 5]]);
        Assert.Equal(double.NegativeInfinity, m.IntegratedLufs);
        Assert.Equal(0, m.LoudnessRangeLu);
    }

    [Theory]
    [InlineData(12_000, 45)]    // fs/4: samples at ±sin 45° → sample peak 3.01 dB under the true peak
    [InlineData(8_000, 60)]     // fs/6
    [InlineData(6_000, 67.5)]   // fs/8
    [InlineData(12_000, 0)]
    public void TruePeak_RecoversTheSinePeakAt48kHz(double frequency, double phaseDegrees)
    {
        // A sine of amplitude 0.5 (−6.02 dBFS): its true peak is −6.02 dBTP whatever the sampling phase. Faded in and
        // out over 20 ms, because an abrupt start is a step whose band-limited reconstruction genuinely overshoots.
        var x = Sine(1, 20 * Math.Log10(0.5), frequency, phaseDegrees * Math.PI / 180, fadeSeconds: 0.02);
        var m = Measure([x, x]);
        Assert.Equal(20 * Math.Log10(0.5), m.TruePeakDbtp, 0.02);
        Assert.True(m.TruePeakDbtp >= m.SamplePeakDbfs);
        if (phaseDegrees == 45)
        {
            Assert.Equal((20 * Math.Log10(0.5)) - 3.01, m.SamplePeakDbfs, 0.05);
        }
    }

    [Fact]
    public void TruePeak_At44100_WithFactor4()
    {
        var meter = TruePeakMeter.Get(44_100);
        Assert.Equal(4, meter.Factor);
        Assert.Equal(2, TruePeakMeter.Get(96_000).Factor);
        Assert.Equal(1, TruePeakMeter.Get(192_000).Factor);
        var x = Sine(1, 20 * Math.Log10(0.9), 11_025, Math.PI / 4, fadeSeconds: 0.02, rate: 44_100);
        Assert.Equal(0.9, meter.Peak(x), 0.005);
        Assert.Equal(0.9 * Math.Sin(Math.PI / 4), x.Max(Math.Abs), 1e-4);
    }

    [Theory]
    [InlineData(48_000, 0)]
    [InlineData(48_000, 1)]
    [InlineData(44_100, 37)]
    [InlineData(96_000, 100)]
    [InlineData(96_000, 5000)]
    public void TruePeak_VectorPathEqualsScalarPath(int rate, int length)
    {
        var meter = new TruePeakMeter(rate);
        for (var seed = 0; seed < 5; seed++)
        {
            var x = DspReference.Noise(length + seed, seed);
            Assert.Equal(meter.Peak(x, allowVector: false), meter.Peak(x), 1e-6);
        }
    }

    [Fact]
    public void TruePeak_ShortSignals_UseTheScalarPath()
    {
        var meter = TruePeakMeter.Get(48_000);
        Assert.Equal(0f, meter.Peak([]));
        Assert.Equal(0.25f, meter.Peak([0.25f]), 1e-6);
        Assert.True(meter.Peak([0.5f, -0.5f, 0.5f, -0.5f]) >= 0.5f);
    }

    [Fact]
    public void Meter_RejectsMisuse()
    {
        var meter = new LoudnessMeter(Rate, 2, 100);
        Assert.Throws<ArgumentException>(() => meter.AddChannel(0, new float[99]));
        Assert.Throws<ArgumentOutOfRangeException>(() => meter.AddChannel(2, new float[100]));
        meter.AddChannel(0, new float[100]);
        Assert.Throws<InvalidOperationException>(() => meter.AddChannel(0, new float[100]));
        Assert.Throws<ArgumentException>(() => LoudnessMeter.Measure(Rate, []));
    }

    private static LoudnessMeasurement Measure(float[][] channels) => LoudnessMeter.Measure(Rate, channels);

    private static double Db(double gain) => 20 * Math.Log10(gain);

    /// <summary>Stereo 1 kHz sine made of (seconds, dBFS peak level) segments; −∞ dBFS is silence.</summary>
    private static float[][] Stereo(params (double Seconds, double Dbfs)[] segments)
    {
        var total = segments.Sum(s => (int)Math.Round(s.Seconds * Rate));
        var x = new float[total];
        var offset = 0;
        foreach (var (seconds, dbfs) in segments)
        {
            var n = (int)Math.Round(seconds * Rate);
            var amplitude = double.IsNegativeInfinity(dbfs) ? 0 : Math.Pow(10, dbfs / 20);
            for (var i = 0; i < n; i++)
            {
                x[offset + i] = (float)(amplitude * Math.Sin(2 * Math.PI * 1000 * (offset + i) / Rate));
            }

            offset += n;
        }

        return [x, (float[])x.Clone()];
    }

    private static float[] Sine(double seconds, double dbfs, double frequency, double phase, double fadeSeconds = 0, int rate = Rate)
    {
        var x = new float[(int)(seconds * rate)];
        var amplitude = Math.Pow(10, dbfs / 20);
        var fade = (int)(fadeSeconds * rate);
        for (var i = 0; i < x.Length; i++)
        {
            var edge = Math.Min(i, x.Length - 1 - i);
            var gain = edge < fade ? 0.5 - (0.5 * Math.Cos(Math.PI * edge / fade)) : 1;
            x[i] = (float)(gain * amplitude * Math.Sin((2 * Math.PI * frequency * i / rate) + phase));
        }

        return x;
    }
}
