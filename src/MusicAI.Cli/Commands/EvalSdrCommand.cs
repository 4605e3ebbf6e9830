using System.CommandLine;
using System.Globalization;
using System.Text;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Evaluation;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai eval sdr REF_DIR EST_DIR [--json]</c>: SDR of estimated stems against reference stems, matched by file
/// name (<c>vocals.wav</c> ↔ <c>vocals.wav</c>; any audio extension). When REF_DIR holds no audio but sub-folders,
/// each sub-folder is a track matched by name in EST_DIR, and the summary is the median over tracks.
/// </summary>
/// <remarks>
/// Two figures per stem (definitions in docs/separation.md): the global SDR of the Music Demixing Challenge and the
/// median of the framewise SDR in 1 s windows (BSS Eval v4 / museval images SDR). Exit codes: 0 ok; 1 usage;
/// 2 input error (missing folders, no stems in common, mismatched rates or channels).
/// </remarks>
internal static class EvalSdrCommand
{
    private static readonly string[] s_audioExtensions = [".wav", ".ogg", ".mp3", ".flac", ".m4a", ".aiff", ".aif"];

    public static Command Create(CliConsole console)
    {
        var references = new Argument<string>("reference-dir") { Description = "Folder with the true stems (or one sub-folder per track)." };
        var estimates = new Argument<string>("estimate-dir") { Description = "Folder with the estimated stems, same file names (or the same sub-folders)." };
        var window = new Option<double>("--window") { Description = "Framewise window in seconds.", DefaultValueFactory = _ => 1.0, HelpName = "S" };
        var hop = new Option<double>("--hop") { Description = "Framewise hop in seconds.", DefaultValueFactory = _ => 1.0, HelpName = "S" };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON to standard output." };
        var command = new Command("sdr", "Signal-to-distortion ratio of estimated stems against references (global and framewise median, in dB).");
        command.Arguments.Add(references);
        command.Arguments.Add(estimates);
        command.Options.Add(window);
        command.Options.Add(hop);
        command.Options.Add(json);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            ct => RunAsync(console, parseResult.GetValue(references)!, parseResult.GetValue(estimates)!, parseResult.GetValue(window), parseResult.GetValue(hop), parseResult.GetValue(json), ct),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string referenceDir, string estimateDir, double window, double hop, bool json, CancellationToken cancellationToken)
    {
        if (!(window > 0) || !(hop > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(window), "--window and --hop must be positive numbers of seconds.");
        }

        foreach (var dir in new[] { referenceDir, estimateDir })
        {
            if (!Directory.Exists(dir))
            {
                throw new DirectoryNotFoundException($"The folder '{dir}' does not exist.");
            }
        }

        var tracks = new List<TrackScore>();
        if (AudioFiles(referenceDir).Count > 0)
        {
            tracks.Add(await ScoreTrackAsync(console, Path.GetFileName(Path.GetFullPath(referenceDir)), referenceDir, estimateDir, window, hop, cancellationToken));
        }
        else
        {
            foreach (var sub in Directory.GetDirectories(referenceDir).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(sub);
                if (AudioFiles(sub).Count == 0)
                {
                    continue;
                }

                var estimate = Path.Combine(estimateDir, name);
                if (!Directory.Exists(estimate))
                {
                    throw new DirectoryNotFoundException($"The track '{name}' has references in '{sub}' but no estimates in '{estimate}'.");
                }

                tracks.Add(await ScoreTrackAsync(console, name, sub, estimate, window, hop, cancellationToken));
            }
        }

        if (tracks.Count == 0)
        {
            throw new AudioFormatException($"'{referenceDir}' holds no audio files and no sub-folders with audio files.");
        }

        await console.Out.WriteAsync(json ? ToJson(tracks, window, hop) : ToText(tracks, window, hop));
        return ExitCodes.Ok;
    }

