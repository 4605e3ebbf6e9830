using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai separate IN [-o DIR] [--stems …] [--model ID|PATH] [--overlap X] [--json]</c>: writes DIR/&lt;stem&gt;.wav
/// chunk by chunk (32-bit float, the input's rate and channels).
/// </summary>
/// <remarks>
/// Exit codes: 0 ok; 1 usage (unknown or conflicting stems, overlap outside [0, 1)); 2 input error (missing or
/// undecodable input, NaN samples); 3 model error; 130 cancelled (no stem file is left behind).
/// </remarks>
internal static class SeparateCommand
{
    public static Command Create(CliConsole console)
    {
        var input = new Argument<string>("input") { Description = "The song: WAV, MP3, Ogg Vorbis (other formats through ffmpeg when installed)." };
        var output = new Option<string?>("--output", "-o") { Description = "Output folder (default: ./separated/<input name>).", HelpName = "DIR" };
        var stems = new Option<string>("--stems")
        {
            Description = "Comma-separated stems: vocals,accompaniment or drums,bass,other,vocals (or a subset).",
            DefaultValueFactory = _ => "vocals,accompaniment",
            HelpName = "LIST",
        };
        var model = new Option<string?>("--model") { Description = "A catalog id or an .onnx path; default: the built-in DSP separator (no download).", HelpName = "ID|PATH" };
        var overlap = new Option<float?>("--overlap") { Description = "Fraction of each chunk that overlaps the next, in [0, 1); default: the engine's.", HelpName = "X" };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Model cache folder (default: $MUSICAI_MODELS, else musicai/models under local application data).", HelpName = "DIR" };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON to standard output." };
        var command = new Command("separate", "Split a song into stems (vocals, accompaniment, drums, bass, other) that sum to the mix.");
        command.Arguments.Add(input);
        command.Options.Add(output);
        command.Options.Add(stems);
        command.Options.Add(model);
        command.Options.Add(overlap);
        command.Options.Add(modelsDir);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(
                console,
                new Arguments(
                    parseResult.GetValue(input)!,
                    parseResult.GetValue(output),
                    parseResult.GetValue(stems)!,
                    parseResult.GetValue(model),
                    parseResult.GetValue(overlap),
                    parseResult.GetValue(modelsDir),
                    parseResult.GetValue(json)),
                ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, Arguments args, CancellationToken cancellationToken)
    {
        var stems = StemNames.ParseList(args.Stems);
        var directory = Path.GetFullPath(args.Output ?? Path.Combine("separated", Path.GetFileNameWithoutExtension(args.Input)));
        if (!File.Exists(args.Input))
        {
            throw new FileNotFoundException($"The input file '{args.Input}' does not exist.", args.Input);
        }

        await using var client = MusicAIClient.Create(o =>
        {
            if (args.ModelsDir is not null)
            {
                o.ModelDirectory = args.ModelsDir;
            }
        });
        var request = client.Separator.Stems(stems);
        if (args.Model is not null)
        {
            request = request.WithModel(args.Model);
        }

        if (args.Overlap is { } overlapValue)
        {
            request = request.WithOverlap(overlapValue);
        }

        var existed = Directory.Exists(directory);
        var clock = Stopwatch.StartNew();
        IReadOnlyDictionary<Stem, string> files;
        try
        {
            if (console.IsInteractive && !args.Json)
            {
                files = await SeparateProgress.RunAsync(progress => request.SeparateToFilesAsync(args.Input, directory, progress, cancellationToken));
            }
            else
            {
                files = await request.SeparateToFilesAsync(args.Input, directory, progress: null, cancellationToken);
            }
        }
        catch when (!existed)
        {
            OutputFolder.RemoveIfEmpty(directory);
            throw;
        }

        clock.Stop();
        using var reader = AudioReader.Open(files[stems[0]]);
        var seconds = (reader.FrameCount ?? 0) / (double)reader.SampleRate;
        var peakMb = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
        var summary = new Summary(args.Input, directory, args.Model ?? Separator.BuiltInModel, reader.SampleRate, reader.ChannelCount, seconds, clock.Elapsed.TotalSeconds, peakMb, stems, files);
        await console.Out.WriteAsync(args.Json ? ToJson(summary) : ToText(summary));
        return ExitCodes.Ok;
    }

    private static string ToText(Summary s)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"Separated {s.Input} ({s.Seconds:0.0} s, {s.SampleRate} Hz, {s.Channels} ch) with {s.Engine} in {s.Elapsed:0.0} s ({s.RealTimeFactor:0.0}× real time, peak memory {s.PeakMb:0} MB):");
        foreach (var stem in s.Stems)
        {
            text.AppendLine(c, $"  {StemNames.Name(stem),-14} {s.Files[stem]}");
        }

        return text.ToString();
    }

    private static string ToJson(Summary s)
    {
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("input", s.Input);
            writer.WriteString("output_directory", s.Directory);
            writer.WriteString("engine", s.Engine);
            writer.WriteNumber("sample_rate", s.SampleRate);
            writer.WriteNumber("channels", s.Channels);
            writer.WriteNumber("duration_seconds", Math.Round(s.Seconds, 3));
            writer.WriteNumber("elapsed_seconds", Math.Round(s.Elapsed, 3));
            writer.WriteNumber("realtime_factor", Math.Round(s.RealTimeFactor, 2));
            writer.WriteNumber("peak_memory_mb", Math.Round(s.PeakMb, 1));
            writer.WriteStartArray("stems");
            foreach (var stem in s.Stems)
            {
                writer.WriteStartObject();
                writer.WriteString("stem", StemNames.Name(stem));
                writer.WriteString("path", s.Files[stem]);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }) + Environment.NewLine;
    }

    private sealed record Arguments(string Input, string? Output, string Stems, string? Model, float? Overlap, string? ModelsDir, bool Json);

    private sealed record Summary(
        string Input, string Directory, string Engine, int SampleRate, int Channels, double Seconds, double Elapsed, double PeakMb,
        IReadOnlyList<Stem> Stems, IReadOnlyDictionary<Stem, string> Files)
    {
        public double RealTimeFactor => Elapsed > 0 ? Seconds / Elapsed : 0;
    }
}
