using System.Text.Json;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Dsp;

public sealed class StftPlanTests
{
    private const double ReferenceTolerance = 1e-5;

    private static readonly JsonElement s_index = JsonDocument.Parse(File.ReadAllText(TestAssets.Path("dsp", "stft", "index.json"))).RootElement;

    public static TheoryData<string> TorchCases() => Names("torch");

    public static TheoryData<string> ScipyCases() => Names("scipy");

    public static TheoryData<string> IstftCases() => Names("istft");

    [Theory]
    [MemberData(nameof(TorchCases))]
    public void Forward_MatchesTorchStft(string name)
    {
        var c = Case("torch", name);
        var window = WindowFunctions.Create(ParseWindow(c.GetProperty("window").GetString()!), c.GetProperty("win_length").GetInt32());
        var plan = new StftPlan(
            c.GetProperty("n_fft").GetInt32(),
            c.GetProperty("hop").GetInt32(),
            window,
            c.GetProperty("center").GetBoolean(),
            Enum.Parse<PadMode>(c.GetProperty("pad_mode").GetString()!),
            c.GetProperty("normalized").GetBoolean());
        var signal = Load(name + ".signal.npy");
        var (refRe, refIm) = (Load(name + ".re.npy"), Load(name + ".im.npy"));
        Assert.Equal(c.GetProperty("frames").GetInt32(), plan.FrameCount(signal.Length));
        Assert.Equal(c.GetProperty("bins").GetInt32(), plan.BinCount);
        var re = new float[refRe.Length];
        var im = new float[refIm.Length];
        plan.Forward(signal, re, im);
        Assert.InRange(MaxRelativeError(re, im, refRe, refIm), 0, ReferenceTolerance);
    }

    [Theory]
    [MemberData(nameof(ScipyCases))]
    public void Forward_MatchesScipyStftUpToItsScale(string name)
    {
        var c = Case("scipy", name);
        var nfft = c.GetProperty("n_fft").GetInt32();
        var plan = StftPlan.Create(nfft, c.GetProperty("hop").GetInt32(), ParseWindow(c.GetProperty("window").GetString()!), padMode: Enum.Parse<PadMode>(c.GetProperty("pad_mode").GetString()!));
        var signal = Load(name + ".signal.npy");
        var (refRe, refIm) = (Load(name + ".re.npy"), Load(name + ".im.npy"));
        Assert.Equal(c.GetProperty("frames").GetInt32(), plan.FrameCount(signal.Length));
        var re = new float[refRe.Length];
        var im = new float[refIm.Length];
        plan.Forward(signal, re, im);
        var scale = (float)c.GetProperty("scale").GetDouble();
        for (var i = 0; i < re.Length; i++)
        {
            re[i] *= scale;
            im[i] *= scale;
        }

        Assert.InRange(MaxRelativeError(re, im, refRe, refIm), 0, ReferenceTolerance);
    }

