using System.Text.Json;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

/// <summary>Mel/chroma banks, MFCC and onset strength against numpy re-implementations of librosa's formulas.</summary>
public sealed class FeatureTests
{
    private static readonly JsonElement s_index = JsonDocument.Parse(File.ReadAllText(TestAssets.Path("dsp", "features", "index.json"))).RootElement;

    public static TheoryData<string> MelCases() => Names("mel");

    public static TheoryData<string> ChromaCases() => Names("chroma");

    [Theory]
    [MemberData(nameof(MelCases))]
    public void MelBank_MatchesLibrosaFormula(string name)
    {
        var c = Case("mel", name);
        var bank = FilterBank.CreateMel(
            c.GetProperty("sr").GetInt32(),
            c.GetProperty("n_fft").GetInt32(),
            c.GetProperty("n_mels").GetInt32(),
            c.GetProperty("fmin").GetDouble(),
            c.GetProperty("fmax").GetDouble(),
            c.GetProperty("htk").GetBoolean() ? MelScale.Htk : MelScale.Slaney,
            c.GetProperty("slaney_norm").GetBoolean());
        AssertBankEquals(bank, name);
    }

    [Theory]
    [MemberData(nameof(ChromaCases))]
    public void ChromaBank_MatchesLibrosaFormula(string name)
    {
        var c = Case("chroma", name);
        var bank = FilterBank.CreateChroma(
            c.GetProperty("sr").GetInt32(),
            c.GetProperty("n_fft").GetInt32(),
            c.GetProperty("n_chroma").GetInt32(),
            c.GetProperty("tuning").GetDouble(),
            baseC: c.GetProperty("base_c").GetBoolean());
        AssertBankEquals(bank, name);
    }

    [Fact]
    public void ChromaBank_MinHz_ZeroesTheBinsBelowIt_AndKeepsTheRest()
    {
        var full = FilterBank.CreateChroma(22_050, 4096, 36, centerOctave: 4, octaveWidth: 2.5);
        var floored = FilterBank.CreateChroma(22_050, 4096, 36, centerOctave: 4, octaveWidth: 2.5, minHz: 130);
        var firstBin = (int)Math.Ceiling(130.0 * 4096 / 22_050);
        for (var b = 0; b < full.BandCount; b++)
        {
            for (var k = 0; k < full.BinCount; k++)
            {
                Assert.Equal(k < firstBin ? 0f : full.Weight(b, k), floored.Weight(b, k));
            }
        }

        Assert.Contains(Enumerable.Range(0, firstBin), k => full.Weight(0, k) != 0f);
    }

    [Fact]
    public void Apply_MatchesDenseScalarOracle()
    {
        var bank = FilterBank.CreateMel(22_050, 1024, 40);
        var spectra = Array.ConvertAll(DspReference.Noise(3 * bank.BinCount, 1), Math.Abs);
        var output = new float[3 * bank.BandCount];
        bank.ApplyFrames(spectra, output);
        for (var t = 0; t < 3; t++)
        {
            for (var b = 0; b < bank.BandCount; b++)
            {
                double expected = 0;
                for (var k = 0; k < bank.BinCount; k++)
                {
                    expected += bank.Weight(b, k) * spectra[(t * bank.BinCount) + k];
                }

                Assert.Equal(expected, output[(t * bank.BandCount) + b], 1e-5);
            }
        }

        Assert.Throws<ArgumentException>(() => bank.Apply(new float[bank.BinCount - 1], new float[bank.BandCount]));
        Assert.Throws<ArgumentException>(() => bank.Apply(new float[bank.BinCount], new float[bank.BandCount - 1]));
        Assert.Throws<ArgumentException>(() => bank.ApplyFrames(new float[bank.BinCount + 1], new float[2 * bank.BandCount]));
        Assert.Throws<ArgumentOutOfRangeException>(() => FilterBank.CreateMel(22_050, 1024, 40, 100, 20_000));
    }

