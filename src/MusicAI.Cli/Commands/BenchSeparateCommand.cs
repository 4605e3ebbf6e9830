using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai bench separate [--json] [--seconds S] [--memory-minutes M] [--mdx-chunks N] [--mdx-model PATH] [--mdx-memory]</c>:
/// real-time factor of the built-in separator on a 3-minute stereo 44.1 kHz song, the per-chunk overhead of the MDX-Net
/// pipeline over a bare model run (<see cref="BenchSeparateMdx"/>), and the peak memory of a 60-minute file separated to
/// stem files in a child process (also through the MDX-shaped model with <c>--mdx-memory</c>).
/// </summary>
internal static class BenchSeparateCommand
{
    /// <summary>The real-time factor the built-in separator must reach on a 2-core machine.</summary>
    public const double TargetRealTimeFactor = 20;

    /// <summary>The peak memory limit for a 60-minute input, in MB.</summary>
    public const double TargetPeakMb = 1536;

    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on stdout." };
        var seconds = new Option<double>("--seconds") { Description = "Length of the in-memory speed test song in seconds.", DefaultValueFactory = _ => 180 };
        var minutes = new Option<double>("--memory-minutes") { Description = "Length of the file for the memory test in minutes; 0 skips it.", DefaultValueFactory = _ => 60 };
        var mdxChunks = new Option<int>("--mdx-chunks") { Description = "MDX-Net chunks to time for the pipeline overhead; 0 skips it.", DefaultValueFactory = _ => 3 };
        var mdxModel = new Option<string?>("--mdx-model") { Description = "An MDX-Net .onnx to measure instead of the generated benchmark model (UVR TFC-TDF, random weights; needs python with torch)." };
        var mdxMemory = new Option<bool>("--mdx-memory") { Description = "Also measure the memory test's file through the MDX-shaped model (about real time on 2 cores: slow)." };
        var command = new Command("separate", "Built-in separator speed (× real time), pipeline overhead over a bare model run, and peak memory on a long file.");
        command.Options.Add(json);
        command.Options.Add(seconds);
        command.Options.Add(minutes);
        command.Options.Add(mdxChunks);
        command.Options.Add(mdxModel);
        command.Options.Add(mdxMemory);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(
                console,
                parseResult.GetValue(json),
                parseResult.GetValue(seconds),
                parseResult.GetValue(minutes),
                new MdxRequest(parseResult.GetValue(mdxChunks), parseResult.GetValue(mdxModel), parseResult.GetValue(mdxMemory)),
                ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, bool json, double seconds, double minutes, MdxRequest mdx, CancellationToken cancellationToken)
    {
        if (!(seconds >= 1 && seconds <= 3600))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "--seconds must be 1 to 3600.");
        }

        if (!(minutes >= 0 && minutes <= 240))
        {
            throw new ArgumentOutOfRangeException(nameof(minutes), minutes, "--memory-minutes must be 0 to 240.");
        }

        if (mdx.Chunks is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(mdx), mdx.Chunks, "--mdx-chunks must be 0 to 100.");
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
        var mdxOutcome = await BenchSeparateMdx.MeasureAsync(client, mdx.Chunks, mdx.Model, runner.Log, cancellationToken);
        var memory = minutes > 0 ? await runner.MeasureMemoryAsync(minutes, cancellationToken) : null;
        var mdxMemory = minutes > 0 && mdx.Memory && (mdx.Model ?? mdxOutcome.Model) is { } model
            ? await runner.MeasureMemoryAsync(minutes, cancellationToken, model)
            : null;
        var result = new Result(seconds, elapsed, factor, memory, mdxOutcome, mdxMemory);
        await console.Out.WriteAsync(json ? ToJson(result) : ToText(result));
        return ExitCodes.Ok;
    }

    private static string ToText(Result r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"built-in separator, 4 stems, {r.Seconds:0} s synthetic stereo {BenchSeparateRunner.SampleRate} Hz song in memory, {Environment.ProcessorCount} cores:");
        text.AppendLine(c, $"  {r.Elapsed:0.00} s → {r.RealTimeFactor:0.0}× real time (target ≥ {TargetRealTimeFactor}×: {(r.RealTimeFactor >= TargetRealTimeFactor ? "met" : "NOT met")})");
        BenchSeparateMdx.WriteText(text, r.Mdx);
        if (r.Memory is { } m)
        {
            text.AppendLine(c, $"peak memory, {m.Minutes:0.#} min stereo file → stem files (child musicai separate, 4 stems):");
            AppendMemoryLine(text, m);
        }
        else
        {
            text.AppendLine("peak memory: skipped (--memory-minutes 0)");
        }

        if (r.MdxMemory is { } x)
        {
            text.AppendLine(c, $"peak memory, {x.Minutes:0.#} min stereo file → stem files (child musicai separate with the MDX-Net model, vocals + accompaniment):");
            AppendMemoryLine(text, x);
        }

        return text.ToString();
    }

    private static void AppendMemoryLine(StringBuilder text, BenchSeparateRunner.MemoryResult m)
    {
        var c = CultureInfo.InvariantCulture;
        text.AppendLine(c, $"  {m.PeakMb:0} MB (VmHWM polled: {(m.PolledMb is { } p ? p.ToString("0", c) + " MB" : "n/a")}, child's own peak: {m.ReportedMb:0} MB; target < {TargetPeakMb} MB: {(m.PeakMb < TargetPeakMb ? "met" : "NOT met")}); {m.ElapsedSeconds:0} s, {m.RealTimeFactor:0.0}× real time");
    }

    private static string ToJson(Result r)
    {
        return CliJson.Write(writer =>
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
            BenchSeparateMdx.WriteJson(writer, r.Mdx);
            WriteMemory(writer, "memory", r.Memory);
            if (r.MdxMemory is not null)
            {
                WriteMemory(writer, "memory_mdx", r.MdxMemory);
            }

            writer.WriteEndObject();
        }) + Environment.NewLine;
    }

    private static void WriteMemory(Utf8JsonWriter writer, string name, BenchSeparateRunner.MemoryResult? memory)
    {
        if (memory is { } m)
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("minutes", m.Minutes);
            writer.WriteNumber("peak_mb", Math.Round(m.PeakMb, 1));
            CliJson.WriteNumberOrNull(writer, "vmhwm_polled_mb", m.PolledMb, 1);

            writer.WriteNumber("child_reported_mb", Math.Round(m.ReportedMb, 1));
            writer.WriteNumber("elapsed_seconds", m.ElapsedSeconds);
            writer.WriteNumber("realtime_factor", m.RealTimeFactor);
            writer.WriteNumber("target_peak_mb", TargetPeakMb);
            writer.WriteBoolean("met", m.PeakMb < TargetPeakMb);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private sealed record MdxRequest(int Chunks, string? Model, bool Memory);

    private sealed record Result(
        double Seconds,
        double Elapsed,
        double RealTimeFactor,
        BenchSeparateRunner.MemoryResult? Memory,
        BenchSeparateMdx.Outcome Mdx,
        BenchSeparateRunner.MemoryResult? MdxMemory);
}
