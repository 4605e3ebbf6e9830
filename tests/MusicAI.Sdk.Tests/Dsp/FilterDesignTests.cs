using System.Text.Json;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class FilterDesignTests
{
    private static readonly JsonElement s_index = JsonDocument.Parse(File.ReadAllText(TestAssets.Path("dsp", "filters", "index.json"))).RootElement;

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var e in s_index.EnumerateArray())
        {
            data.Add(e.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Filters_MatchScipy(string name)
    {
        var c = s_index.EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);
        var fs = c.GetProperty("fs").GetDouble();
        var type = c.GetProperty("type").GetString();
        var f = c.GetProperty("frequencies").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        var x = Load("input.npy");
        var expected = Load(name + ".npy");
        var y = new float[x.Length];
        if (c.GetProperty("kind").GetString() == "butter")
        {
            var order = c.GetProperty("order").GetInt32();
            var sections = type switch
            {
                "lowpass" => FilterDesign.ButterworthLowPass(order, f[0], fs),
                "highpass" => FilterDesign.ButterworthHighPass(order, f[0], fs),
                _ => FilterDesign.ButterworthBandPass(order, f[0], f[1], fs),
            };
            new BiquadCascade(sections).Process(x, y);
        }
        else
        {
            var taps = c.GetProperty("taps").GetInt32();
            var window = StftPlanTests.ParseWindow(c.GetProperty("window").GetString()!);
            var h = type == "lowpass" ? FilterDesign.FirLowPass(taps, f[0], fs, window) : FilterDesign.FirHighPass(taps, f[0], fs, window);
            var expectedTaps = Load(name + ".taps.npy");
            for (var i = 0; i < taps; i++)
            {
                Assert.Equal(expectedTaps[i], h[i], 1e-6);
            }

            new FirFilter(h).Process(x, y);
        }

        var peak = expected.Max(Math.Abs);
        for (var i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(y[i] - expected[i]) <= 1e-4 * peak, $"{name}[{i}]: {y[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(31)]
    public void FirFilter_MatchesScalarOracleAtEveryLength(int taps)
    {
        var h = DspReference.Noise(taps, taps);
        for (var n = 0; n <= 256; n++)
        {
            var x = DspReference.Noise(n, n + 100);
            var y = new float[n];
            new FirFilter(h).Process(x, y);
            for (var i = 0; i < n; i++)
            {
                double expected = 0;
                for (var k = 0; k < taps && k <= i; k++)
                {
                    expected += h[k] * x[i - k];
                }

                Assert.Equal(expected, y[i], 1e-5);
            }

            // In place.
            new FirFilter(h).Process(x, x);
            Assert.Equal(y, x);
        }
    }

    [Fact]
    public void Filters_KeepStateAcrossBlocks()
    {
        var x = DspReference.Noise(10_000, 1);
        var whole = new float[x.Length];
        var blocks = new float[x.Length];
        var sections = FilterDesign.ButterworthLowPass(4, 500, 44_100);
        new BiquadCascade(sections).Process(x, whole);
        var cascade = new BiquadCascade(sections);
        var fir = FilterDesign.FirLowPass(101, 2000, 44_100);
        var firWhole = new float[x.Length];
        var firBlocks = new float[x.Length];
        new FirFilter(fir).Process(x, firWhole);
        var firFilter = new FirFilter(fir);
        var random = new Random(3);
        for (var start = 0; start < x.Length;)
        {
            var n = Math.Min(random.Next(1, 5000), x.Length - start);
            cascade.Process(x.AsSpan(start, n), blocks.AsSpan(start, n));
            firFilter.Process(x.AsSpan(start, n), firBlocks.AsSpan(start, n));
            start += n;
        }

        Assert.Equal(whole, blocks);

        // The FIR's vector body uses fused multiply-adds and its scalar tail does not, so block edges may differ in the last bit.
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(firWhole[i], firBlocks[i], 1e-6);
        }
        cascade.Reset();
        var again = new float[x.Length];
        cascade.Process(x, again);
        Assert.Equal(whole, again);
    }

    [Theory]
    [InlineData(3, 100.0)]
    [InlineData(4, 1000.0)]
    [InlineData(2, 5000.0)]
    public void ButterworthSections_MatchNWavesTransferFunction(int order, double cutoff)
    {
        // NWaves' design as a full transfer function, run in double precision (NWaves' own float direct-form filter
        // is off by up to 5e-4 here; the design, not its filtering, is what we take from it).
        var lowPass = new NWaves.Filters.Butterworth.LowPassFilter(cutoff / 44_100, order).Tf;
        var highPass = new NWaves.Filters.Butterworth.HighPassFilter(cutoff / 44_100, order).Tf;
        var x = DspReference.Noise(3000, 9);
        foreach (var (tf, sections) in new[]
        {
            (lowPass, FilterDesign.ButterworthLowPass(order, cutoff, 44_100)),
            (highPass, FilterDesign.ButterworthHighPass(order, cutoff, 44_100)),
        })
        {
            var expected = DirectForm(tf.Numerator, tf.Denominator, x);
            var y = new float[x.Length];
            new BiquadCascade(sections).Process(x, y);
            var peak = expected.Max(Math.Abs);
            for (var i = 0; i < x.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - y[i]) <= 1e-5 * peak, $"[{i}] {y[i]} vs {expected[i]}");
            }
        }
    }

    [Fact]
    public void ButterworthLowPass_IsMinus3DbAtTheCutoff()
    {
        var sections = FilterDesign.ButterworthLowPass(6, 1000, 48_000);
        var gain = sections.Aggregate(1.0, (g, s) => g * s.Gain(1000, 48_000));
        Assert.Equal(-3.01, 20 * Math.Log10(gain), 0.01);
        Assert.Equal(0, 20 * Math.Log10(sections.Aggregate(1.0, (g, s) => g * s.Gain(10, 48_000))), 0.01);
    }

    [Fact]
    public void Validation()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDesign.ButterworthLowPass(0, 1000, 44_100));
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDesign.ButterworthLowPass(2, 30_000, 44_100));
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterDesign.ButterworthHighPass(2, 0, 44_100));
        Assert.Throws<ArgumentException>(() => FilterDesign.ButterworthBandPass(2, 3000, 300, 44_100));
        Assert.Throws<ArgumentException>(() => FilterDesign.FirHighPass(64, 1000, 44_100));
        Assert.Throws<ArgumentException>(() => FilterDesign.FirLowPass(31, 1000, 44_100, WindowKind.Kaiser));
        Assert.Throws<ArgumentException>(() => new FirFilter([]));
        Assert.Throws<ArgumentException>(() => new BiquadCascade());
        Assert.Throws<ArgumentException>(() => new FirFilter([1f]).Process(new float[4], new float[3]));
    }

    private static double[] DirectForm(double[] b, double[] a, float[] x)
    {
        var y = new double[x.Length];
        for (var n = 0; n < x.Length; n++)
        {
            double acc = 0;
            for (var k = 0; k < b.Length && k <= n; k++)
            {
                acc += b[k] * x[n - k];
            }

            for (var k = 1; k < a.Length && k <= n; k++)
            {
                acc -= a[k] * y[n - k];
            }

            y[n] = acc / a[0];
        }

        return y;
    }

    private static float[] Load(string file) => NpyFile.Read(TestAssets.Path("dsp", "filters", file)).Data;
}
