using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Evaluation;
using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Separation;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai demo [-o DIR] [--prompt TEXT] [--seconds S] [--seed N] [--json]</c>: the SDK's embedded defaults end to
/// end, with no model and no download — the <see cref="SongGenerator"/> writes a song from a prompt, the
/// <see cref="Captioner"/> describes it (and its tempo and key are checked against the request), and the
/// <see cref="Separator"/> splits it into four stems, scored by SDR against the generator's own stems.
/// </summary>
internal static class DemoCommand
{
    /// <summary>The prompt used when none is given.</summary>
    public const string DefaultPrompt = "energetic synthwave at 112 bpm in A minor";

    private const string StemFolder = "stems";

    public static Command Create(CliConsole console)
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder for song.wav, song.mid, description.json and stems/.", DefaultValueFactory = _ => "musicai-demo", HelpName = "DIR" };
        var prompt = new Option<string>("--prompt") { Description = "What to generate (keywords: style, mood, tempo, key; see docs/generation.md).", DefaultValueFactory = _ => DefaultPrompt, HelpName = "TEXT" };
        var seconds = new Option<double>("--seconds") { Description = "Length of the song in seconds (5 to 300).", DefaultValueFactory = _ => 30, HelpName = "S" };
        var seed = new Option<long>("--seed") { Description = "Seed: the same seed gives the same song.", DefaultValueFactory = _ => 7, HelpName = "N" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on stdout." };
        var command = new Command("demo", "Generate a song, caption it and separate it into stems with the embedded defaults (no model, no download).");
        command.Options.Add(output);
        command.Options.Add(prompt);
        command.Options.Add(seconds);
        command.Options.Add(seed);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(
                console,
                parseResult.GetValue(output)!,
                parseResult.GetValue(prompt)!,
                parseResult.GetValue(seconds),
                parseResult.GetValue(seed),
                parseResult.GetValue(json),
                ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string output, string prompt, double seconds, long seed, bool json, CancellationToken cancellationToken)
    {
        if (!(seconds >= 5 && seconds <= 300))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "--seconds must be 5 to 300.");
        }