    private static async Task<TrackScore> ScoreTrackAsync(CliConsole console, string name, string referenceDir, string estimateDir, double window, double hop, CancellationToken cancellationToken)
    {
        var references = AudioFiles(referenceDir);
        var estimates = AudioFiles(estimateDir);
        var common = references.Keys.Where(estimates.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (common.Count == 0)
        {
            throw new AudioFormatException($"No stem file name is in both '{referenceDir}' ({string.Join(", ", references.Keys)}) and '{estimateDir}' ({string.Join(", ", estimates.Keys)}).");
        }

        var scores = new List<StemScore>();
        foreach (var stem in common)
        {
            using var reference = await AudioBuffer.LoadAsync(references[stem], cancellationToken);
            using var estimate = await AudioBuffer.LoadAsync(estimates[stem], cancellationToken);
            if (reference.SampleRate != estimate.SampleRate || reference.ChannelCount != estimate.ChannelCount)
            {
                throw new AudioFormatException(
                    $"{stem}: the estimate is {estimate.ChannelCount} ch at {estimate.SampleRate} Hz but the reference is {reference.ChannelCount} ch at {reference.SampleRate} Hz; convert the estimate first.",
                    estimates[stem]);
            }

            if (reference.FrameCount != estimate.FrameCount)
            {
                await console.Error.WriteLineAsync($"warning: {name}/{stem}: the reference has {reference.FrameCount} frames and the estimate {estimate.FrameCount}; comparing the first {Math.Min(reference.FrameCount, estimate.FrameCount)}.");
            }

            var frames = SignalToDistortion.Framewise(reference, estimate, Frames(window, reference.SampleRate), Frames(hop, reference.SampleRate));
            scores.Add(new StemScore(
                stem,
                SignalToDistortion.Global(reference, estimate),
                SignalToDistortion.Median(frames),
                frames.Length,
                frames.Count(double.IsNaN)));
        }

        return new TrackScore(name, scores);
    }

    private static int Frames(double seconds, int rate) => Math.Max(1, (int)Math.Round(seconds * rate));

    private static Dictionary<string, string> AudioFiles(string directory) =>
        Directory.GetFiles(directory)
            .Where(f => s_audioExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
            .GroupBy(f => Path.GetFileNameWithoutExtension(f).ToLowerInvariant(), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).First(), StringComparer.Ordinal);

    private static IEnumerable<(string Stem, int Tracks, double Global, double Framewise)> Summary(IReadOnlyList<TrackScore> tracks) =>
        tracks.SelectMany(t => t.Stems)
            .GroupBy(s => s.Stem, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count(), SignalToDistortion.Median(g.Select(s => s.Global)), SignalToDistortion.Median(g.Select(s => s.FramewiseMedian))));

    private static string ToText(IReadOnlyList<TrackScore> tracks, double window, double hop)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"SDR in dB: global (MDX challenge) and median of framewise ({window:0.###} s windows, hop {hop:0.###} s; BSS Eval v4 images).");
        text.AppendLine();
        text.AppendLine(c, $"{"track",-24} {"stem",-14} {"global",8} {"framewise",10} {"windows",8}");
        foreach (var track in tracks)
        {
            foreach (var s in track.Stems)
            {
                text.AppendLine(c, $"{track.Name,-24} {s.Stem,-14} {s.Global,8:0.00} {s.FramewiseMedian,10:0.00} {s.Windows - s.Skipped,4}/{s.Windows,-3}");
            }
        }

        if (tracks.Count > 1)
        {
            text.AppendLine();
            text.AppendLine(c, $"median over {tracks.Count} tracks:");
            foreach (var (stem, count, global, framewise) in Summary(tracks))
            {
                text.AppendLine(c, $"{string.Empty,-24} {stem,-14} {global,8:0.00} {framewise,10:0.00} {count,4} tracks");
            }
        }

        return text.ToString();
    }

    private static string ToJson(IReadOnlyList<TrackScore> tracks, double window, double hop)
    {
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteNumber("window_seconds", window);
            writer.WriteNumber("hop_seconds", hop);
            writer.WriteStartArray("tracks");
            foreach (var track in tracks)
            {
                writer.WriteStartObject();
                writer.WriteString("track", track.Name);
                writer.WriteStartArray("stems");
                foreach (var s in track.Stems)
                {
                    writer.WriteStartObject();
                    writer.WriteString("stem", s.Stem);
                    CliJson.WriteNumberOrNull(writer, "sdr_global_db", s.Global, 4);
                    CliJson.WriteNumberOrNull(writer, "sdr_framewise_median_db", s.FramewiseMedian, 4);
                    writer.WriteNumber("windows", s.Windows);
                    writer.WriteNumber("windows_skipped", s.Skipped);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("summary");
            foreach (var (stem, count, global, framewise) in Summary(tracks))
            {
                writer.WriteStartObject();
                writer.WriteString("stem", stem);
                writer.WriteNumber("tracks", count);
                CliJson.WriteNumberOrNull(writer, "sdr_global_db", global, 4);
                CliJson.WriteNumberOrNull(writer, "sdr_framewise_median_db", framewise, 4);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }) + Environment.NewLine;
    }

    private sealed record StemScore(string Stem, double Global, double FramewiseMedian, int Windows, int Skipped);

    private sealed record TrackScore(string Name, IReadOnlyList<StemScore> Stems);
}