    [Fact]
    public void Mfcc_MatchesDctOfPowerToDb()
    {
        var (power, shape) = NpyFile.Read(TestAssets.Path("dsp", "features", "mfcc_input_mel_power.npy"));
        var expected = NpyFile.Read(TestAssets.Path("dsp", "features", "mfcc_output.npy")).Data;
        int frames = shape[0], mels = shape[1];
        var db = new float[power.Length];
        SpectralKernels.PowerToDecibels(power, db);
        SpectralKernels.ClipToTopDecibels(db, 80);
        var mfcc = new Mfcc(mels, 20);
        var output = new float[20];
        for (var t = 0; t < frames; t++)
        {
            mfcc.Transform(db.AsSpan(t * mels, mels), output);
            for (var k = 0; k < 20; k++)
            {
                Assert.Equal(expected[(t * 20) + k], output[k], 2e-3);
            }
        }
    }

    [Fact]
    public void Mfcc_MatchesNWavesOrthonormalDct2()
    {
        var input = DspReference.Noise(64, 2);
        var expected = new float[64];
        new NWaves.Transforms.Dct2(64).DirectNorm(input, expected);
        var output = new float[64];
        new Mfcc(64, 64).Transform(input, output);
        for (var k = 0; k < 64; k++)
        {
            Assert.Equal(expected[k], output[k], 1e-5);
        }
    }

    [Fact]
    public void OnsetStrength_EndToEnd_MatchesNumpyPipeline()
    {
        var c = s_index.GetProperty("onset");
        int sr = c.GetProperty("sr").GetInt32(), nfft = c.GetProperty("n_fft").GetInt32(), hop = c.GetProperty("hop").GetInt32(), mels = c.GetProperty("n_mels").GetInt32();
        var signal = NpyFile.Read(TestAssets.Path("dsp", "features", "onset_signal.npy")).Data;
        var expected = NpyFile.Read(TestAssets.Path("dsp", "features", "onset_strength.npy")).Data;
        var plan = StftPlan.Create(nfft, hop);
        var frames = plan.FrameCount(signal.Length);
        Assert.Equal(c.GetProperty("frames").GetInt32(), frames);
        var re = new float[frames * plan.BinCount];
        var im = new float[re.Length];
        plan.Forward(signal, re, im);
        SpectralKernels.Power(re, im, re);
        var bank = FilterBank.CreateMel(sr, nfft, mels);
        var mel = new float[frames * mels];
        bank.ApplyFrames(re, mel);
        SpectralKernels.PowerToDecibels(mel, mel);
        SpectralKernels.ClipToTopDecibels(mel, 80);
        var onset = new float[frames];
        OnsetStrength.Compute(mel, mels, onset, new float[mels]);
        for (var t = 0; t < frames; t++)
        {
            Assert.Equal(expected[t], onset[t], 1e-3);
        }

        // The four tone bursts stand out.
        Assert.True(onset.Order().TakeLast(4).Min() > 3 * onset.Order().ElementAt(frames / 2));
    }

    private static void AssertBankEquals(FilterBank bank, string name)
    {
        var (expected, shape) = NpyFile.Read(TestAssets.Path("dsp", "features", name + ".npy"));
        Assert.Equal(shape[0], bank.BandCount);
        Assert.Equal(shape[1], bank.BinCount);
        var peak = expected.Max(Math.Abs);
        for (var b = 0; b < shape[0]; b++)
        {
            for (var k = 0; k < shape[1]; k++)
            {
                var e = expected[(b * shape[1]) + k];
                Assert.True(Math.Abs(bank.Weight(b, k) - e) <= 2e-5 * peak, $"{name}[{b}, {k}]: {bank.Weight(b, k)} vs {e}");
            }
        }
    }

    private static JsonElement Case(string group, string name) =>
        s_index.GetProperty(group).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    private static TheoryData<string> Names(string group)
    {
        var data = new TheoryData<string>();
        foreach (var e in s_index.GetProperty(group).EnumerateArray())
        {
            data.Add(e.GetProperty("name").GetString()!);
        }

        return data;
    }
}
