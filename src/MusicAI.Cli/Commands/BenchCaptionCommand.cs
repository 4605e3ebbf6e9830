using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Captioning.Analysis;
using MusicAI.Sdk.Captioning.Beats;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai bench caption [--json] [--runs N] [--input FILE] [--beat-tracker dsp|beatnet]</c>: full Captioner analysis time of a 3-minute song on
/// one core, as seconds per minute of audio, with a per-stage breakdown and allocations.
/// </summary>
internal static class BenchCaptionCommand
{
    /// <summary>The target: well under one second of analysis per minute of audio.</summary>
    public const double TargetSecondsPerMinute = 1.0;

    public static Command Create(CliConsole console)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on stdout." };
        var runs = new Option<int>("--runs") { Description = "Timed runs after one warm-up run (best and median are reported).", DefaultValueFactory = _ => 5 };
        var input = new Option<string?>("--input") { Description = "Analyse this audio file instead of the built-in 3-minute song.", HelpName = "FILE" };
        var seconds = new Option<int>("--seconds") { Description = "Length of the built-in song in seconds.", DefaultValueFactory = _ => 180 };
        var allCores = new Option<bool>("--all-cores") { Description = "Do not pin the process to one core (the analysis itself is single-threaded either way)." };
        var beats = CaptionCommand.BeatTrackerOption();
        var modelsDir = new Option<string?>("--models-dir") { Description = "Model cache folder for --beat-tracker beatnet.", HelpName = "DIR" };
        var offline = new Option<bool>("--offline") { Description = "Never download a model; fail when it is not cached." };
        var command = new Command("caption", "Captioner speed: full analysis of a 3-minute song on one core, seconds per minute of audio (target well under 1).");
        command.Options.Add(json);
        command.Options.Add(runs);
        command.Options.Add(input);
        command.Options.Add(seconds);
        command.Options.Add(allCores);
        command.Options.Add(beats);
        command.Options.Add(modelsDir);
        command.Options.Add(offline);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                // BeatNet runs single-threaded too, so "one core" holds for both trackers.
                await using var client = parseResult.GetValue(beats) == "beatnet"
                    ? MusicAIClient.Create(o =>
                    {
                        o.Offline = parseResult.GetValue(offline);
                        o.IntraOpThreads = 1;
                        o.InterOpThreads = 1;
                        if (parseResult.GetValue(modelsDir) is { } directory)
                        {
                            o.ModelDirectory = directory;
                        }
                    })
                    : null;
                var captioner = client is null ? new Captioner() : new Captioner(new CaptionerOptions { BeatTracking = BeatTracking.BeatNet }, client);
                return await RunAsync(console, captioner, parseResult.GetValue(json), parseResult.GetValue(runs), parseResult.GetValue(input), parseResult.GetValue(seconds), !parseResult.GetValue(allCores), ct);
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Captioner captioner, bool json, int runs, string? input, int seconds, bool pin, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1, "--runs");
        ArgumentOutOfRangeException.ThrowIfLessThan(seconds, 5, "--seconds");
        ArgumentOutOfRangeException.ThrowIfGreaterThan(seconds, 3600, "--seconds");
        using var audio = input is null ? CaptionBenchSong.Create(seconds) : await AudioBuffer.LoadAsync(input, cancellationToken);
        var pinned = pin ? PinToOneCore() : null;
        try
        {
            var first = Stopwatch.StartNew();
            var description = await captioner.AnalyzeAsync(audio, cancellationToken: cancellationToken);
            first.Stop();
            var times = new List<double>();
            long allocated = 0;
            for (var r = 0; r < runs; r++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var before = GC.GetTotalAllocatedBytes(precise: true);
                var watch = Stopwatch.StartNew();
                description = await captioner.AnalyzeAsync(audio, cancellationToken: cancellationToken);
                watch.Stop();
                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                times.Add(watch.Elapsed.TotalSeconds);
            }

            var stages = Stages(audio, await captioner.BeatNetModelAsync(null, cancellationToken), cancellationToken);
            times.Sort();
            var minutes = audio.Duration.TotalMinutes;
            var result = new BenchResult(
                input ?? $"built-in {seconds} s song ({CaptionBenchSong.Bpm} BPM, {CaptionBenchSong.Key})",
                captioner.Options.BeatTracking == BeatTracking.BeatNet ? "beatnet" : "dsp",
                audio.Duration.TotalSeconds,
                audio.SampleRate,
                audio.ChannelCount,
                pinned,
                runs,
                first.Elapsed.TotalSeconds,
                times[0],
                times[times.Count / 2],
                times[0] / minutes,
                times[times.Count / 2] / minutes,
                allocated,
                stages,
                description);
            await console.Out.WriteLineAsync(json ? ToJson(result) : ToTable(result));
            return ExitCodes.Ok;
        }
        finally
        {
            Unpin(pinned);
        }
    }

    /// <summary>Times each stage once (after the warm-up) through the internal pipeline.</summary>
    private static List<(string Stage, double Seconds)> Stages(AudioBuffer audio, OnnxModel? beatNet, CancellationToken cancellationToken)
    {
        var stages = new List<(string, double)>();
        var watch = Stopwatch.StartNew();
        FrameFeatures features;
        using (var stream = beatNet is null ? null : new BeatNetStream(beatNet, cancellationToken))
        using (var pipeline = new FeaturePipeline(audio.SampleRate, stream))
        {
            for (var start = 0; start < audio.FrameCount; start += 1 << 16)
            {
                pipeline.Append(audio, start, Math.Min(1 << 16, audio.FrameCount - start));
            }

            features = pipeline.Complete();
        }

        stages.Add((beatNet is null ? "resample + features (STFT, mel, chroma, flux, HPSS, pitch)" : "resample + features + BeatNet features and network", watch.Elapsed.TotalSeconds));
        watch.Restart();
        var loudness = LoudnessAccumulator.Measure(audio);
        stages.Add(("loudness (BS.1770, LRA, true peak)", watch.Elapsed.TotalSeconds));
        watch.Restart();
        var tempo = TempoAnalyzer.Analyze(features);
        stages.Add(("tempo + beats", watch.Elapsed.TotalSeconds));
        watch.Restart();
        var (_, chroma) = KeyEstimator.Analyze(features);
        stages.Add(("key", watch.Elapsed.TotalSeconds));
        watch.Restart();
        MeterEstimator.Analyze(features, tempo.Beats, chroma);
        SectionSegmenter.Analyze(features, tempo.Beats, chroma);
        stages.Add(("meter + sections", watch.Elapsed.TotalSeconds));
        watch.Restart();
        VocalDetector.Analyze(features);
        stages.Add(("vocals", watch.Elapsed.TotalSeconds));
        cancellationToken.ThrowIfCancellationRequested();
        GC.KeepAlive(loudness);
        return stages;
    }

    private static nint? PinToOneCore()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            return null;
        }

        try
        {
            using var process = Process.GetCurrentProcess();
            var previous = process.ProcessorAffinity;
            process.ProcessorAffinity = 1;
            return previous;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or PlatformNotSupportedException or InvalidOperationException)
        {
            return null;
        }
    }

    private static void Unpin(nint? previous)
    {
        if (previous is not nint mask || !(OperatingSystem.IsLinux() || OperatingSystem.IsWindows()))
        {
            return;
        }

        try
        {
            using var process = Process.GetCurrentProcess();
            process.ProcessorAffinity = mask;
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or PlatformNotSupportedException or InvalidOperationException)
        {
        }
    }

    private static string ToTable(BenchResult r)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"input: {r.Input}: {r.Seconds:0.0} s, {r.SampleRate} Hz, {r.Channels} ch");
        text.AppendLine(c, $"beat tracker: {r.Description.Tempo.Beats.Count} beats from {r.Tracker}; threads: the analysis is single-threaded; process pinned to one core: {(r.PinnedFrom is null ? "no" : "yes")}");
        text.AppendLine(c, $"first call (includes JIT): {r.FirstSeconds:0.000} s");
        text.AppendLine(c, $"{r.Runs} runs: best {r.BestSeconds:0.000} s, median {r.MedianSeconds:0.000} s → {r.BestPerMinute:0.000} s per minute of audio (median {r.MedianPerMinute:0.000}); {r.Allocated / 1e6:0.0} MB allocated per run");
        text.AppendLine(c, $"target < {TargetSecondsPerMinute:0.0} s per minute: {(r.MedianPerMinute < TargetSecondsPerMinute ? "met" : "NOT met")} ({TargetSecondsPerMinute / r.MedianPerMinute:0.0}× under)");
        text.AppendLine("stages (one run):");
        foreach (var (stage, seconds) in r.Stages)
        {
            text.AppendLine(c, $"  {stage,-58} {seconds * 1000,8:0.0} ms");
        }

        text.AppendLine(c, $"result: {r.Description.ToCaption(CaptionStyle.Short)}");
        return text.ToString();
    }

    private static string ToJson(BenchResult r)
    {
        return CliJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("input", r.Input);
            w.WriteNumber("seconds", r.Seconds);
            w.WriteNumber("sample_rate", r.SampleRate);
            w.WriteNumber("channels", r.Channels);
            w.WriteNumber("threads", 1);
            w.WriteString("beat_tracker", r.Tracker);
            w.WriteBoolean("pinned_to_one_core", r.PinnedFrom is not null);
            w.WriteNumber("runs", r.Runs);
            w.WriteNumber("first_call_seconds", Math.Round(r.FirstSeconds, 4));
            w.WriteNumber("best_seconds", Math.Round(r.BestSeconds, 4));
            w.WriteNumber("median_seconds", Math.Round(r.MedianSeconds, 4));
            w.WriteNumber("best_seconds_per_minute", Math.Round(r.BestPerMinute, 4));
            w.WriteNumber("median_seconds_per_minute", Math.Round(r.MedianPerMinute, 4));
            w.WriteNumber("allocated_bytes_per_run", r.Allocated);
            w.WriteStartObject("target");
            w.WriteNumber("seconds_per_minute", TargetSecondsPerMinute);
            w.WriteBoolean("met", r.MedianPerMinute < TargetSecondsPerMinute);
            w.WriteEndObject();
            w.WriteStartArray("stages");
            foreach (var (stage, seconds) in r.Stages)
            {
                w.WriteStartObject();
                w.WriteString("stage", stage);
                w.WriteNumber("ms", Math.Round(seconds * 1000, 2));
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WritePropertyName("description");
            using (var description = JsonDocument.Parse(r.Description.ToJson(indented: false)))
            {
                description.RootElement.WriteTo(w);
            }

            w.WriteEndObject();
        });
    }

    private sealed record BenchResult(
        string Input,
        string Tracker,
        double Seconds,
        int SampleRate,
        int Channels,
        nint? PinnedFrom,
        int Runs,
        double FirstSeconds,
        double BestSeconds,
        double MedianSeconds,
        double BestPerMinute,
        double MedianPerMinute,
        long Allocated,
        List<(string Stage, double Seconds)> Stages,
        MusicDescription Description);
}
