using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation.Synthesis;

public sealed class OscillatorTests
{
    private const double SampleRate = 48000;

    // The bound: minBLEP keeps aliases ≥ 80 dB down in these tests; −70 dB leaves margin for other machines'
    // float rounding while sitting far below what naive (≈ −10 to −30 dB) or two-point PolyBLEP (≈ −20 to −40 dB at
    // these pitches, see PolyBlepSaw_WouldFailTheBound) reach, so the check separates band-limited from not.
    private const double AliasBoundDb = -70;

    public static TheoryData<string, double> Waves() => new()
    {
        { "saw", 220.1 }, { "saw", 1000.3 }, { "saw", 3517.3 }, { "saw", 7000.9 }, { "saw", 10000.3 },
        { "square", 3517.3 }, { "square", 10000.3 },
        { "pulse12", 1000.3 }, { "pulse12", 3517.3 }, { "pulse12", 7000.9 },
        { "triangle", 3517.3 }, { "triangle", 10000.3 },
    };

    [Theory]
    [MemberData(nameof(Waves))]
    public void BandLimitedOscillators_KeepAliasesFarBelowTheFundamental(string wave, double hz)
    {
        var signal = Render(wave, hz, 20000 + 32768)[20000..];

        var aliasDb = Spectrum.WorstAliasDb(signal, hz, SampleRate, bandHz: SampleRate / 2);

        TestContext.Current.TestOutputHelper?.WriteLine($"{wave} {hz} Hz: worst alias {aliasDb:F1} dB (0–24 kHz)");
        Assert.True(aliasDb < AliasBoundDb, $"{wave} at {hz} Hz: worst alias {aliasDb:F1} dB, bound {AliasBoundDb} dB");
    }

    [Theory]
    [InlineData(3517.3)]
    [InlineData(10000.3)]
    public void NaiveSaw_FailsTheSameCheck(double hz)
    {
        var signal = new float[32768];
        var phase = 0.0;
        for (var i = 0; i < signal.Length; i++)
        {
            signal[i] = (float)((2 * phase) - 1);
            phase += hz / SampleRate;
            phase -= Math.Floor(phase);
        }

        var aliasDb = Spectrum.WorstAliasDb(signal, hz, SampleRate, bandHz: SampleRate / 2);

        TestContext.Current.TestOutputHelper?.WriteLine($"naive saw {hz} Hz: worst alias {aliasDb:F1} dB");
        Assert.True(aliasDb > AliasBoundDb + 30, $"the naive saw should alias badly, got {aliasDb:F1} dB");
    }

    [Theory]
    [InlineData(3517.3)]
    [InlineData(7000.9)]
    public void PolyBlepSaw_WouldFailTheBound(double hz)
    {
        // Two-point PolyBLEP (Välimäki 2007), the usual cheap choice: why the synth uses minBLEP instead.
        var signal = new float[32768];
        var phase = 0.0;
        var dt = hz / SampleRate;
        for (var i = 0; i < signal.Length; i++)
        {
            var v = (2 * phase) - 1;
            if (phase < dt)
            {
                var x = phase / dt;
                v -= x + x - (x * x) - 1;
            }
            else if (phase > 1 - dt)
            {
                var x = (phase - 1) / dt;
                v -= (x * x) + x + x + 1;
            }

            signal[i] = (float)v;
            phase += dt;
            phase -= Math.Floor(phase);
        }

        var aliasDb = Spectrum.WorstAliasDb(signal, hz, SampleRate, bandHz: SampleRate / 2);

        TestContext.Current.TestOutputHelper?.WriteLine($"PolyBLEP saw {hz} Hz: worst alias {aliasDb:F1} dB");
        Assert.True(aliasDb > AliasBoundDb, $"PolyBLEP unexpectedly met the bound: {aliasDb:F1} dB");
    }

    [Fact]
    public void SawSweepTo10kHz_ShowsNoAliasesInAnyFrame()
    {
        var (blep, worstBlep) = SweepWorstAlias(naive: false);
        var (_, worstNaive) = SweepWorstAlias(naive: true);

        TestContext.Current.TestOutputHelper?.WriteLine($"sweep 1→10 kHz: minBLEP worst {worstBlep:F1} dB at frame {blep}, naive worst {worstNaive:F1} dB");
        Assert.True(worstBlep < AliasBoundDb, $"worst alias in the sweep {worstBlep:F1} dB");
        Assert.True(worstNaive > AliasBoundDb + 30, "the naive sweep should fail the same check");
    }

    [Theory]
    [InlineData("saw", 55.0)]
    [InlineData("saw", 440.0)]
    [InlineData("square", 261.63)]
    [InlineData("pulse12", 1760.0)]
    [InlineData("triangle", 110.0)]
    [InlineData("sine", 3000.0)]
    public void Oscillators_PlayTheRequestedFrequency(string wave, double hz)
    {
        var signal = Render(wave, hz, 65536);

        var measured = Spectrum.PeakFrequency(signal, SampleRate);

        Assert.InRange(measured / hz, 0.9995, 1.0005);
    }

