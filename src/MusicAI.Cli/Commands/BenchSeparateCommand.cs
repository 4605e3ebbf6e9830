using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai bench separate [--json] [--seconds S] [--memory-minutes M]</c>: real-time factor of the built-in
/// separator on a 3-minute stereo 44.1 kHz song, the per-chunk overhead of the pipeline over a bare model run (for the
/// MDX-Net engine, when it is in the build), and the peak memory of a 60-minute file separated to stem files in a
/// child process.
/// </summary>
internal static class BenchSeparateCommand
{
    /// <summary>The real-time factor the built-in separator must reach on a 2-core machine.</summary>
    public const double TargetRealTimeFactor = 20;

    /// <summary>The peak memory limit for a 60-minute input, in MB.</summary>
    public const double TargetPeakMb = 1536;

    private const string MdxUnavailable = "unavailable: MDX engine not on this branch";

    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on stdout." };
        var seconds = new Option<double>("--seconds") { Description = "Length of the in-memory speed test song in seconds.", DefaultValueFactory = _ => 180 };
        var minutes = new Option<double>("--memory-minutes") { Description = "Length of the file for the memory test in minutes; 0 skips it.", DefaultValueFactory = _ => 60 };
        var command = new Command("separate", "Built-in separator speed (× real time), pipeline overhead over a bare model run, and peak memory on a long file.");
        command.Options.Add(json);
        command.Options.Add(seconds);
        command.Options.Add(minutes);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(console, parseResult.GetValue(json), parseResult.GetValue(seconds), parseResult.GetValue(minutes), ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, bool json, double seconds, double minutes, CancellationToken cancellationToken)
    {
        if (!(seconds >= 1 && seconds <= 3600))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "--seconds must be 1 to 3600.");
        }

        if (!(minutes >= 0 && minutes <= 240))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "--memory-minutes must be 0 to 240.");
        }

        var runner = new BenchSeparateRunner(message =>
        {
            if (!json)
            {
                console.Error.WriteLine($"{message}…");
            }
        });
        await using var client = MusicAIClient.Create();
        var (elapsed, factor) = await runner.MeasureSpeedAsync(client.Separator, seconds, cancellationToken);
        var memory = minutes > 0 ? await runner.MeasureMemoryAsync(minutes, cancellationToken) : null;
        var result = new Result(seconds, elapsed, factor, memory);
        await console.Out.WriteAsync(json ? ToJson(result) : ToText(result));
        return ExitCodes.Ok;
    }

    private static string ToText(Result r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"built-in separator, 4 stems, {r.Seconds:0} s synthetic stereo {BenchSeparateRunner.SampleRate} Hz song in memory, {Environment.ProcessorCount} cores:");
        text.AppendLine(c, $"  {r.Elapsed:0.00} s → {r.RealTimeFactor:0.0}× real time (target ≥ {TargetRealTimeFactor}×: {(r.RealTimeFactor >= TargetRealTimeFactor ? "met" : "NOT met")})");
        text.AppendLine(c, $"MDX-Net per-chunk overhead over bare session.Run: {MdxUnavailable}");
        if (r.Memory is { } m)
        {
            text.AppendLine(c, $"peak memory, {m.Minutes:0.#} min stereo file → stem files (child musicai separate, 4 stems):");
            text.AppendLine(c, $"  {m.PeakMb:0} MB (VmHWM polled: {(m.PolledMb is { } p ? p.ToString("0", c) + " MB" : "n/a")}, child's own peak: {m.ReportedMb:0} MB; target < {TargetPeakMb} MB: {(m.PeakMb < TargetPeakMb ? "met" : "NOT met")}); {m.ElapsedSeconds:0} s, {m.RealTimeFactor:0.0}× real time");
        }
        else
        {
            text.AppendLine("peak memory: skipped (--memory-minutes 0)");
        }

        return text.ToString();
    }

    private static string ToJson(Result r)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("speed");
            writer.WriteString("engine", "dsp");
            writer.WriteNumber("seconds", r.Seconds);
            writer.WriteNumber("sample_rate", BenchSeparateRunner.SampleRate);
            writer.WriteNumber("channels", 2);
            writer.WriteNumber("cores", Environment.ProcessorCount);
            writer.WriteNumber("elapsed_seconds", Math.Round(r.Elapsed, 3));
            writer.WriteNumber("realtime_factor", Math.Round(r.RealTimeFactor, 2));
            writer.WriteNumber("target_realtime_factor", TargetRealTimeFactor);
            writer.WriteBoolean("met", r.RealTimeFactor >= TargetRealTimeFactor);
            writer.WriteEndObject();
            writer.WriteStartObject("mdx_overhead");
            writer.WriteBoolean("available", false);
            writer.WriteString("reason", MdxUnavailable);
            writer.WriteEndObject();
            if (r.Memory is { } m)
            {
                writer.WriteStartObject("memory");
                writer.WriteNumber("minutes", m.Minutes);
                writer.WriteNumber("peak_mb", Math.Round(m.PeakMb, 1));
                if (m.PolledMb is { } polled)
                {
                    writer.WriteNumber("vmhwm_polled_mb", Math.Round(polled, 1));
                }
                else
                {
                    writer.WriteNull("vmhwm_polled_mb");
                }

                writer.WriteNumber("child_reported_mb", Math.Round(m.ReportedMb, 1));
                writer.WriteNumber("elapsed_seconds", m.ElapsedSeconds);
                writer.WriteNumber("realtime_factor", m.RealTimeFactor);
                writer.WriteNumber("target_peak_mb", TargetPeakMb);
                writer.WriteBoolean("met", m.PeakMb < TargetPeakMb);
                writer.WriteEndObject();
            }
            else
            {
                writer.WriteNull("memory");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + Environment.NewLine;
    }

    private sealed record Result(double Seconds, double Elapsed, double RealTimeFactor, BenchSeparateRunner.MemoryResult? Memory);
}
