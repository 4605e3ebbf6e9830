using System.CommandLine;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Diagnostics;
using Spectre.Console;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai caption AUDIO [--lyrics FILE] [--json] [--style short|full|technical] [--beat-tracker dsp|beatnet]
/// [--zero-shot [--labels A,B,…] [--clap-model ID|DIR]] [--melody [--melody-model ID|PATH]]</c>:
/// describes a piece of music (tempo, key, loudness, sections, vocals, mood…) as a caption or as JSON, optionally with
/// CLAP zero-shot tags and basic-pitch notes.
/// </summary>
/// <remarks>Exit codes: 0 ok; 1 usage (bad style); 2 input error (missing or undecodable audio, missing lyrics file);
/// 3 model error (a model missing offline, download failed); 130 cancelled.</remarks>
internal static class CaptionCommand
{
    public static Command Create(CliConsole console)
    {
        var audio = new Argument<string>("audio") { Description = "The audio file (WAV, MP3, Ogg Vorbis; other formats through ffmpeg)." };
        var lyrics = new Option<string?>("--lyrics") { Description = "A text file with the lyrics (adds language, hook and themes).", HelpName = "FILE" };
        var json = new Option<bool>("--json") { Description = "Print every field as JSON on stdout." };
        var style = new Option<string>("--style")
        {
            Description = "Caption style: short (tag line), full (sentence) or technical (every figure with its confidence).",
            DefaultValueFactory = _ => "full",
        };
        style.AcceptOnlyFromAmong("short", "full", "technical");
        var beats = BeatTrackerOption();
        var zeroShot = new Option<bool>("--zero-shot")
        {
            Description = "Add CLAP zero-shot tags (genres, moods, instruments; catalog id 'clap-htsat-unfused', about 620 MB, downloaded once unless cached).",
        };
        var labels = new Option<string?>("--labels") { Description = "Your own zero-shot labels, comma-separated (implies --zero-shot).", HelpName = "A,B,…" };
        var clapModel = new Option<string?>("--clap-model") { Description = "CLAP model: catalog id or a local model folder (default clap-htsat-unfused).", HelpName = "ID|DIR" };
        var melody = new Option<bool>("--melody") { Description = "Add the transcribed notes (basic-pitch, catalog id 'basic-pitch', 230 KB)." };
        var melodyModel = new Option<string?>("--melody-model") { Description = "basic-pitch model: catalog id or the path of nmp.onnx (default basic-pitch).", HelpName = "ID|PATH" };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Model cache folder for the neural options (default: $MUSICAI_MODELS or the user cache).", HelpName = "DIR" };
        var offline = new Option<bool>("--offline") { Description = "Never download a model; fail when it is not cached." };
        var command = new Command("caption", "Describe music: tempo and beats, key, loudness, dynamics, spectrum, vocals, sections, mood — as a caption or JSON.");
        command.Arguments.Add(audio);
        command.Options.Add(lyrics);
        command.Options.Add(json);
        command.Options.Add(style);
        command.Options.Add(beats);
        command.Options.Add(zeroShot);
        command.Options.Add(labels);
        command.Options.Add(clapModel);
        command.Options.Add(melody);
        command.Options.Add(melodyModel);
        command.Options.Add(modelsDir);
        command.Options.Add(offline);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                var labelList = parseResult.GetValue(labels)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var options = new CaptionerOptions
                {
                    BeatTracking = parseResult.GetValue(beats) == "beatnet" ? BeatTracking.BeatNet : BeatTracking.Dsp,
                    ZeroShotTagging = parseResult.GetValue(zeroShot) || labelList is not null,
                    ZeroShotLabels = labelList,
                    ClapModel = parseResult.GetValue(clapModel) ?? new CaptionerOptions().ClapModel,
                    Melody = parseResult.GetValue(melody),
                    MelodyModel = parseResult.GetValue(melodyModel) ?? new CaptionerOptions().MelodyModel,
                };
                await using var client = CreateClient(options.NeedsModels, parseResult.GetValue(modelsDir), parseResult.GetValue(offline));
                var captioner = client is null ? new Captioner(options) : new Captioner(options, client);
                return await RunAsync(console, captioner, parseResult.GetValue(audio)!, parseResult.GetValue(lyrics), parseResult.GetValue(json), parseResult.GetValue(style)!, ct);
            },
            cancellationToken));
        return command;
    }

    /// <summary>The <c>--beat-tracker dsp|beatnet</c> option (shared with <c>eval caption</c>).</summary>
    internal static Option<string> BeatTrackerOption()
    {
        var option = new Option<string>("--beat-tracker")
        {
            Description = "Beat evidence: dsp (embedded, default) or beatnet (the BeatNet network, catalog id 'beatnet', downloaded once unless cached).",
            DefaultValueFactory = _ => "dsp",
        };
        option.AcceptOnlyFromAmong("dsp", "beatnet");
        return option;
    }

    /// <summary>A client for the neural paths, or null when only the embedded analysis runs.</summary>
    internal static MusicAIClient? CreateClient(bool needsModels, string? modelsDirectory, bool offline) =>
        needsModels
            ? MusicAIClient.Create(o =>
            {
                o.Offline = offline;
                if (modelsDirectory is not null)
                {
                    o.ModelDirectory = modelsDirectory;
                }
            })
            : null;

    private static async Task<int> RunAsync(CliConsole console, Captioner captioner, string audio, string? lyricsPath, bool json, string styleName, CancellationToken cancellationToken)
    {
        var style = styleName switch
        {
            "short" => CaptionStyle.Short,
            "technical" => CaptionStyle.Technical,
            _ => CaptionStyle.Full,
        };
        if (!File.Exists(audio))
        {
            throw new FileNotFoundException($"The audio file '{audio}' does not exist.", audio);
        }

        var request = captioner.WithStyle(style);
        if (lyricsPath is not null)
        {
            request = request.WithLyrics(await File.ReadAllTextAsync(lyricsPath, cancellationToken));
        }

        MusicDescription description;
        if (console.IsInteractive && !json)
        {
            MusicDescription? result = null;
            await AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async context =>
                {
                    var task = context.AddTask("analyze", autoStart: true, maxValue: 1);
                    var progress = new Progress<ProcessingProgress>(p =>
                    {
                        task.IsIndeterminate = p.Fraction is null;
                        task.Value = p.Fraction ?? 0;
                    });
                    result = await request.AnalyzeAsync(audio, progress, cancellationToken);
                    task.Value = 1;
                });
            description = result!;
        }
        else
        {
            description = await request.AnalyzeAsync(audio, progress: null, cancellationToken);
        }

        await console.Out.WriteLineAsync(json ? description.ToJson() : description.Caption);
        return ExitCodes.Ok;
    }
}
