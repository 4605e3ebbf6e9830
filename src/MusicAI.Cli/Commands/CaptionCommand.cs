using System.CommandLine;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Diagnostics;
using Spectre.Console;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai caption AUDIO [--lyrics FILE] [--json] [--style short|full|technical]</c>: describes a piece of music
/// (tempo, key, loudness, sections, vocals, mood…) as a caption or as JSON.
/// </summary>
/// <remarks>Exit codes: 0 ok; 1 usage (bad style); 2 input error (missing or undecodable audio, missing lyrics file); 130 cancelled.</remarks>
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
        var command = new Command("caption", "Describe music: tempo and beats, key, loudness, dynamics, spectrum, vocals, sections, mood — as a caption or JSON.");
        command.Arguments.Add(audio);
        command.Options.Add(lyrics);
        command.Options.Add(json);
        command.Options.Add(style);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(console, parseResult.GetValue(audio)!, parseResult.GetValue(lyrics), parseResult.GetValue(json), parseResult.GetValue(style)!, ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string audio, string? lyricsPath, bool json, string styleName, CancellationToken cancellationToken)
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

        var request = new Captioner().WithStyle(style);
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
