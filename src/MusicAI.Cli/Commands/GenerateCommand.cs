using System.CommandLine;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Generation;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai generate [--prompt TEXT] [--style NAME] [--duration S] [--bars N] [--bpm N] [--key K] [--seed N] [--loop]
/// [--stems] [--midi] [-o DIR] [--json]</c>: composes and renders music with the embedded generator and writes
/// <c>DIR/mix.wav</c>, <c>DIR/&lt;stem&gt;.wav</c> with <c>--stems</c>, <c>DIR/song.mid</c> and <c>DIR/&lt;stem&gt;.mid</c>
/// with <c>--midi</c>.
/// </summary>
/// <remarks>
/// Music longer than the offline limit (10 minutes) is streamed from the adaptive stream straight into
/// <c>DIR/mix.wav</c> (no stems or MIDI then). Exit codes: 0 ok; 1 usage (bad option, unknown style, invalid key or
/// tempo); 2 the output folder cannot be written; 130 cancelled.
/// </remarks>
internal static class GenerateCommand
{
    public static Command Create(CliConsole console)
    {
        var prompt = new Option<string?>("--prompt") { Description = "Text prompt read by the keyword mapping, e.g. \"dark 90 bpm combat loop in D minor\".", HelpName = "TEXT" };
        var style = new Option<string?>("--style") { Description = $"Style preset: {string.Join(", ", SongGenerator.Styles)}.", HelpName = "NAME" };
        var duration = new Option<double?>("--duration") { Description = "Length in seconds (rounded to whole bars).", HelpName = "S" };
        var bars = new Option<int?>("--bars") { Description = "Length in bars (wins over --duration).", HelpName = "N" };
        var bpm = new Option<double?>("--bpm") { Description = "Tempo, 40 to 240 BPM.", HelpName = "N" };
        var key = new Option<string?>("--key") { Description = "Key, e.g. \"D minor\", \"Eb major\", \"F#m\".", HelpName = "K" };
        var seed = new Option<long?>("--seed") { Description = "Seed (default: a hash of the request, so the same request gives the same music).", HelpName = "N" };
        var loop = new Option<bool>("--loop") { Description = "Make a seamless loop of whole bars (no intro or outro)." };
        var stems = new Option<bool>("--stems") { Description = "Also write DIR/<stem>.wav for every stem (they sum to mix.wav)." };
        var midi = new Option<bool>("--midi") { Description = "Also write DIR/song.mid and DIR/<stem>.mid." };
        var output = new Option<string>("--output", "-o") { Description = "Output folder (created when missing).", HelpName = "DIR", DefaultValueFactory = _ => "." };
        var format = new Option<string>("--format") { Description = "WAV sample format: float32 (lossless, default), pcm16, pcm24.", DefaultValueFactory = _ => "float32" };
        var sampleRate = new Option<int?>("--sample-rate") { Description = "Sample rate in Hz (default 48000).", HelpName = "HZ" };
        var json = new Option<bool>("--json") { Description = "Print the resolved parameters, sections and files as JSON on stdout." };
        var command = new Command("generate", "Compose and render music (procedural composer + synthesizer, no model needed): mix, stems, MIDI.");
        foreach (var option in new Option[] { prompt, style, duration, bars, bpm, key, seed, loop, stems, midi, output, format, sampleRate, json })
        {
            command.Options.Add(option);
        }

        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(
                console,
                new GenerateSettings(
                    parseResult.GetValue(prompt),
                    parseResult.GetValue(style),
                    parseResult.GetValue(duration),
                    parseResult.GetValue(bars),
                    parseResult.GetValue(bpm),
                    parseResult.GetValue(key),
                    parseResult.GetValue(seed),
                    parseResult.GetValue(loop),
                    parseResult.GetValue(stems),
                    parseResult.GetValue(midi),
                    parseResult.GetValue(output)!,
                    parseResult.GetValue(format)!,
                    parseResult.GetValue(sampleRate),
                    parseResult.GetValue(json)),
                ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, GenerateSettings settings, CancellationToken cancellationToken)
    {
        var wavFormat = settings.Format.ToLowerInvariant() switch
        {
            "float32" or "float" or "f32" => WavSampleFormat.Float32,
            "pcm16" or "16" or "s16" => WavSampleFormat.Pcm16,
            "pcm24" or "24" or "s24" => WavSampleFormat.Pcm24,
            _ => throw new ArgumentException($"Unknown --format '{settings.Format}'. Use float32, pcm16 or pcm24."),
        };
        var generator = new SongGenerator();
        var request = BuildRequest(generator, settings);
        var parameters = request.Resolve();
        Directory.CreateDirectory(settings.Output);
        var files = new List<string>();
        var offlineLimit = new SongGeneratorOptions().MaxOfflineDuration;
        var streamed = parameters.Duration > offlineLimit && !parameters.IsLoop;
        IReadOnlyList<SongSection> sections;
        if (streamed)
        {
            if (settings.Stems || settings.Midi)
            {
                throw new ArgumentException($"{parameters.Duration:g} is longer than offline rendering allows ({offlineLimit:g}): it is streamed into mix.wav, without --stems or --midi. Drop those options or ask for less.");
            }

            await console.Error.WriteLineAsync($"note: {parameters.Duration:g} is longer than {offlineLimit:g}: streaming the adaptive stream into mix.wav.");
            files.Add(await StreamToWavAsync(console, request, Path.Combine(settings.Output, "mix.wav"), wavFormat, cancellationToken));
            sections = [];
        }
        else
        {
            using var song = await RenderAsync(console, settings.Json, request.WithStems(settings.Stems), cancellationToken);
            parameters = song.Parameters;
            sections = song.Sections;
            var mixPath = Path.Combine(settings.Output, "mix.wav");
            await song.Mix.SaveWavAsync(mixPath, wavFormat, cancellationToken);
            files.Add(mixPath);
            foreach (var (name, buffer) in song.Stems)
            {
                var path = Path.Combine(settings.Output, name + ".wav");
                await buffer.SaveWavAsync(path, wavFormat, cancellationToken);
                files.Add(path);
            }

            if (settings.Midi)
            {
                var songMidi = Path.Combine(settings.Output, "song.mid");
                song.ToMidi().Save(songMidi);
                files.Add(songMidi);
                foreach (var name in song.StemNames)
                {
                    var path = Path.Combine(settings.Output, name + ".mid");
                    song.ToMidi(name).Save(path);
                    files.Add(path);
                }
            }
        }

        await console.Out.WriteAsync(settings.Json
            ? GenerateReport.ToJson(parameters, sections, files, streamed)
            : GenerateReport.ToText(parameters, sections, files, streamed));
        return ExitCodes.Ok;
    }

    private static GenerationRequest BuildRequest(SongGenerator generator, GenerateSettings settings)
    {
        var request = generator.CreateRequest();
        if (settings.Prompt is { } prompt)
        {
            request = request.WithPrompt(prompt);
        }

        if (settings.Style is { } style)
        {
            request = request.WithStyle(style);
        }

        if (settings.Bpm is { } bpm)
        {
            request = request.WithTempo(bpm);
        }

        if (settings.Key is { } key)
        {
            request = request.WithKey(key);
        }

        if (settings.Seed is { } seed)
        {
            request = request.WithSeed(seed);
        }

        if (settings.Duration is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds <= 0)
            {
                throw new ArgumentOutOfRangeException("--duration", seconds, "The duration must be more than 0 seconds.");
            }

            request = request.WithDuration(TimeSpan.FromSeconds(seconds));
        }

        if (settings.Bars is { } bars)
        {
            request = request.WithBars(bars);
        }

        if (settings.Loop)
        {
            request = request.AsLoop();
        }

        if (settings.SampleRate is { } rate)
        {
            request = request.WithSampleRate(rate);
        }

        return request;
    }

