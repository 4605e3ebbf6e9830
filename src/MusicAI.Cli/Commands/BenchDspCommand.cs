using System.CommandLine;
using System.Globalization;
using System.Text;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai bench dsp [--json] [--runs N] [--seconds S]</c>: times our STFT (periodic Hann, centred, reflect padding,
/// hop 1024, one thread) on a deterministic stereo 44.1 kHz signal against NWaves in process and numpy/scipy/torch in a
/// python3 child process, and reports speed-ups and the spectra's max relative error.
/// </summary>
internal static class BenchDspCommand
{
    /// <summary>The speed-up over the fastest reference the SDK aims for at n_fft 4096.</summary>
    public const double TargetSpeedup = 1.5;

    /// <summary>The largest acceptable max relative error against a reference.</summary>
    public const double TargetError = 1e-5;

    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on stdout." };
        var runs = new Option<int>("--runs") { Description = "Timed runs per implementation after one warm-up run (best and median are reported).", DefaultValueFactory = _ => 5 };
        var seconds = new Option<int>("--seconds") { Description = "Length of the test signal in seconds.", DefaultValueFactory = _ => 180 };
        var command = new Command("dsp", "STFT speed and accuracy: ours vs NWaves, numpy, scipy and torch (n_fft 4096, 6144, 7680; hop 1024; one thread).");
        command.Options.Add(json);
        command.Options.Add(runs);
        command.Options.Add(seconds);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(console, parseResult.GetValue(json), parseResult.GetValue(runs), parseResult.GetValue(seconds), ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, bool json, int runs, int seconds, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1, "--runs");
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 1, "--seconds");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, 1800, "--seconds");
        var runner = new BenchDspRunner(seconds, runs, message =>
        {
            if (!json)
            {
                console.Error.WriteLine($"measuring {message}…");
            }
        });
        var results = await runner.RunAsync(cancellationToken);
        var summary = Summarize(results);
        if (json)
        {
            await console.Out.WriteLineAsync(ToJson(runner, runs, results, summary));
        }
        else
        {
            await console.Out.WriteAsync(ToTable(runner, runs, results, summary));
        }

        return ExitCodes.Ok;
    }

    private static (string? Fastest, double? Speedup, bool Met) Summarize(IReadOnlyList<BenchDspResult> results)
    {
        var fastest = results
            .Where(r => r.FftLength == 4096 && r.Available && r.Speedup is not null)
            .OrderBy(r => r.BestMs)
            .FirstOrDefault();
        var met = fastest is not null && fastest.Speedup >= TargetSpeedup && fastest.MaxRelativeError <= TargetError;
        return (fastest?.Implementation, fastest?.Speedup, met);
    }

    private static string ToTable(BenchDspRunner runner, int runs, IReadOnlyList<BenchDspResult> results, (string? Fastest, double? Speedup, bool Met) summary)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"STFT of a {runner.Samples / (double)BenchDspRunner.SampleRate:0.#} s stereo {BenchDspRunner.SampleRate} Hz signal, hop {BenchDspRunner.Hop}, periodic Hann, centred (reflect), one thread; best/median of {runs} runs after a warm-up.");
        text.AppendLine("speed-up = their best time / our best time; error = max |theirs − ours| / max |theirs| (compared frames).");
        text.AppendLine();
        text.AppendLine(c, $"{"n_fft",6}  {"implementation",-28} {"best ms",9} {"median ms",10} {"speed-up",9} {"max rel err",12}");
        foreach (var r in results)
        {
            if (!r.Available)
            {
                text.AppendLine(c, $"{r.FftLength,6}  {r.Implementation,-28} reference unavailable: {r.Reason}");
                continue;
            }

            var speedup = r.Speedup is double s ? s.ToString("0.00", c) + "×" : "—";
            var error = r.MaxRelativeError is double e ? e.ToString("0.0e+0", c) : "—";
            text.AppendLine(c, $"{r.FftLength,6}  {r.Implementation,-28} {r.BestMs,9:0.0} {r.MedianMs,10:0.0} {speedup,9} {error,12}");
        }

        text.AppendLine();
        text.AppendLine(summary.Fastest is null
            ? "target: no reference ran at n_fft 4096, so the ≥ 1.5× target could not be checked."
            : string.Create(c, $"target at n_fft 4096: ≥ {TargetSpeedup}× the fastest reference ({summary.Fastest}) with error ≤ {TargetError:0e+0}: {(summary.Met ? "met" : "NOT met")} ({summary.Speedup:0.00}×)."));
        var pythonRan = results.Any(r => r.Available && r.Implementation is not (BenchDspRunner.OursName or BenchDspRunner.NWavesName));
        text.AppendLine(pythonRan
            ? $"python references ran with {runner.Python} (set {BenchDspRunner.PythonVariable} to choose another)."
            : $"python references did not run (set {BenchDspRunner.PythonVariable} to a python3 with numpy, scipy and torch).");

        return text.ToString();
    }

    private static string ToJson(BenchDspRunner runner, int runs, IReadOnlyList<BenchDspResult> results, (string? Fastest, double? Speedup, bool Met) summary)
    {
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("signal");
            writer.WriteNumber("seconds", runner.Samples / (double)BenchDspRunner.SampleRate);
            writer.WriteNumber("sample_rate", BenchDspRunner.SampleRate);
            writer.WriteNumber("channels", BenchDspRunner.Channels);
            writer.WriteEndObject();
            writer.WriteNumber("hop", BenchDspRunner.Hop);
            writer.WriteString("window", "hann (periodic)");
            writer.WriteString("padding", "centre, reflect");
            writer.WriteNumber("threads", 1);
            writer.WriteNumber("runs", runs);
            if (runner.Python is not null)
            {
                writer.WriteString("python", runner.Python);
            }

            writer.WriteStartArray("results");
            foreach (var r in results)
            {
                writer.WriteStartObject();
                writer.WriteNumber("n_fft", r.FftLength);
                writer.WriteString("implementation", r.Implementation);
                writer.WriteBoolean("available", r.Available);
                if (r.Available)
                {
                    writer.WriteNumber("best_ms", Math.Round(r.BestMs, 3));
                    writer.WriteNumber("median_ms", Math.Round(r.MedianMs, 3));
                    CliJson.WriteNumberOrNull(writer, "speedup", r.Speedup);
                    CliJson.WriteNumberOrNull(writer, "max_rel_error", r.MaxRelativeError);
                }
                else
                {
                    writer.WriteString("reason", r.Reason);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartObject("target");
            writer.WriteNumber("n_fft", 4096);
            writer.WriteNumber("speedup", TargetSpeedup);
            writer.WriteNumber("max_rel_error", TargetError);
            if (summary.Fastest is null)
            {
                writer.WriteNull("fastest_reference");
            }
            else
            {
                writer.WriteString("fastest_reference", summary.Fastest);
            }

            CliJson.WriteNumberOrNull(writer, "measured_speedup", summary.Speedup);
            writer.WriteBoolean("met", summary.Met);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }
}
