using System.CommandLine;
using System.Globalization;
using System.Text;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai bench generate [--json] [--seconds S] [--stream-seconds S]</c>: offline render speed of every style
/// (× real time on one core; target ≥ 200×) and the worst-case time of a 512-frame adaptive-stream read at 48 kHz
/// (target &lt; 1 ms) with the bytes those reads allocated (target 0), each with its ratio to the target.
/// </summary>
internal static class BenchGenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on stdout." };
        var seconds = new Option<double>("--seconds") { Description = "Length of the song rendered per style, in seconds.", DefaultValueFactory = _ => 30 };
        var streamSeconds = new Option<double>("--stream-seconds") { Description = "Stream audio read in 512-frame blocks, in seconds.", DefaultValueFactory = _ => 60 };
        var command = new Command("generate", "Song generator speed: offline render × real time per style (one core; target ≥ 200×) and adaptive-stream Read worst case at 48 kHz, 512 frames (target < 1 ms, 0 bytes allocated).");
        command.Options.Add(json);
        command.Options.Add(seconds);
        command.Options.Add(streamSeconds);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(console, parseResult.GetValue(json), parseResult.GetValue(seconds), parseResult.GetValue(streamSeconds), ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, bool json, double seconds, double streamSeconds, CancellationToken cancellationToken)
    {
        if (!double.IsFinite(seconds) || seconds is < 1 or > 600)
        {
            throw new ArgumentOutOfRangeException("--seconds", seconds, "Use 1 to 600 seconds.");
        }

        if (!double.IsFinite(streamSeconds) || streamSeconds is < 1 or > 3600)
        {
            throw new ArgumentOutOfRangeException("--stream-seconds", streamSeconds, "Use 1 to 3600 seconds.");
        }

        var runner = new BenchGenerateRunner(seconds, streamSeconds, message =>
        {
            if (!json)
            {
                console.Error.WriteLine($"measuring {message}…");
            }
        });

        // One dedicated thread: the measurement must not hop between pool threads (allocation counters are per thread).
        BenchGenerateResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = runner.Run(cancellationToken);
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        })
        { Name = "musicai bench generate" };
        thread.Start();
        await Task.Run(thread.Join, cancellationToken);
        if (failure is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        }

        await console.Out.WriteAsync(json ? ToJson(runner, result!) : ToTable(runner, result!));
        return ExitCodes.Ok;
    }

    private static string ToTable(BenchGenerateRunner runner, BenchGenerateResult result)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Offline render, {runner.SongSeconds:0.#} s per style at {BenchGenerateRunner.SampleRate} Hz, one thread{(result.PinnedToOneCore ? ", pinned to one core" : string.Empty)} ({result.ProcessorCount} cores visible).");
        text.AppendLine("× real time = audio seconds / CPU seconds of the process.");
        text.AppendLine();
        text.AppendLine(c, $"{"style",-12} {"audio s",8} {"wall s",8} {"cpu s",8} {"× real time",12}");
        foreach (var style in result.Styles)
        {
            text.AppendLine(c, $"{style.Parameters.Split(',')[0],-12} {style.AudioSeconds,8:0.0} {style.WallSeconds,8:0.00} {style.CpuSeconds,8:0.00} {style.RealTimeFactor,12:0}");
        }

        text.AppendLine(c, $"{"all",-12} {result.AudioSeconds,8:0.0} {result.Styles.Sum(s => s.WallSeconds),8:0.00} {result.CpuSeconds,8:0.00} {result.RealTimeFactor,12:0}");
        text.AppendLine(c, $"target ≥ {BenchGenerateResult.TargetRealTime:0}× → ratio {result.RealTimeFactor / BenchGenerateResult.TargetRealTime:0.00} ({(result.RealTimeFactor >= BenchGenerateResult.TargetRealTime ? "met" : "not met")})");
        text.AppendLine();
        var s = result.Stream;
        text.AppendLine(c, $"Adaptive stream, {s.Reads} reads of {BenchGenerateRunner.BlockFrames} frames ({s.BlockMs:0.00} ms of audio each) at {BenchGenerateRunner.SampleRate} Hz, with state changes, stingers, intensity and tempo moves:");
        text.AppendLine(c, $"  wall time: worst {s.MaxMs:0.000} ms, p99 {s.P99Ms:0.000} ms, median {s.MedianMs:0.000} ms, mean {s.MeanMs:0.000} ms");
        if (s.MaxCpuMs is { } maxCpu)
        {
            text.AppendLine(c, $"  thread CPU time (the reads' own work, without preemption): worst {maxCpu:0.000} ms, p99 {s.P99CpuMs:0.000} ms → ratio {maxCpu / BenchGenerateResult.TargetReadMs:0.00}");
        }

        text.AppendLine(c, $"  target worst < {BenchGenerateResult.TargetReadMs:0} ms → ratio {s.MaxMs / BenchGenerateResult.TargetReadMs:0.00} ({(s.MaxMs < BenchGenerateResult.TargetReadMs ? "met" : "not met")}; p99 ratio {s.P99Ms / BenchGenerateResult.TargetReadMs:0.00})");
        text.AppendLine(c, $"  allocated {s.AllocatedBytes} bytes in the timed reads (target 0: {(s.AllocatedBytes == 0 ? "met" : "not met")})");
        return text.ToString();
    }

    private static string ToJson(BenchGenerateRunner runner, BenchGenerateResult result)
    {
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("offline");
            writer.WriteNumber("seconds_per_style", runner.SongSeconds);
            writer.WriteNumber("sample_rate", BenchGenerateRunner.SampleRate);
            writer.WriteBoolean("pinned_to_one_core", result.PinnedToOneCore);
            writer.WriteNumber("processor_count", result.ProcessorCount);
            writer.WriteStartArray("styles");
            foreach (var style in result.Styles)
            {
                writer.WriteStartObject();
                writer.WriteString("parameters", style.Parameters);
                writer.WriteNumber("audio_seconds", style.AudioSeconds);
                writer.WriteNumber("wall_seconds", style.WallSeconds);
                writer.WriteNumber("cpu_seconds", style.CpuSeconds);
                writer.WriteNumber("x_real_time", style.RealTimeFactor);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteNumber("audio_seconds", result.AudioSeconds);
            writer.WriteNumber("cpu_seconds", result.CpuSeconds);
            writer.WriteNumber("x_real_time", result.RealTimeFactor);
            writer.WriteNumber("target_x_real_time", BenchGenerateResult.TargetRealTime);
            writer.WriteNumber("ratio_to_target", result.RealTimeFactor / BenchGenerateResult.TargetRealTime);
            writer.WriteEndObject();
            var s = result.Stream;
            writer.WriteStartObject("stream");
            writer.WriteNumber("sample_rate", BenchGenerateRunner.SampleRate);
            writer.WriteNumber("block_frames", BenchGenerateRunner.BlockFrames);
            writer.WriteNumber("reads", s.Reads);
            writer.WriteNumber("block_ms", s.BlockMs);
            writer.WriteNumber("max_read_ms", s.MaxMs);
            writer.WriteNumber("p99_read_ms", s.P99Ms);
            writer.WriteNumber("median_read_ms", s.MedianMs);
            writer.WriteNumber("mean_read_ms", s.MeanMs);
            if (s.MaxCpuMs is { } maxCpu)
            {
                writer.WriteNumber("max_read_cpu_ms", maxCpu);
                writer.WriteNumber("p99_read_cpu_ms", s.P99CpuMs!.Value);
            }

            writer.WriteNumber("target_max_read_ms", BenchGenerateResult.TargetReadMs);
            writer.WriteNumber("ratio_to_target", s.MaxMs / BenchGenerateResult.TargetReadMs);
            writer.WriteNumber("allocated_bytes", s.AllocatedBytes);
            writer.WriteNumber("target_allocated_bytes", 0);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }) + Environment.NewLine;
    }
}
