using System.CommandLine;
using System.Globalization;
using System.Text;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Captioning.Analysis;
using MusicAI.Sdk.Captioning.Evaluation;
using MusicAI.Sdk.Captioning.Text;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Cli.Commands;

/// <summary>
/// <c>musicai eval caption DIR [--annotations CSV] [--json] [--details] [--beat-tracker dsp|beatnet]</c>: tempo Acc1/Acc2 (±4 %) and MIREX weighted key
/// score of the Captioner's embedded analysis against annotated audio (the CSV written by
/// <c>tests/TestAssets/generate/cap_synth_dataset.py</c>, or any CSV with <c>file</c>, <c>tempo_bpm</c>, <c>key</c> and
/// optionally <c>genre</c>, <c>meter</c> columns; empty cells are not scored).
/// </summary>
internal static class CaptionEvalCommand
{
    public static Command Create(CliConsole console)
    {
        var directory = new Argument<string>("dir") { Description = "Folder with the audio files named in the annotations." };
        var annotations = new Option<string?>("--annotations") { Description = "Annotation CSV (default: DIR/annotations.csv).", HelpName = "CSV" };
        var json = new Option<bool>("--json") { Description = "Print the results as JSON on stdout." };
        var details = new Option<bool>("--details") { Description = "Also print one line per clip." };
        var beats = CaptionCommand.BeatTrackerOption();
        var modelsDir = new Option<string?>("--models-dir") { Description = "Model cache folder for --beat-tracker beatnet.", HelpName = "DIR" };
        var offline = new Option<bool>("--offline") { Description = "Never download a model; fail when it is not cached." };
        var command = new Command("caption", "Tempo (Acc1, Acc2 at ±4 %) and key (MIREX weighted score) accuracy of the Captioner on annotated audio; key profiles compared.");
        command.Arguments.Add(directory);
        command.Options.Add(annotations);
        command.Options.Add(json);
        command.Options.Add(details);
        command.Options.Add(beats);
        command.Options.Add(modelsDir);
        command.Options.Add(offline);
        command.SetAction((parseResult, cancellationToken) => console.RunAsync(
            async ct =>
            {
                await using var client = CaptionCommand.CreateClient(parseResult.GetValue(beats) == "beatnet", parseResult.GetValue(modelsDir), parseResult.GetValue(offline));
                var beatNet = client is null ? null : await new Captioner(new CaptionerOptions { BeatTracking = BeatTracking.BeatNet }, client).BeatNetModelAsync(null, ct);
                return await RunAsync(console, parseResult.GetValue(directory)!, parseResult.GetValue(annotations), parseResult.GetValue(json), parseResult.GetValue(details), beatNet, ct);
            },
            cancellationToken));
        return command;
    }

    /// <summary>The key profiles compared (the first is the Captioner's default).</summary>
    internal static string[] Profiles { get; } = [KeyEstimator.DefaultProfile, .. new[] { "krumhansl", "temperley", "aarden", "temperley1999" }.Where(p => p != KeyEstimator.DefaultProfile)];

