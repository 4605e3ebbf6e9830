using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class EffectsTests
{
    private const int SampleRate = 48000;

    [Theory]
    [InlineData(0.8f)]
    [InlineData(2.5f)]
    public void Reverb_DecaysWithTheRequestedRt60AndIsStereo(float rt60)
    {
        var reverb = new Reverb(SampleRate, rt60, 0.2f, 256);
        var length = (int)(rt60 * 1.6f * SampleRate);
        var left = new float[length];
        var right = new float[length];
        var input = new float[length];
        input[0] = 1f;
        for (var offset = 0; offset < length; offset += 256)
        {
            var n = Math.Min(256, length - offset);
            reverb.Process(input.AsSpan(offset, n), 1f, left.AsSpan(offset, n), right.AsSpan(offset, n));
        }

        // Schroeder backward integration; RT60 from the −5 … −25 dB slope (T20 × 3).
        var energy = new double[length];
        var sum = 0.0;
        for (var i = length - 1; i >= 0; i--)
        {
            sum += (left[i] * (double)left[i]) + (right[i] * (double)right[i]);
            energy[i] = sum;
        }

        int At(double db) => Array.FindIndex(energy, e => 10 * Math.Log10(e / energy[0]) <= db);
        var measured = 3.0 * (At(-25) - At(-5)) / SampleRate;
        var correlation = Correlation(left, right);
        TestContext.Current.TestOutputHelper?.WriteLine($"RT60 requested {rt60} s, measured {measured:F2} s; L/R correlation {correlation:F2}");

        Assert.InRange(measured, rt60 * 0.75, rt60 * 1.25);
        Assert.InRange(Math.Abs(correlation), 0, 0.5);
    }

    [Fact]
    public void Reverb_IdlesAfterItsTailAndRestartsCleanly()
    {
        var reverb = new Reverb(SampleRate, 0.5f, 0.5f, 256);
        var left = new float[256];
        var right = new float[256];
        var input = new float[256];
        input[0] = 1f;
        reverb.Process(input, 1f, left, right);
        input[0] = 0f;
        for (var i = 0; i < 2 * SampleRate / 256; i++)
        {
            Array.Clear(left);
            Array.Clear(right);
            reverb.Process(input, 1f, left, right);
        }

        Assert.All(left, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void PingPongDelay_EchoesAlternateSidesAtTheTempoSyncedTime()
    {
        var delay = new PingPongDelay(SampleRate, 2f, 256);
        delay.SetFeedback(0.5f, 0f);
        delay.SetDelay(12000);
        var length = 4 * 12000 + 512;
        var left = new float[length];
        var right = new float[length];
        var input = new float[length];
        input[0] = 1f;
        for (var offset = 0; offset < length; offset += 256)
        {
            var n = Math.Min(256, length - offset);
            delay.Process(input.AsSpan(offset, n), 1f, left.AsSpan(offset, n), right.AsSpan(offset, n));
        }

        Assert.Equal(1f, left[12000], 1e-6f);
        Assert.Equal(0f, right[12000]);
        Assert.Equal(0.5f, right[24000], 1e-6f);
        Assert.Equal(0.25f, left[36000], 1e-6f);
        Assert.Equal(1.875f, left.Sum() + right.Sum(), 1e-4f); // 1 + 0.5 + 0.25 + 0.125
    }

    [Fact]
    public void DelayTimeChange_CrossFadesWithoutAJump()
    {
        var delay = new PingPongDelay(SampleRate, 2f, 256);
        delay.SetFeedback(0.4f, 0.3f);
        delay.SetDelay(9000);
        var length = 5 * SampleRate;
        var left = new float[length];
        var right = new float[length];
        var input = new float[length];
        for (var i = 0; i < length; i++)
        {
            input[i] = 0.5f * MathF.Sin(2 * MathF.PI * 110f * i / SampleRate);
        }

        for (var offset = 0; offset < length; offset += 256)
        {
            if (offset == 2 * SampleRate)
            {
                delay.SetDelay(7000);
            }

            var n = Math.Min(256, length - offset);
            delay.Process(input.AsSpan(offset, n), 1f, left.AsSpan(offset, n), right.AsSpan(offset, n));
        }

        // A jump of the read position would produce a step up to the signal range; the cross-fade keeps the
        // sample-to-sample change at the level of a 110 Hz sine's slope.
        var steady = Spectrum.MaxStep(left.AsSpan(SampleRate, SampleRate / 2));
        var change = Spectrum.MaxStep(left.AsSpan((2 * SampleRate) - 256, 4096));
        TestContext.Current.TestOutputHelper?.WriteLine($"max step steady {steady:F4}, across the change {change:F4}");
        Assert.True(change < 1.5f * steady, $"max step {change} across the change vs {steady} before");
    }

    [Fact]
    public void Limiter_HoldsTheCeilingWithSmoothGain()
    {
        const int lookAhead = 72;
        var limiter = new Limiter(lookAhead, Synthesizer.Ceiling, 0.1f, SampleRate, 256);
        var length = 2 * SampleRate;
        var left = new float[length];
        var right = new float[length];
        var random = new Random(7);
        for (var i = 0; i < length; i++)
        {
            var burst = (i / 9000) % 2 == 0 ? 2.5f : 0.3f;
            left[i] = burst * MathF.Sin(2 * MathF.PI * 97f * i / SampleRate) + (0.1f * (float)(random.NextDouble() - 0.5));
            right[i] = 0.8f * left[i];
        }

        var gains = new float[length];
        for (var offset = 0; offset < length; offset += 256)
        {
            var n = Math.Min(256, length - offset);
            limiter.Process(left.AsSpan(offset, n), right.AsSpan(offset, n), gains.AsSpan(offset, n));
        }

        var latency = limiter.Latency;
        var worst = 0f;
        var worstStep = 0f;
        for (var t = 0; t + latency < length; t++)
        {
            var g = gains[t + latency];
            worst = Math.Max(worst, Math.Max(Math.Abs(left[t] * g), Math.Abs(right[t] * g)));
            if (t > 0)
            {
                worstStep = Math.Max(worstStep, Math.Abs(g - gains[t + latency - 1]));
            }
        }

        Assert.True(worst <= Synthesizer.Ceiling, $"peak {worst}");
        Assert.True(worst > 0.85f, "the limiter should limit to the ceiling, not far below it");
        Assert.True(worstStep <= 1f / (lookAhead + 1) + 1e-6f, $"gain step {worstStep}"); // a linear attack ramp at most
    }

    private static double Correlation(float[] a, float[] b)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            ab += a[i] * (double)b[i];
            aa += a[i] * (double)a[i];
            bb += b[i] * (double)b[i];
        }

        return ab / Math.Sqrt(aa * bb);
    }
}