    [Theory]
    [InlineData("saw", 0.57735, 1.0)] // RMS 1/√3
    [InlineData("square", 1.0, 1.0)]
    [InlineData("pulse12", 0.66144, 1.75)] // zero-mean 12.5 % pulse: √(1 − 0.75²), peak 1.75
    [InlineData("triangle", 0.57735, 1.0)]
    public void Oscillators_HaveTheTheoreticalLevelAndNoDc(string wave, double rms, double peak)
    {
        var signal = Render(wave, 220.0, 48000).AsSpan(1000);

        TestContext.Current.TestOutputHelper?.WriteLine($"{wave}: rms {Spectrum.Rms(signal):F4}, peak {Spectrum.Peak(signal):F3}, mean {Spectrum.Mean(signal):E2}");
        Assert.InRange(Spectrum.Rms(signal) / rms, 0.98, 1.02);

        // Band-limited edges ring (Gibbs; the minimum-phase step overshoots more than a linear-phase one).
        Assert.InRange(Spectrum.Peak(signal), peak * 0.95, (peak * 1.0) + 0.45);
        Assert.InRange(Spectrum.Mean(signal), -2e-3, 2e-3);
    }

    [Fact]
    public void SinCycles_MatchesMathSin()
    {
        var worst = 0.0;
        for (var i = -20000; i <= 20000; i++)
        {
            var t = i / 7919.0f;
            worst = Math.Max(worst, Math.Abs(FastMath.SinCycles(t) - Math.Sin(2 * Math.PI * t)));
        }

        Assert.True(worst < 2e-6, $"max error {worst}");
    }

    [Fact]
    public void Noise_IsDeterministicZeroMeanAndFull()
    {
        var a = new float[48000];
        var b = new float[48000];
        var sa = Oscillators.NoiseSeed(1, 2);
        var sb = Oscillators.NoiseSeed(1, 2);
        Oscillators.AddNoise(a, ref sa, 1f);
        Oscillators.AddNoise(b, ref sb, 1f);

        Assert.Equal(a, b);
        Assert.InRange(Spectrum.Mean(a), -0.01, 0.01);
        Assert.InRange(Spectrum.Rms(a), 0.55, 0.6); // uniform on [-1, 1): 1/√3
        Assert.NotEqual(Oscillators.NoiseSeed(1, 2), Oscillators.NoiseSeed(1, 3));
    }

    internal static float[] Render(string wave, double hz, int length, int block = 32)
    {
        var signal = new float[length];
        var oscillator = new BlepOscillator();
        var increment = (float)(hz / SampleRate);
        var phase = 0f;
        for (var offset = 0; offset < length; offset += block)
        {
            var span = signal.AsSpan(offset, Math.Min(block, length - offset));
            switch (wave)
            {
                case "saw":
                    oscillator.AddSaw(span, increment, 1f);
                    break;
                case "square":
                    oscillator.AddPulse(span, increment, 0.5f, 1f);
                    break;
                case "pulse12":
                    oscillator.AddPulse(span, increment, 0.125f, 1f);
                    break;
                case "triangle":
                    oscillator.AddTriangle(span, increment, 1f);
                    break;
                default:
                    Oscillators.AddSine(span, ref phase, increment, 1f);
                    break;
            }
        }

        return signal;
    }

    private static (int Frame, double WorstDb) SweepWorstAlias(bool naive)
    {
        const int length = 8 * 48000;
        const int frame = 4096;
        const double start = 1000, end = 10000;
        var signal = new float[length];
        var oscillator = new BlepOscillator();
        var naivePhase = 0.0;
        for (var offset = 0; offset < length; offset += 32)
        {
            var hz = start * Math.Pow(end / start, (double)offset / length);
            var span = signal.AsSpan(offset, 32);
            if (naive)
            {
                for (var i = 0; i < span.Length; i++)
                {
                    span[i] = (float)((2 * naivePhase) - 1);
                    naivePhase += hz / SampleRate;
                    naivePhase -= Math.Floor(naivePhase);
                }
            }
            else
            {
                oscillator.AddSaw(span, (float)(hz / SampleRate), 1f);
            }
        }

        var worst = double.NegativeInfinity;
        var worstFrame = -1;
        for (var f = 1; (f + 1) * frame <= length; f++)
        {
            var slice = signal.AsSpan(f * frame, frame);
            var fa = start * Math.Pow(end / start, (double)(f * frame) / length);
            var fb = start * Math.Pow(end / start, (double)((f + 1) * frame) / length);
            var magnitude = Spectrum.Magnitude(slice);
            var binHz = SampleRate / frame;
            var excluded = new bool[magnitude.Length];
            for (var k = 1; k * fa < SampleRate / 2; k++)
            {
                for (var i = (int)Math.Floor((k * fa / binHz) - 6); i <= (int)Math.Ceiling((k * fb / binHz) + 6); i++)
                {
                    if (i >= 0 && i < excluded.Length)
                    {
                        excluded[i] = true;
                    }
                }
            }

            for (var i = 0; i < 6; i++)
            {
                excluded[i] = true;
            }

            double reference = 0, alias = 1e-30;
            for (var i = 0; i < magnitude.Length; i++)
            {
                reference = Math.Max(reference, magnitude[i]);
                if (!excluded[i])
                {
                    alias = Math.Max(alias, magnitude[i]);
                }
            }

            var db = 20 * Math.Log10(alias / reference);
            if (db > worst)
            {
                worst = db;
                worstFrame = f;
            }
        }

        return (worstFrame, worst);
    }
}
