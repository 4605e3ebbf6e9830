using System.Numerics;
using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>
/// An independent, listen-free analysis of generated audio for the tests: tempo from the autocorrelation of a
/// spectral-flux onset envelope, and key from a chromagram correlated with the Krumhansl–Kessler profiles.
/// Deliberately simple and separate from the composer, so it checks the audio, not the score.
/// </summary>
internal static class AudioAnalysis
{
    private const int FrameSize = 2048;
    private const int Hop = 512;

    private static readonly double[] s_majorProfile = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];
    private static readonly double[] s_minorProfile = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>The tempo in BPM between <paramref name="minBpm"/> and <paramref name="maxBpm"/> with the strongest onset periodicity.</summary>
    public static double EstimateTempo(AudioBuffer audio, double minBpm = 60, double maxBpm = 200)
    {
        var onset = OnsetEnvelope(audio, out var framesPerSecond);
        var mean = onset.Average();
        for (var i = 0; i < onset.Length; i++)
        {
            onset[i] -= mean;
        }

        var bestBpm = 0.0;
        var bestScore = double.MinValue;
        for (var bpm = minBpm; bpm <= maxBpm; bpm += 0.25)
        {
            // Score a beat period by the autocorrelation at one, two and four beats (fractional lags interpolated).
            var score = 0.0;
            foreach (var multiple in (ReadOnlySpan<int>)[1, 2, 4])
            {
                score += Autocorrelation(onset, multiple * 60.0 / bpm * framesPerSecond);
            }

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

    /// <summary>Energy per pitch class, summed over the whole signal (100 Hz – 2 kHz, 8192-point frames for fine low-frequency resolution).</summary>
    public static double[] Chroma(AudioBuffer audio)
    {
        const int ChromaFrame = 8192;
        var mono = Mono(audio);
        var chroma = new double[12];
        var spectrum = new Complex[ChromaFrame];
        var window = Hann(ChromaFrame);
        for (var start = 0; start + ChromaFrame <= mono.Length; start += ChromaFrame / 2)
        {
            for (var i = 0; i < ChromaFrame; i++)
            {
                spectrum[i] = new Complex(mono[start + i] * window[i], 0);
            }

            Fft(spectrum);
            for (var k = 1; k < ChromaFrame / 2; k++)
            {
                var hz = (double)k * audio.SampleRate / ChromaFrame;
                if (hz is < 100 or > 2000)
                {
                    continue;
                }

                var midi = 69 + (12 * Math.Log2(hz / 440));
                var pc = ((int)Math.Round(midi) % 12 + 12) % 12;
                chroma[pc] += spectrum[k].Magnitude;
            }
        }

        return chroma;
    }

    private static double[] OnsetEnvelope(AudioBuffer audio, out double framesPerSecond)
    {
        var mono = Mono(audio);
        var frames = Math.Max(0, ((mono.Length - FrameSize) / Hop) + 1);
        var envelope = new double[frames];
        var previous = new double[FrameSize / 2];
        var spectrum = new Complex[FrameSize];
        var window = Hann(FrameSize);
        for (var f = 0; f < frames; f++)
        {
            for (var i = 0; i < FrameSize; i++)
            {
                spectrum[i] = new Complex(mono[(f * Hop) + i] * window[i], 0);
            }

            Fft(spectrum);
            var flux = 0.0;
            for (var k = 1; k < FrameSize / 2; k++)
            {
                var magnitude = Math.Log(1 + (1000 * spectrum[k].Magnitude));
                flux += Math.Max(0, magnitude - previous[k]);
                previous[k] = magnitude;
            }

            envelope[f] = f == 0 ? 0 : flux;
        }

        framesPerSecond = (double)audio.SampleRate / Hop;
        return envelope;
    }

    private static double Autocorrelation(double[] x, double lag)
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

    private static double[] Hann(int n)
    {
        var w = new double[n];
        for (var i = 0; i < n; i++)
        {
            w[i] = 0.5 - (0.5 * Math.Cos(2 * Math.PI * i / n));
        }

        return w;
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

    /// <summary>In-place iterative radix-2 FFT (length a power of two).</summary>
    private static void Fft(Complex[] x)
    {
        var n = x.Length;
        for (int i = 1, j = 0; i < n; i++)
        {
            var bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1)
            {
                j ^= bit;
            }

            j ^= bit;
            if (i < j)
            {
                (x[i], x[j]) = (x[j], x[i]);
            }
        }

        for (var length = 2; length <= n; length <<= 1)
        {
            var angle = -2 * Math.PI / length;
            var wLength = new Complex(Math.Cos(angle), Math.Sin(angle));
            for (var i = 0; i < n; i += length)
            {
                var w = Complex.One;
                for (var k = 0; k < length / 2; k++)
                {
                    var u = x[i + k];
                    var v = x[i + k + (length / 2)] * w;
                    x[i + k] = u + v;
                    x[i + k + (length / 2)] = u - v;
                    w *= wLength;
                }
            }
        }
    }
}
