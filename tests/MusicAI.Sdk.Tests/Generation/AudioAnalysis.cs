using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>
/// A listen-free analysis of generated audio for the tests, built on the SDK's DSP kernels (STFT, mel and chroma
/// filter banks, spectral-flux onset strength): tempo from the autocorrelation of the onset envelope at 1, 2 and 4
/// beats with librosa's 120-BPM log-normal prior, key from the
/// chromagram correlated with the Krumhansl–Kessler profiles. It reads the audio only, never the score.
/// </summary>
internal static class AudioAnalysis
{
    private const int OnsetFft = 2048;
    private const int OnsetHop = 512;
    private const int ChromaFft = 8192;

    /// <summary>The chroma bank's octave weighting centre (octaves above A0): 4 ≈ A4, the register of chords and pads.</summary>
    private const double CenterOctave = 4;

    private static readonly double[] s_majorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] s_minorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>The tempo in BPM between <paramref name="minBpm"/> and <paramref name="maxBpm"/> with the strongest onset periodicity.</summary>
    public static double EstimateTempo(AudioBuffer audio, double minBpm = 60, double maxBpm = 200)
    {
        var onset = Smooth(OnsetEnvelope(audio));
        var framesPerSecond = (double)audio.SampleRate / OnsetHop;
        var mean = onset.Average();
        for (var i = 0; i < onset.Length; i++)
        {
            onset[i] -= mean;
        }

        var bestBpm = 0.0;
        var bestScore = double.MinValue;
        for (var bpm = minBpm; bpm <= maxBpm; bpm += 0.25)
        {
            // The onset autocorrelation at one, two and four beat periods (long lags resolve the period finely: onsets
            // are quantized to hops), weighted by librosa's log-normal prior centred on 120 BPM with a one-octave
            // standard deviation. Fractional lags are interpolated.
            var octaves = Math.Log2(bpm / 120.0);
            var score = 0.0;
            foreach (var multiple in (ReadOnlySpan<int>)[1, 2, 4])
            {
                score += Autocorrelation(onset, multiple * 60.0 / bpm * framesPerSecond);
            }

            score *= Math.Exp(-0.5 * octaves * octaves);

            if (score > bestScore)
            {
                bestScore = score;
                bestBpm = bpm;
            }
        }

        return bestBpm;
    }

    /// <summary>The key (tonic pitch class, minor?) whose Krumhansl–Kessler profile best correlates with the chroma.</summary>
    public static (int Tonic, bool Minor, double Correlation) EstimateKey(AudioBuffer audio)
    {
        var chroma = Chroma(audio);
        var best = (Tonic: 0, Minor: false, Correlation: double.MinValue);
        for (var tonic = 0; tonic < 12; tonic++)
        {
            foreach (var minor in new[] { false, true })
            {
                var profile = minor ? s_minorProfile : s_majorProfile;
                var rotated = new double[12];
                for (var pc = 0; pc < 12; pc++)
                {
                    rotated[pc] = profile[((pc - tonic) % 12 + 12) % 12];
                }

                var r = Pearson(chroma, rotated);
                if (r > best.Correlation)
                {
                    best = (tonic, minor, r);
                }
            }
        }

        return best;
    }

    /// <summary>Chroma energy (C = 0) summed over the signal: 8192-point STFT magnitudes through the chroma filter bank.</summary>
    public static double[] Chroma(AudioBuffer audio)
    {
        var mono = Mono(audio);
        var plan = StftPlan.Create(ChromaFft, ChromaFft / 2);
        var frames = plan.FrameCount(mono.Length);
        var real = new float[frames * plan.BinCount];
        var imaginary = new float[frames * plan.BinCount];
        plan.Forward(mono, real, imaginary);
        var magnitude = new float[real.Length];
        SpectralKernels.Magnitude(real, imaginary, magnitude);
        var bank = FilterBank.CreateChroma(audio.SampleRate, ChromaFft, centerOctave: CenterOctave);
        var perFrame = new float[frames * 12];
        bank.ApplyFrames(magnitude, perFrame);
        var chroma = new double[12];
        for (var i = 0; i < perFrame.Length; i++)
        {
            chroma[i % 12] += perFrame[i];
        }

        return chroma;
    }

    /// <summary>Spectral-flux onset strength of 64 log-mel bands, one value per hop.</summary>
    private static float[] OnsetEnvelope(AudioBuffer audio)
    {
        const int Bands = 64;
        var mono = Mono(audio);
        var plan = StftPlan.Create(OnsetFft, OnsetHop);
        var frames = plan.FrameCount(mono.Length);
        var real = new float[frames * plan.BinCount];
        var imaginary = new float[frames * plan.BinCount];
        plan.Forward(mono, real, imaginary);
        var power = new float[real.Length];
        SpectralKernels.Power(real, imaginary, power);
        var mel = new float[frames * Bands];
        FilterBank.CreateMel(audio.SampleRate, OnsetFft, Bands).ApplyFrames(power, mel);
        var decibels = new float[mel.Length];
        SpectralKernels.PowerToDecibels(mel, decibels);
        SpectralKernels.ClipToTopDecibels(decibels, 80f);
        var onset = new float[frames];
        OnsetStrength.Compute(decibels, Bands, onset, new float[Bands]);
        return onset;
    }

    /// <summary>A [1 2 1]/4 smoothing, so that the autocorrelation between integer lags is meaningful.</summary>
    private static float[] Smooth(float[] x)
    {
        var y = new float[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            y[i] = (x[Math.Max(0, i - 1)] + (2 * x[i]) + x[Math.Min(x.Length - 1, i + 1)]) / 4;
        }

        return y;
    }

    private static double Autocorrelation(float[] x, double lag)
    {
        var whole = (int)lag;
        var fraction = lag - whole;
        var sum = 0.0;
        for (var i = 0; i + whole + 1 < x.Length; i++)
        {
            var shifted = ((1 - fraction) * x[i + whole]) + (fraction * x[i + whole + 1]);
            sum += x[i] * shifted;
        }

        return sum / Math.Max(1, x.Length - whole);
    }

    private static float[] Mono(AudioBuffer audio)
    {
        var mono = new float[audio.FrameCount];
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            var channel = audio.GetChannel(c);
            for (var i = 0; i < mono.Length; i++)
            {
                mono[i] += channel[i] / audio.ChannelCount;
            }
        }

        return mono;
    }

    private static double Pearson(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double num = 0, da = 0, db = 0;
        for (var i = 0; i < a.Length; i++)
        {
            num += (a[i] - ma) * (b[i] - mb);
            da += (a[i] - ma) * (a[i] - ma);
            db += (b[i] - mb) * (b[i] - mb);
        }

        return num / Math.Sqrt(da * db);
    }
}