        var log = json ? (Action<string>)(_ => { }) : line => console.Out.WriteLine(line);
        var directory = Path.GetFullPath(output);
        var existed = Directory.Exists(directory);
        var written = new List<string>();
        try
        {
            log("musicai demo: every step runs on the SDK's embedded defaults (no model, no download, nothing neural).");
            await using var client = MusicAIClient.Create();
            var clock = Stopwatch.StartNew();

            // 1. SongGenerator: a song and its stems from a prompt.
            using var song = await client.Generation.WithPrompt(prompt)
                .WithDuration(TimeSpan.FromSeconds(seconds))
                .WithSeed(seed)
                .WithStems()
                .GenerateAsync(cancellationToken: cancellationToken);
            var generateSeconds = clock.Elapsed.TotalSeconds;
            var parameters = song.Parameters;
            Directory.CreateDirectory(directory);
            var songPath = Path.Combine(directory, "song.wav");
            await song.Mix.SaveWavAsync(songPath, WavSampleFormat.Pcm16, cancellationToken);
            written.Add(songPath);
            var midiPath = Path.Combine(directory, "song.mid");
            song.ToMidi().Save(midiPath);
            written.Add(midiPath);
            var generation = new GenerationStep(prompt, parameters.Style.ToString(), parameters.TempoBpm, parameters.Key.ToString(), song.Duration.TotalSeconds, song.StemNames.Count, generateSeconds);
            log(Invariant($"1. SongGenerator  \"{prompt}\", seed {seed} → {parameters.Style}, {parameters.TempoBpm:0} BPM, {parameters.Key}, {song.Duration.TotalSeconds:0.0} s, {song.StemNames.Count} stems ({generateSeconds:0.00} s)"));
            log($"   wrote {songPath} and {midiPath}");

            // 2. Captioner: describe the song; its tempo and key should be the ones asked for.
            clock.Restart();
            var description = await client.Captioner.AnalyzeAsync(song.Mix, cancellationToken: cancellationToken);
            var captionSeconds = clock.Elapsed.TotalSeconds;
            var descriptionPath = Path.Combine(directory, "description.json");
            await AtomicFile.WriteAllTextAsync(descriptionPath, description.ToJson(), cancellationToken);
            written.Add(descriptionPath);
            var tempoMatch = description.Tempo.Bpm is { } bpm && Math.Abs(bpm - parameters.TempoBpm) <= 0.04 * parameters.TempoBpm;
            var keyMatch = MusicKey.TryParse(description.Key.Name, out var detectedKey) && detectedKey.Equals(parameters.Key);
            var caption = new CaptionStep(description.Caption, description.Tempo.Bpm, tempoMatch, description.Key.Name, keyMatch, captionSeconds);
            log(Invariant($"2. Captioner      \"{description.Caption}\" ({captionSeconds:0.00} s)"));
            log(Invariant($"   tempo {Format(description.Tempo.Bpm)} BPM (asked {parameters.TempoBpm:0}: {(tempoMatch ? "match" : "MISMATCH")}), key {description.Key.Name ?? "none"} (asked {parameters.Key}: {(keyMatch ? "match" : "MISMATCH")}); wrote {descriptionPath}"));

            // 3. Separator: four stems, scored against the generator's own stems (the song has no voice).
            clock.Restart();
            using var stems = await client.Separator.Stems(Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals).SeparateAsync(song.Mix, cancellationToken: cancellationToken);
            var separateSeconds = clock.Elapsed.TotalSeconds;
            var stemDirectory = Path.Combine(directory, StemFolder);
            Directory.CreateDirectory(stemDirectory);
            foreach (var stem in stems.Stems)
            {
                var path = Path.Combine(stemDirectory, stem.ToString().ToLowerInvariant() + ".wav");
                await stems[stem].SaveWavAsync(path, WavSampleFormat.Float32, cancellationToken);
                written.Add(path);
            }

            var separation = Score(song, stems, separateSeconds);
            log(Invariant($"3. Separator      4 stems in {separateSeconds:0.00} s ({song.Duration.TotalSeconds / separateSeconds:0}× real time), engine {stems.Engine}; wrote {stemDirectory}"));
            log(Invariant($"   SDR against the generator's stems: drums {separation.DrumsSdr:0.0} dB, bass {separation.BassSdr:0.0} dB, other {separation.OtherSdr:0.0} dB; the vocals stem holds {separation.VocalsShare:P1} of the mix energy (there is no voice)"));
            log(Invariant($"   stems sum to the mix: max |Σ stems − mix| = {separation.MaxSumError:0.0e+0}"));
            if (json)
            {
                await console.Out.WriteAsync(DemoReport.ToJson(directory, generation, caption, separation, written));
            }

            return ExitCodes.Ok;
        }
        catch
        {
            Remove(written, directory, existed);
            throw;
        }
    }

    private static SeparationStep Score(GeneratedSong song, SeparationResult stems, double seconds)
    {
        var mix = song.Mix;
        using var otherReference = AudioBuffer.Create(mix.ChannelCount, mix.FrameCount, mix.SampleRate);
        foreach (var (name, buffer) in song.Stems)
        {
            if (name is not ("drums" or "bass"))
            {
                for (var c = 0; c < mix.ChannelCount; c++)
                {
                    var sum = otherReference.GetChannel(c);
                    TensorPrimitives.Add(sum, buffer.GetChannel(c), sum);
                }
            }
        }

        double vocalEnergy = 0, mixEnergy = 0, maxError = 0;
        for (var c = 0; c < mix.ChannelCount; c++)
        {
            var m = mix.GetChannel(c);
            var v = stems[Stem.Vocals].GetChannel(c);
            var d = stems[Stem.Drums].GetChannel(c);
            var b = stems[Stem.Bass].GetChannel(c);
            var o = stems[Stem.Other].GetChannel(c);
            for (var i = 0; i < m.Length; i++)
            {
                vocalEnergy += (double)v[i] * v[i];
                mixEnergy += (double)m[i] * m[i];
                maxError = Math.Max(maxError, Math.Abs((double)d[i] + b[i] + o[i] + v[i] - m[i]));
            }
        }

        return new SeparationStep(
            stems.Engine,
            seconds,
            Sdr(song, "drums", stems[Stem.Drums]),
            Sdr(song, "bass", stems[Stem.Bass]),
            SignalToDistortion.Global(otherReference, stems[Stem.Other]),
            mixEnergy > 0 ? vocalEnergy / mixEnergy : 0,
            maxError);
    }

    private static double? Sdr(GeneratedSong song, string name, AudioBuffer estimate) =>
        song.Stems.TryGetValue(name, out var reference) ? SignalToDistortion.Global(reference, estimate) : null;

    private static void Remove(List<string> written, string directory, bool existed)
    {
        try
        {
            foreach (var path in written)
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // Best effort while already failing.
        }

        OutputFolder.RemoveIfEmpty(Path.Combine(directory, StemFolder));
        if (!existed)
        {
            OutputFolder.RemoveIfEmpty(directory);
        }
    }

    private static string Format(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "none";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal sealed record GenerationStep(string Prompt, string Style, double TempoBpm, string Key, double DurationSeconds, int StemCount, double Seconds);

    internal sealed record CaptionStep(string Caption, double? TempoBpm, bool TempoMatches, string? Key, bool KeyMatches, double Seconds);

    internal sealed record SeparationStep(string Engine, double Seconds, double? DrumsSdr, double? BassSdr, double OtherSdr, double VocalsShare, double MaxSumError);
}
