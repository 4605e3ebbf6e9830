using System.Diagnostics;
using System.Text.Json;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Cli.Commands;

/// <summary>
/// Measures our STFT against NWaves (in process) and numpy/scipy/torch (a python3 child process) on the same
/// deterministic signal, one thread each. See <c>docs/dsp-sources.md</c> for the protocol.
/// </summary>
internal sealed class BenchDspRunner(int seconds, int runs, Action<string> log)
{
    /// <summary>The implementation we measure.</summary>
    public const string OursName = "musicai (ours)";

    /// <summary>NWaves' fastest way: its real FFT in a frame loop.</summary>
    public const string NWavesName = "NWaves RealFft frame loop";

    /// <summary>Sample rate of the test signal.</summary>
    public const int SampleRate = 44_100;

    /// <summary>Channels of the test signal.</summary>
    public const int Channels = 2;

    /// <summary>Hop used for every case.</summary>
    public const int Hop = 1024;

    /// <summary>Environment variable naming the python interpreter to use for the references.</summary>
    public const string PythonVariable = PythonRunner.Variable;

    private const int ComparedFrames = 48;

    /// <summary>Gets the n_fft sizes measured: 4096 (main case), then the MDX-Net sizes.</summary>
    public static IReadOnlyList<int> FftLengths { get; } = [4096, 6144, 7680];

    /// <summary>Gets the samples per channel.</summary>
    public int Samples => seconds * SampleRate;

    /// <summary>Gets the python interpreter used, once <see cref="RunAsync"/> has looked for it.</summary>
    public string? Python { get; private set; }

    /// <summary>Runs every case and returns the rows, ours first for each n_fft.</summary>
    public async Task<IReadOnlyList<BenchDspResult>> RunAsync(CancellationToken cancellationToken)
    {
        var signal = CreateSignal(Samples);
        var directory = Directory.CreateTempSubdirectory("musicai-bench-");
        try
        {
            var results = new List<BenchDspResult>();
            var cases = new List<(int FftLength, string OursPath, int[] Frames, double OursBest)>();
            foreach (var fftLength in FftLengths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                log($"n_fft {fftLength}: ours");
                var (ours, re, im, frames) = MeasureOurs(signal, fftLength);
                results.Add(ours);
                var compared = ComparedFrameIndices(frames);
                var oursPath = Path.Combine(directory.FullName, $"ours_{fftLength}.f32");
                WriteFrames(oursPath, re[0], im[0], compared, (fftLength / 2) + 1);
                cases.Add((fftLength, oursPath, compared, ours.BestMs));
                if (fftLength == 4096)
                {
                    log($"n_fft {fftLength}: NWaves");
                    results.Add(MeasureNWaves(signal, fftLength, re, im, ours.BestMs));
                }
                else
                {
                    results.Add(BenchDspResult.Unavailable(fftLength, Hop, NWavesName, "NWaves' FFT supports power-of-two sizes only"));
                }
            }

            log("python references (numpy, scipy, torch)");
            results.AddRange(await MeasurePythonAsync(signal, directory.FullName, cases, cancellationToken).ConfigureAwait(false));
            return [.. results.OrderBy(r => FftLengths.ToList().IndexOf(r.FftLength))];
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Deterministic stereo test signal: tones plus seeded noise, different per channel.</summary>
    internal static float[][] CreateSignal(int samples)
    {
        var signal = new float[Channels][];
        for (var c = 0; c < Channels; c++)
        {
            var random = new Random(1234 + c);
            var x = new float[samples];
            for (var i = 0; i < samples; i++)
            {
                var t = (double)i / SampleRate;
                x[i] = (float)((0.3 * Math.Sin(2 * Math.PI * (220 + (110 * c)) * t)) + (0.2 * Math.Sin(2 * Math.PI * 1234.5 * t)) + (0.1 * ((random.NextDouble() * 2) - 1)));
            }

            signal[c] = x;
        }

        return signal;
    }

    private static int[] ComparedFrameIndices(int frames)
    {
        var count = Math.Min(ComparedFrames, frames);
        return [.. Enumerable.Range(0, count).Select(i => count == 1 ? 0 : (int)((long)i * (frames - 1) / (count - 1))).Distinct()];
    }

    private static void WriteFrames(string path, float[] re, float[] im, int[] frames, int bins)
    {
        using var stream = File.Create(path);
        foreach (var t in frames)
        {
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(re.AsSpan(t * bins, bins)));
            stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(im.AsSpan(t * bins, bins)));
        }
    }

    private static double Median(List<double> times)
    {
        times.Sort();
        return times[times.Count / 2];
    }

