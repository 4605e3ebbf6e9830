using System.CommandLine;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Neural;
using Spectre.Console;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai transcribe AUDIO [-o FILE.mid] [--json] [thresholds] [--model ID|PATH]</c>: the notes of a recording with
/// basic-pitch, as a table, JSON and/or a MIDI file.
/// </summary>
/// <remarks>
/// Exit codes: 0 ok; 1 usage (bad option value); 2 input error (audio missing or unreadable); 3 model error (model
/// missing while offline, download or inference failure); 130 cancelled.
/// </remarks>
internal static class TranscribeCommand
{
    public static Command Create(CliConsole console)
    {
        var audio = new Argument<string>("audio") { Description = "The recording: WAV, MP3 or Ogg in-process; other formats through ffmpeg." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the notes as a Standard MIDI File (120 BPM, Electric Piano 1, as basic-pitch writes).", HelpName = "FILE.mid" };
        var json = new Option<bool>("--json") { Description = "Print the notes as JSON to stdout." };
        var onset = new Option<double>("--onset-threshold")
        {
            Description = "Onset activation (0-1) that starts a note; lower finds more notes.",
            DefaultValueFactory = _ => TranscriptionOptions.Default.OnsetThreshold,
        };
        var frame = new Option<double>("--frame-threshold")
        {
            Description = "Note activation (0-1) a note needs to stay on; lower gives longer and quieter notes.",
            DefaultValueFactory = _ => TranscriptionOptions.Default.FrameThreshold,
        };
        var minNote = new Option<double>("--min-note-ms")
        {
            Description = "Drop notes shorter than this, in milliseconds.",
            DefaultValueFactory = _ => TranscriptionOptions.Default.MinimumNoteLength.TotalMilliseconds,
        };
        var minFreq = new Option<double?>("--min-freq") { Description = "Drop notes below this frequency (Hz).", HelpName = "HZ" };
        var maxFreq = new Option<double?>("--max-freq") { Description = "Drop notes at or above this frequency (Hz).", HelpName = "HZ" };
        var noMelodia = new Option<bool>("--no-melodia") { Description = "Only notes with an onset (skip basic-pitch's melodia trick, which also recovers legato notes)." };
        var model = new Option<string>("--model")
        {
            Description = "Model id or path of a basic-pitch .onnx file.",
            DefaultValueFactory = _ => "basic-pitch",
            HelpName = "ID|PATH",
        };
        var modelsDir = new Option<string?>("--models-dir") { Description = "Model cache folder (default: $MUSICAI_MODELS, else musicai/models under local application data).", HelpName = "DIR" };
        var offline = new Option<bool>("--offline") { Description = "Never download; fail when the model is not in the cache." };

        var command = new Command("transcribe", "Transcribe the notes of a recording (melody, chords, bass) with basic-pitch; write MIDI.");
        command.Arguments.Add(audio);
        foreach (var option in new Option[] { output, json, onset, frame, minNote, minFreq, maxFreq, noMelodia, model, modelsDir, offline })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                var minNoteMs = parseResult.GetValue(minNote);
                if (!double.IsFinite(minNoteMs) || minNoteMs < 0 || minNoteMs > 60_000)
                {
                    await console.Error.WriteLineAsync("error: --min-note-ms must be between 0 and 60000.");
                    return ExitCodes.Usage;
                }

                var options = new TranscriptionOptions
                {
                    OnsetThreshold = parseResult.GetValue(onset),
                    FrameThreshold = parseResult.GetValue(frame),
                    MinimumNoteLength = TimeSpan.FromMilliseconds(minNoteMs),
                    MinimumFrequency = parseResult.GetValue(minFreq),
                    MaximumFrequency = parseResult.GetValue(maxFreq),
                    MelodiaTrick = !parseResult.GetValue(noMelodia),
                };
                var request = new TranscribeRequest(
                    parseResult.GetValue(audio)!,
                    parseResult.GetValue(output),
                    parseResult.GetValue(json),
                    parseResult.GetValue(model)!,
                    parseResult.GetValue(modelsDir),
                    parseResult.GetValue(offline),
                    options);
                return await RunAsync(console, request, ct);
            },
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, TranscribeRequest request, CancellationToken cancellationToken)
    {
        // Options are checked before any audio is decoded or model loaded (an out-of-range value exits 1).
        _ = request.Options.ToSettings();
        await using var client = MusicAIClient.Create(o =>
        {
            o.ModelDirectory = request.ModelsDirectory;
            o.Offline = request.Offline;
        });
        var transcriber = new MelodyTranscriber(client.Runtime, client.Models, request.Model);
        using var audio = await AudioBuffer.LoadAsync(request.AudioPath, cancellationToken);
        Transcription transcription;
        if (console.IsInteractive && !request.Json)
        {
            transcription = await AnsiConsole.Status().StartAsync(
                "Transcribing…",
                _ => transcriber.TranscribeAsync(audio, request.Options, progress: null, cancellationToken));
        }
        else
        {
            transcription = await transcriber.TranscribeAsync(audio, request.Options, progress: null, cancellationToken);
        }

        if (request.OutputPath is { } midiPath)
        {
            transcription.SaveMidi(midiPath);
        }

        if (request.Json)
        {
            await console.Out.WriteLineAsync(TranscribeOutput.ToJson(request, transcription));
        }
        else
        {
            await console.Out.WriteAsync(TranscribeOutput.ToText(request, transcription));
        }

        return ExitCodes.Ok;
    }
}