    private static async Task<GeneratedSong> RenderAsync(CliConsole console, bool json, GenerationRequest request, CancellationToken cancellationToken)
    {
        if (console.IsInteractive && !json)
        {
            GeneratedSong? song = null;
            await GenerateProgressBar.RunAsync(async progress => song = await request.GenerateAsync(progress, cancellationToken));
            return song!;
        }

        return await request.GenerateAsync(cancellationToken: cancellationToken);
    }

    private static async Task<string> StreamToWavAsync(CliConsole console, GenerationRequest request, string path, WavSampleFormat format, CancellationToken cancellationToken)
    {
        using var stream = request.CreateStream();
        var total = (long)Math.Round(stream.Length!.Value.TotalSeconds * stream.SampleRate);
        await using var writer = AudioWriter.Create(path, stream.SampleRate, AdaptiveMusicStream.ChannelCount, format);
        var buffer = new float[8192 * AdaptiveMusicStream.ChannelCount];
        async Task Pump(IProgress<ProcessingProgress>? progress)
        {
            long done = 0;
            int read;
            while ((read = stream.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await writer.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                done += read / 2;
                progress?.Report(new ProcessingProgress("stream", done, total));
            }
        }

        if (console.IsInteractive)
        {
            await GenerateProgressBar.RunAsync(Pump);
        }
        else
        {
            await Pump(null);
        }

        await writer.CompleteAsync(cancellationToken);
        return path;
    }

    private sealed record GenerateSettings(
        string? Prompt,
        string? Style,
        double? Duration,
        int? Bars,
        double? Bpm,
        string? Key,
        long? Seed,
        bool Loop,
        bool Stems,
        bool Midi,
        string Output,
        string Format,
        int? SampleRate,
        bool Json);
}