    private static async Task<int> RunAsync(CliConsole console, string directory, string? annotationPath, bool json, bool details, OnnxModel? beatNet, CancellationToken cancellationToken)
    {
        annotationPath ??= Path.Combine(directory, "annotations.csv");
        var rows = ReadCsv(annotationPath);
        var results = new List<ClipResult>();
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = Path.Combine(directory, row["file"]);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"'{path}' (listed in {annotationPath}) does not exist; generate the audio first (see docs/captioning.md).", path);
            }

            using var reader = AudioReader.Open(path, new AudioLoadOptions { ReplaceNonFiniteSamples = true });
            var analysis = await SongAnalyzer.AnalyzeAsync(reader, progress: null, cancellationToken, beatNet);
            var keys = Profiles.Select(p => KeyEstimator.Analyze(analysis.Features, p).Key).ToArray();
            results.Add(new ClipResult(row, analysis, keys));
            if (details && !json)
            {
                await console.Out.WriteLineAsync(results[^1].Describe());
            }
        }

        var summary = Summary.Of(results);
        var tracker = beatNet is null ? "dsp" : "beatnet";
        await console.Out.WriteLineAsync(json ? ToJson(results, summary, tracker) : ToTable(results, summary, tracker));
        return ExitCodes.Ok;
    }

    internal static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length == 0)
        {
            throw new ArgumentException($"The annotation file '{path}' is empty; it needs a header with file, tempo_bpm and key columns.");
        }

        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        if (!header.Contains("file"))
        {
            throw new ArgumentException($"The annotation file '{path}' has no 'file' column (header: {lines[0]}).");
        }

        return [.. lines.Skip(1).Select(line =>
        {
            var cells = line.Split(',');
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < cells.Length ? cells[i].Trim() : "";
            }

            return row;
        })];
    }

    private static string ToTable(List<ClipResult> results, Summary summary, string tracker)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{results.Count} clips; tempo scored on {summary.TempoCount}, key on {summary.KeyCount}; beat tracker: {tracker}.");
        text.AppendLine(c, $"tempo Acc1 {summary.Acc1:P1}  Acc2 {summary.Acc2:P1}   (±{CaptionMetrics.TempoTolerance:P0}; Acc2 forgives ×2, ×3, ×1/2, ×1/3)");
        for (var p = 0; p < Profiles.Length; p++)
        {
            text.AppendLine(c, $"key ({Profiles[p]}{(p == 0 ? ", default" : "")}): MIREX weighted {summary.KeyScores[p]:P1}, correct {summary.KeyCorrect[p]:P1}");
        }

        var claimed = Summary.Of([.. results.Where(r => r.Analysis.Tempo.Confidence >= CaptionerOptions.DefaultClaimThreshold)]);
        var claimedKeys = Summary.Of([.. results.Where(r => r.Keys[0].Confidence >= CaptionerOptions.DefaultClaimThreshold)]);
        text.AppendLine(c, $"claimed by captions (confidence ≥ {CaptionerOptions.DefaultClaimThreshold}): tempo {claimed.TempoCount} clips, Acc1 {claimed.Acc1:P1}, Acc2 {claimed.Acc2:P1}; key {claimedKeys.KeyCount} clips, MIREX weighted {claimedKeys.KeyScores[0]:P1}");
        text.AppendLine();
        text.AppendLine(c, $"{"genre",-10} {"n",3} {"Acc1",7} {"Acc2",7} {"key",7}");
        foreach (var group in results.GroupBy(r => r.Genre).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var s = Summary.Of([.. group]);
            text.AppendLine(c, $"{group.Key,-10} {group.Count(),3} {s.Acc1,7:P0} {s.Acc2,7:P0} {s.KeyScores[0],7:P0}");
        }

        return text.ToString();
    }

    private static string ToJson(List<ClipResult> results, Summary summary, string tracker)
    {
        return CliJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("clips", results.Count);
            w.WriteString("beat_tracker", tracker);
            w.WriteNumber("tempo_acc1", Math.Round(summary.Acc1, 4));
            w.WriteNumber("tempo_acc2", Math.Round(summary.Acc2, 4));
            w.WriteNumber("tempo_tolerance", CaptionMetrics.TempoTolerance);
            w.WriteStartObject("key_weighted_score");
            for (var p = 0; p < Profiles.Length; p++)
            {
                w.WriteNumber(Profiles[p], Math.Round(summary.KeyScores[p], 4));
            }

            w.WriteEndObject();
            w.WriteString("key_profile_default", Profiles[0]);
            var claimed = Summary.Of([.. results.Where(r => r.Analysis.Tempo.Confidence >= CaptionerOptions.DefaultClaimThreshold)]);
            var claimedKeys = Summary.Of([.. results.Where(r => r.Keys[0].Confidence >= CaptionerOptions.DefaultClaimThreshold)]);
            w.WriteStartObject("claimed");
            w.WriteNumber("confidence_threshold", CaptionerOptions.DefaultClaimThreshold);
            w.WriteNumber("tempo_clips", claimed.TempoCount);
            w.WriteNumber("tempo_acc1", Math.Round(claimed.Acc1, 4));
            w.WriteNumber("tempo_acc2", Math.Round(claimed.Acc2, 4));
            w.WriteNumber("key_clips", claimedKeys.KeyCount);
            w.WriteNumber("key_weighted_score", Math.Round(claimedKeys.KeyScores[0], 4));
            w.WriteEndObject();
            w.WriteStartArray("results");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("file", r.File);
                w.WriteString("genre", r.Genre);
                CliJson.WriteNumberOrNull(w, "reference_tempo_bpm", r.ReferenceTempo, 3);
                CliJson.WriteNumberOrNull(w, "tempo_bpm", r.Analysis.Tempo.Bpm, 3);
                w.WriteNumber("tempo_confidence", Math.Round(r.Analysis.Tempo.Confidence, 3));
                w.WriteString("reference_key", r.ReferenceKey);
                w.WriteString("key", r.KeyName(0));
                w.WriteNumber("key_confidence", Math.Round(r.Keys[0].Confidence, 3));
                CliJson.WriteNumberOrNull(w, "key_score", r.KeyScore(0), 3);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private sealed record ClipResult(Dictionary<string, string> Row, SongAnalysis Analysis, KeyEstimate[] Keys)
    {
        public string File => Row["file"];

        public string Genre => Row.TryGetValue("genre", out var g) && g.Length > 0 ? g : "-";

        public double? ReferenceTempo => Row.TryGetValue("tempo_bpm", out var t) && double.TryParse(t, CultureInfo.InvariantCulture, out var v) ? v : null;

        public string? ReferenceKey => Row.TryGetValue("key", out var k) && k.Length > 0 ? k : null;

        public string? KeyName(int profile) => Keys[profile].Tonic is int tonic ? KeyNames.Key(tonic, Keys[profile].IsMinor) : null;

        public double? KeyScore(int profile) => ReferenceKey is null ? null : CaptionMetrics.KeyScore(KeyName(profile), ReferenceKey);

        public string Describe() => string.Create(
            CultureInfo.InvariantCulture,
            $"{File,-28} tempo {Analysis.Tempo.Bpm,7:0.0} (ref {ReferenceTempo,6:0.0}, conf {Analysis.Tempo.Confidence:0.00}) {(ReferenceTempo is double t ? (CaptionMetrics.TempoAcc1(Analysis.Tempo.Bpm, t) ? "ok  " : CaptionMetrics.TempoAcc2(Analysis.Tempo.Bpm, t) ? "oct " : "MISS") : "")}  key {KeyName(0),-9} (ref {ReferenceKey,-9}, conf {Keys[0].Confidence:0.00}) {KeyScore(0):0.0}  meter {Analysis.Meter.BeatsPerBar}/4 ({Analysis.Meter.Confidence:0.00}) ref {(Row.TryGetValue("meter", out var m) ? m : "-")}");
    }

    private sealed record Summary(int TempoCount, double Acc1, double Acc2, int KeyCount, double[] KeyScores, double[] KeyCorrect)
    {
        public static Summary Of(List<ClipResult> results)
        {
            var tempo = results.Where(r => r.ReferenceTempo is not null).ToArray();
            var keyed = results.Where(r => r.ReferenceKey is not null).ToArray();
            var acc1 = tempo.Length == 0 ? 0 : tempo.Count(r => CaptionMetrics.TempoAcc1(r.Analysis.Tempo.Bpm, r.ReferenceTempo!.Value)) / (double)tempo.Length;
            var acc2 = tempo.Length == 0 ? 0 : tempo.Count(r => CaptionMetrics.TempoAcc2(r.Analysis.Tempo.Bpm, r.ReferenceTempo!.Value)) / (double)tempo.Length;
            var scores = Profiles.Select((_, p) => keyed.Length == 0 ? 0 : keyed.Average(r => r.KeyScore(p)!.Value)).ToArray();
            var correct = Profiles.Select((_, p) => keyed.Length == 0 ? 0 : keyed.Count(r => r.KeyScore(p) == 1) / (double)keyed.Length).ToArray();
            return new Summary(tempo.Length, acc1, acc2, keyed.Length, scores, correct);
        }
    }
}
