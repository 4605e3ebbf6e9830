using System.CommandLine;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Diagnostics;
using Spectre.Console;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai caption AUDIO [--lyrics FILE] [--json] [--style short|full|technical] [--beat-tracker dsp|beatnet]</c>:
/// describes a piece of music (tempo, key, loudness, sections, vocals, mood…) as a caption or as JSON.
/// </summary>
/// <remarks>Exit codes: 0 ok; 1 usage (bad style); 2 input error (missing or undecodable audio, missing lyrics file);
/// 3 model error (BeatNet missing offline, download failed); 130 cancelled.</remarks>
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
        var modelsDir = new Option<string?>("--models-dir") { Description = "Model cache folder for --beat-tracker beatnet (default: $MUSICAI_MODELS or the user cache).", HelpName = "DIR" };
        var offline = new Option<bool>("--offline") { Description = "Never download a model; fail when it is not cached." };
        var command = new Command("caption", "Describe music: tempo and beats, key, loudness, dynamics, spectrum, vocals, sections, mood — as a caption or JSON.");
        command.Arguments.Add(audio);
        command.Options.Add(lyrics);
        command.Options.Add(json);
        command.Options.Add(style);
        command.Options.Add(beats);
        command.Options.Add(modelsDir);
        command.Options.Add(offline);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                await using var client = CreateClient(parseResult.GetValue(beats)!, parseResult.GetValue(modelsDir), parseResult.GetValue(offline));
                var captioner = client is null ? new Captioner() : new Captioner(new CaptionerOptions { BeatTracking = BeatTracking.BeatNet }, client);
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

    /// <summary>A client for the BeatNet path, or null for the embedded one.</summary>
    internal static MusicAIClient? CreateClient(string beatTracker, string? modelsDirectory, bool offline) =>
        beatTracker == "beatnet"
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