    [Theory]
    [MemberData(nameof(IstftCases))]
    public void Inverse_MatchesTorchIstft(string name)
    {
        var c = Case("istft", name);
        var window = WindowFunctions.Create(ParseWindow(c.GetProperty("window").GetString()!), c.GetProperty("win_length").GetInt32());
        var plan = new StftPlan(c.GetProperty("n_fft").GetInt32(), c.GetProperty("hop").GetInt32(), window, c.GetProperty("center").GetBoolean(), normalized: c.GetProperty("normalized").GetBoolean());
        var frames = c.GetProperty("frames").GetInt32();
        int? length = c.GetProperty("length").ValueKind == JsonValueKind.Null ? null : c.GetProperty("length").GetInt32();
        var expected = Load(name + ".out.npy");
        Assert.Equal(expected.Length, length ?? plan.InverseLength(frames));
        var output = new float[expected.Length];
        plan.Inverse(Load(name + ".re.npy"), Load(name + ".im.npy"), frames, output, length);
        var peak = expected.Max(Math.Abs);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(output[i] - expected[i]) <= ReferenceTolerance * peak, $"sample {i}: {output[i]} vs {expected[i]}");
        }
    }

    [Theory]
    [InlineData(4096, 1024)]
    [InlineData(4096, 2048)]
    [InlineData(6144, 1536)]
    [InlineData(7680, 3840)]
    [InlineData(1000, 250)]
    [InlineData(1000, 500)]
    public void InverseOfForward_ReconstructsTheSignal(int nfft, int hop)
    {
        var signal = DspReference.Noise(20_000, nfft + hop);
        var plan = StftPlan.Create(nfft, hop);
        var frames = plan.FrameCount(signal.Length);
        var re = new float[frames * plan.BinCount];
        var im = new float[re.Length];
        plan.Forward(signal, re, im);
        var output = new float[signal.Length];
        plan.Inverse(re, im, frames, output, signal.Length);
        var maxError = signal.Zip(output, (a, b) => Math.Abs(a - b)).Max();
        Assert.InRange(maxError, 0, 1e-5);
    }

    public static TheoryData<int, int, int, bool, string, int> OracleCases()
    {
        var data = new TheoryData<int, int, int, bool, string, int>();
        foreach (var mode in new[] { "Reflect", "Constant", "Edge" })
        {
            data.Add(16, 4, 16, true, mode, 50);
            data.Add(9, 3, 9, true, mode, 20);
            data.Add(15, 7, 11, true, mode, 33);
            data.Add(64, 16, 40, true, mode, 200);
            data.Add(512, 128, 512, true, mode, 1500);
        }

        data.Add(16, 5, 16, false, "Reflect", 50);
        data.Add(9, 2, 7, false, "Constant", 9);
        data.Add(10, 2, 10, true, "Constant", 0);
        return data;
    }

    [Theory]
    [MemberData(nameof(OracleCases))]
    public void Forward_MatchesScalarOracle(int nfft, int hop, int winLength, bool center, string pad, int signalLength)
    {
        var padMode = Enum.Parse<PadMode>(pad);
        var signal = DspReference.Noise(signalLength, nfft * hop);
        var window = WindowFunctions.Create(WindowKind.Hann, winLength);
        var plan = new StftPlan(nfft, hop, window, center, padMode);
        var (refRe, refIm) = OracleStft(signal, nfft, hop, window, center, padMode);
        var frames = plan.FrameCount(signalLength);
        Assert.Equal(refRe.Length, frames * plan.BinCount);
        var re = new float[refRe.Length];
        var im = new float[refIm.Length];
        plan.Forward(signal, re, im);
        Assert.InRange(DspReference.MaxRelativeError(re, im, refRe, refIm), 0, 2e-6);
    }

    [Fact]
    public void ForwardFrameRange_EqualsTheSameRowsOfTheWholeTransform()
    {
        var signal = DspReference.Noise(10_000, 4);
        var plan = StftPlan.Create(1024, 256);
        var frames = plan.FrameCount(signal.Length);
        var re = new float[frames * plan.BinCount];
        var im = new float[re.Length];
        plan.Forward(signal, re, im);
        var partRe = new float[10 * plan.BinCount];
        var partIm = new float[partRe.Length];
        plan.Forward(signal, frames - 10, 10, partRe, partIm);
        Assert.Equal(re.AsSpan((frames - 10) * plan.BinCount).ToArray(), partRe);
        Assert.Equal(im.AsSpan((frames - 10) * plan.BinCount).ToArray(), partIm);
    }

    [Fact]
    public void Forward_AllocatesNothingPerFrame()
    {
        var signal = DspReference.Noise(200_000, 5);
        var plan = StftPlan.Create(4096, 1024);
        var frames = plan.FrameCount(signal.Length);
        var re = new float[frames * plan.BinCount];
        var im = new float[re.Length];
        plan.Forward(signal, re, im); // warm-up: plans, pools, JIT
        var before = GC.GetAllocatedBytesForCurrentThread();
        plan.Forward(signal, re, im);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.InRange(allocated, 0, 1024);
    }

    [Fact]
    public void Validation_RejectsBadArguments()
    {
        var plan = StftPlan.Create(16, 4);
        var frames = plan.FrameCount(100);
        Assert.Equal(26, frames);
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[100], new float[(frames * 9) - 1], new float[frames * 9]));
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[100], new float[frames * 9], new float[(frames * 9) - 1]));
        Assert.Throws<ArgumentException>(() => plan.Forward(new float[8], new float[1000], new float[1000]));
        Assert.Throws<ArgumentException>(() => new StftPlan(16, 4, new float[17]));
        Assert.Throws<ArgumentOutOfRangeException>(() => StftPlan.Create(16, 0));
        Assert.Throws<ArgumentException>(() => plan.Inverse(new float[9], new float[9], 2, new float[100]));
        Assert.Throws<ArgumentException>(() => plan.Inverse(new float[18], new float[18], 2, new float[plan.InverseLength(2) - 1]));

        // A rectangular window of 4 with hop 8 leaves gaps: the inverse must refuse (NOLA).
        var gappy = new StftPlan(8, 8, new float[] { 1, 1, 1, 1 }, center: false);
        Assert.Throws<ArgumentException>(() => gappy.Inverse(new float[5 * 3], new float[5 * 3], 3, new float[gappy.InverseLength(3)]));
    }

    [Fact]
    public void Forward_MatchesNWavesStftWithoutCentring()
    {
        // NWaves' Stft frames without padding, uses its symmetric window, and returns (re, im) per frame.
        const int nfft = 1024, hop = 256;
        var signal = DspReference.Noise(8192, 77);
        var nwaves = new NWaves.Transforms.Stft(nfft, hop, NWaves.Windows.WindowType.Hann, nfft);
        var expected = nwaves.Direct(signal);
        var plan = new StftPlan(nfft, hop, WindowFunctions.Create(WindowKind.Hann, nfft, periodic: false), center: false);
        var frames = plan.FrameCount(signal.Length);
        var re = new float[frames * plan.BinCount];
        var im = new float[re.Length];
        plan.Forward(signal, re, im);
        var count = Math.Min(frames, expected.Count);
        Assert.True(count >= frames - 1, $"NWaves produced {expected.Count} frames, ours {frames}");
        var refRe = new double[count * plan.BinCount];
        var refIm = new double[refRe.Length];
        for (var t = 0; t < count; t++)
        {
            for (var b = 0; b < plan.BinCount; b++)
            {
                refRe[(t * plan.BinCount) + b] = expected[t].Item1[b];
                refIm[(t * plan.BinCount) + b] = expected[t].Item2[b];
            }
        }

        Assert.InRange(DspReference.MaxRelativeError(re.AsSpan(0, refRe.Length), im.AsSpan(0, refRe.Length), refRe, refIm), 0, 1e-5);
    }

    internal static WindowKind ParseWindow(string name) => name switch
    {
        "hann" => WindowKind.Hann,
        "hamming" => WindowKind.Hamming,
        "blackman" => WindowKind.Blackman,
        "barthann" => WindowKind.BartlettHann,
        "kaiser" => WindowKind.Kaiser,
        _ => throw new ArgumentException(name),
    };

    private static float[] Load(string file) => NpyFile.Read(TestAssets.Path("dsp", "stft", file)).Data;

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

    private static double MaxRelativeError(float[] re, float[] im, float[] refRe, float[] refIm) =>
        DspReference.MaxRelativeError(re, im, Array.ConvertAll(refRe, v => (double)v), Array.ConvertAll(refIm, v => (double)v));

    /// <summary>Pads explicitly (numpy semantics), frames, windows and runs a naive DFT in double.</summary>
    private static (double[] Re, double[] Im) OracleStft(float[] x, int nfft, int hop, float[] window, bool center, PadMode mode)
    {
        var pad = center ? nfft / 2 : 0;
        var padded = new float[x.Length + (2 * pad)];
        for (var i = 0; i < padded.Length; i++)
        {
            var j = i - pad;
            if (j >= 0 && j < x.Length)
            {
                padded[i] = x[j];
            }
            else if (mode == PadMode.Reflect)
            {
                padded[i] = x[j < 0 ? -j : (2 * (x.Length - 1)) - j];
            }
            else if (mode == PadMode.Edge)
            {
                padded[i] = x[j < 0 ? 0 : x.Length - 1];
            }
        }

        var full = new float[nfft];
        window.CopyTo(full, (nfft - window.Length) / 2);
        var frames = padded.Length < nfft ? 0 : 1 + ((padded.Length - nfft) / hop);
        var bins = (nfft / 2) + 1;
        var re = new double[frames * bins];
        var im = new double[frames * bins];
        for (var t = 0; t < frames; t++)
        {
            var frame = new float[nfft];
            for (var j = 0; j < nfft; j++)
            {
                frame[j] = padded[(t * hop) + j] * full[j];
            }

            var (fr, fi) = DspReference.Dft(frame, new float[nfft]);
            Array.Copy(fr, 0, re, t * bins, bins);
            Array.Copy(fi, 0, im, t * bins, bins);
        }

        return (re, im);
    }
}
