using System.Globalization;
using System.Text;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Evaluation;
using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Dsp;
using MusicAI.Sdk.Separation.Pipeline;

namespace MusicAI.Sdk.Tests.Separation.Dsp;

/// <summary>
/// The tuning harness of the built-in separator (opt-in; it takes minutes): separates every clip of a set made by
/// tests/TestAssets/generate/sep_mixtures.py with the default settings and with one-parameter variations, and prints the
/// median SDR per stem. Run:
/// <c>MUSICAI_MEASURE=1 MUSICAI_SEP_TUNE_DIR=/tmp/sep-tune MUSICAI_SEP_VARIANTS="HarmonicPower=0,1;CentreWidth=0.2,0.5" dotnet test -c Release --project tests/MusicAI.Sdk.Tests -- --filter-class "*DspTuningReport"</c>.
/// Writes artifacts/sep-tuning.md.
/// </summary>
public sealed class DspTuningReport
{
    private static readonly Stem[] s_stems = [Stem.Vocals, Stem.Drums, Stem.Bass, Stem.Other];

    [Fact]
    public async Task Report()
    {
        var directory = TuningVariants.RequireClipFolder("separator tuning harness");

        var ct = TestContext.Current.CancellationToken;
        var clips = new List<Clip>();
        foreach (var clipDirectory in Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            var mixture = Directory.GetFiles(clipDirectory, "mixture.*").Single();
            var references = new Dictionary<string, AudioBuffer>(StringComparer.Ordinal);
            foreach (var name in new[] { "vocals", "drums", "bass", "other", "accompaniment" })
            {
                references[name] = await AudioBuffer.LoadAsync(Directory.GetFiles(clipDirectory, name + ".*").Single(), ct);
            }

            clips.Add(new Clip(Path.GetFileName(clipDirectory), await AudioBuffer.LoadAsync(mixture, ct), references));
        }

        var variants = TuningVariants.FromEnvironment("MUSICAI_SEP_VARIANTS", DspSeparatorSettings.Default, d => d with { });
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"clips: {clips.Count} from {directory}; median over clips of the framewise-median SDR (global SDR in brackets), dB");
        report.AppendLine(CultureInfo.InvariantCulture, $"{"variant",-32} {"vocals",14} {"accomp.",14} {"drums",14} {"bass",14} {"other",14} {"s",6}");
        foreach (var (name, settings) in variants)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            using var engine = new DspSeparationEngine(settings);
            var framewise = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var global = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            foreach (var clip in clips)
            {
                var stems = await SeparationRunner.SeparateAsync(engine, [.. s_stems], clip.Mixture, new SeparationSettings(null), null, ct);
                try
                {
                    using var accompaniment = clip.Mixture.Clone();
                    for (var c = 0; c < accompaniment.ChannelCount; c++)
                    {
                        var a = accompaniment.GetChannel(c);
                        var v = stems[0].GetChannel(c);
                        for (var i = 0; i < a.Length; i++)
                        {
                            a[i] -= v[i];
                        }
                    }

                    for (var s = 0; s <= s_stems.Length; s++)
                    {
                        var stemName = s == s_stems.Length ? "accompaniment" : StemNames.Name(s_stems[s]);
                        var estimate = s == s_stems.Length ? accompaniment : stems[s];
                        var reference = clip.References[stemName];
                        Add(framewise, stemName, SignalToDistortion.Median(SignalToDistortion.Framewise(reference, estimate, reference.SampleRate, reference.SampleRate)));
                        Add(global, stemName, SignalToDistortion.Global(reference, estimate));
                    }
                }
                finally
                {
                    foreach (var stem in stems)
                    {
                        stem.Dispose();
                    }
                }
            }

            string Cell(string stem) => string.Create(CultureInfo.InvariantCulture, $"{SignalToDistortion.Median(framewise[stem]),6:0.00} ({SignalToDistortion.Median(global[stem]),5:0.00})");
            report.AppendLine(CultureInfo.InvariantCulture, $"{name,-32} {Cell("vocals"),14} {Cell("accompaniment"),14} {Cell("drums"),14} {Cell("bass"),14} {Cell("other"),14} {clock.Elapsed.TotalSeconds,6:0.0}");
        }

        foreach (var clip in clips)
        {
            clip.Mixture.Dispose();
            foreach (var reference in clip.References.Values)
            {
                reference.Dispose();
            }
        }

        await TuningVariants.WriteReportAsync("sep-tuning.md", report.ToString(), ct);
    }

    private static void Add(Dictionary<string, List<double>> values, string key, double value)
    {
        if (!values.TryGetValue(key, out var list))
        {
            values[key] = list = [];
        }

        list.Add(value);
    }

    private sealed record Clip(string Name, AudioBuffer Mixture, Dictionary<string, AudioBuffer> References);
}