    private (BenchDspResult Result, float[][] Re, float[][] Im, int Frames) MeasureOurs(float[][] signal, int fftLength)
    {
        var plan = StftPlan.Create(fftLength, Hop, WindowKind.Hann, center: true, padMode: PadMode.Reflect);
        var frames = plan.FrameCount(Samples);
        var size = frames * plan.BinCount;
        var re = new float[Channels][];
        var im = new float[Channels][];
        for (var c = 0; c < Channels; c++)
        {
            re[c] = new float[size];
            im[c] = new float[size];
        }

        var times = new List<double>();
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var c = 0; c < Channels; c++)
            {
                plan.Forward(signal[c], re[c], im[c]);
            }

            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var best = times.Min();
        return (new BenchDspResult(fftLength, Hop, OursName, null, best, Median(times), null, null), re, im, frames);
    }

    /// <summary>NWaves' RealFft in a frame loop with the same framing (centred, reflect padding, periodic Hann).</summary>
    private BenchDspResult MeasureNWaves(float[][] signal, int fftLength, float[][] oursRe, float[][] oursIm, double oursBest)
    {
        var fft = new NWaves.Transforms.RealFft(fftLength);
        var window = WindowFunctions.Create(WindowKind.Hann, fftLength);
        var bins = (fftLength / 2) + 1;
        var frames = oursRe[0].Length / bins;
        var frame = new float[fftLength];
        var frameRe = new float[fftLength];
        var frameIm = new float[fftLength];
        var outRe = new float[oursRe[0].Length];
        var outIm = new float[oursRe[0].Length];
        var times = new List<double>();
        double maxError = 0, maxMagnitude = 0;
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            for (var c = 0; c < Channels; c++)
            {
                var x = signal[c];
                for (var t = 0; t < frames; t++)
                {
                    var start = (t * Hop) - (fftLength / 2);
                    for (var j = 0; j < fftLength; j++)
                    {
                        var i = start + j;
                        i = i < 0 ? -i : i >= x.Length ? (2 * (x.Length - 1)) - i : i;
                        frame[j] = x[i] * window[j];
                    }

                    fft.Direct(frame, frameRe, frameIm);
                    frameRe.AsSpan(0, bins).CopyTo(outRe.AsSpan(t * bins));
                    frameIm.AsSpan(0, bins).CopyTo(outIm.AsSpan(t * bins));
                }

                if (run == 0)
                {
                    for (var i = 0; i < outRe.Length; i++)
                    {
                        maxMagnitude = Math.Max(maxMagnitude, Math.Sqrt(((double)outRe[i] * outRe[i]) + ((double)outIm[i] * outIm[i])));
                        var dr = (double)outRe[i] - oursRe[c][i];
                        var di = (double)outIm[i] - oursIm[c][i];
                        maxError = Math.Max(maxError, Math.Sqrt((dr * dr) + (di * di)));
                    }
                }
            }

            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        var best = times.Min();
        return new BenchDspResult(fftLength, Hop, NWavesName, null, best, Median(times), best / oursBest, maxError / maxMagnitude);
    }

    private async Task<IEnumerable<BenchDspResult>> MeasurePythonAsync(
        float[][] signal, string directory, List<(int FftLength, string OursPath, int[] Frames, double OursBest)> cases, CancellationToken cancellationToken)
    {
        string[] names = ["numpy.fft.rfft (framed)", "scipy.signal.stft", "torch.stft"];
        IEnumerable<BenchDspResult> AllUnavailable(string reason) =>
            cases.SelectMany(c => names.Select(n => BenchDspResult.Unavailable(c.FftLength, Hop, n, reason)));

        var (python, reason) = await PythonRunner.FindAsync(cancellationToken).ConfigureAwait(false);
        Python = python;
        if (python is null)
        {
            return AllUnavailable(reason!);
        }

        var signalPath = Path.Combine(directory, "signal.f32");
        using (var stream = File.Create(signalPath))
        {
            foreach (var channel in signal)
            {
                stream.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(channel.AsSpan()));
            }
        }

        var scriptPath = Path.Combine(directory, "bench_dsp_reference.py");
        await using (var resource = typeof(BenchDspRunner).Assembly.GetManifestResourceStream("MusicAI.Cli.BenchDspReference.py")
            ?? throw new InvalidOperationException("The embedded reference script is missing from the build."))
        await using (var file = File.Create(scriptPath))
        {
            await resource.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        var configPath = Path.Combine(directory, "config.json");
        var config = new
        {
            signal_path = signalPath,
            channels = Channels,
            samples = Samples,
            runs,
            cases = cases.Select(c => new { n_fft = c.FftLength, hop = Hop, ours_path = c.OursPath, frames = c.Frames }).ToArray(),
        };
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(config), cancellationToken).ConfigureAwait(false);

        int exitCode;
        string stdout, stderr;
        try
        {
            (exitCode, stdout, stderr) = await PythonRunner.RunAsync(python, [scriptPath, configPath], cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return AllUnavailable($"could not start {python}: {ex.Message}");
        }

        if (exitCode != 0)
        {
            var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? $"exit code {exitCode}";
            return AllUnavailable($"{python} failed: {last.Trim()}");
        }

        using var document = JsonDocument.Parse(stdout);
        var root = document.RootElement;
        if (root.TryGetProperty("error", out var error))
        {
            return AllUnavailable(error.GetString()!);
        }

        var results = new List<BenchDspResult>();
        foreach (var r in root.GetProperty("results").EnumerateArray())
        {
            var fftLength = r.GetProperty("n_fft").GetInt32();
            var best = r.GetProperty("best_ms").GetDouble();
            var oursBest = cases.Single(c => c.FftLength == fftLength).OursBest;
            results.Add(new BenchDspResult(fftLength, Hop, r.GetProperty("implementation").GetString()!, null, best, r.GetProperty("median_ms").GetDouble(), best / oursBest, r.GetProperty("max_rel_error").GetDouble()));
        }

        foreach (var u in root.GetProperty("unavailable").EnumerateArray())
        {
            results.AddRange(cases.Select(c => BenchDspResult.Unavailable(c.FftLength, Hop, u.GetProperty("implementation").GetString()!, u.GetProperty("reason").GetString()!)));
        }

        return results;
    }
}
