using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Sdk;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Cli.Commands;

/// <summary>
/// The MDX-Net part of <c>musicai bench separate</c>: per chunk, the pipeline's own work (read, STFT, packing, iSTFT,
/// window, overlap-add) against the network run, on the MDX-shaped benchmark model (UVR's TFC-TDF at Voc_FT size with
/// random weights, generated on demand) or on a model given with <c>--mdx-model</c>.
/// </summary>
internal static class BenchSeparateMdx
{
    /// <summary>The overhead the pipeline must stay under, as a fraction of the network run.</summary>
    public const double TargetOverhead = 0.05;

    /// <summary>Measures <paramref name="chunks"/> chunks, or says why it cannot.</summary>
    /// <param name="client">The client whose runtime runs the model.</param>
    /// <param name="chunks">Chunks timed (after one warm-up); 0 skips the measurement.</param>
    /// <param name="modelPath">An MDX-Net .onnx to measure instead of the benchmark model, or null.</param>
    /// <param name="log">Progress lines.</param>
    /// <param name="cancellationToken">Cancels generation and runs.</param>
    public static async Task<Outcome> MeasureAsync(MusicAIClient client, int chunks, string? modelPath, Action<string> log, CancellationToken cancellationToken)
    {
        if (chunks == 0)
        {
            return new Outcome(null, "skipped (--mdx-chunks 0)", null);
        }

        var path = modelPath;
        if (path is null)
        {
            string? reason;
            (path, reason) = await MdxBenchmarkModel.EnsureAsync(null, log, cancellationToken).ConfigureAwait(false);
            if (path is null)
            {
                return new Outcome(null, reason, null);
            }
        }

        if (NeuralSeparationEngines.Create(path, client.Runtime.Sessions) is not MdxNetEngine engine)
        {
            return new Outcome(path, $"'{path}' is not an MDX-Net model", null);
        }

        using (engine)
        {
            log($"timing {chunks} MDX-Net chunks of {engine.Parameters.Step(null) / 44_100.0:0.00} s on {Path.GetFileName(path)} (bare run, then pipeline)");
            var result = await Task.Run(() => MdxBenchmark.Measure(engine, chunks, cancellationToken), cancellationToken).ConfigureAwait(false);
            return new Outcome(path, null, result);
        }
    }

    /// <summary>Appends the human-readable lines.</summary>
    public static void WriteText(StringBuilder text, Outcome outcome)
    {
        var c = CultureInfo.InvariantCulture;
        if (outcome.Result is not { } r)
        {
            text.AppendLine(c, $"MDX-Net per-chunk overhead over bare session.Run: unavailable: {outcome.Reason}");
            return;
        }

        text.AppendLine(c, $"MDX-Net per-chunk overhead over bare session.Run, {Path.GetFileName(outcome.Model)} ({r.Parameters}), {r.BareRunMilliseconds.Count} chunks of {r.SecondsPerChunk:0.00} s:");
        text.AppendLine(c, $"  pipeline's own work {r.OwnWorkMedian:0.0} ms per chunk = {r.OwnWorkFraction:P2} of the network run (median; target < {TargetOverhead:P0}: {(r.OwnWorkFraction < TargetOverhead ? "met" : "NOT met")})");
        text.AppendLine(c, $"  bare run {r.BareRunMedian:0} ms, pipeline {r.PipelineMedian:0} ms per chunk (medians; their ratio − 1 = {r.Overhead:P1} includes run-to-run noise)");
    }

    /// <summary>Writes the <c>mdx_overhead</c> object.</summary>
    public static void WriteJson(Utf8JsonWriter writer, Outcome outcome)
    {
        writer.WriteStartObject("mdx_overhead");
        writer.WriteBoolean("available", outcome.Result is not null);
        if (outcome.Result is not { } r)
        {
            writer.WriteString("reason", outcome.Reason);
            writer.WriteEndObject();
            return;
        }

        writer.WriteString("model", outcome.Model);
        writer.WriteNumber("n_fft", r.Parameters.FftLength);
        writer.WriteNumber("dim_f", r.Parameters.DimF);
        writer.WriteNumber("dim_t", r.Parameters.DimT);
        writer.WriteNumber("chunks", r.BareRunMilliseconds.Count);
        writer.WriteNumber("seconds_per_chunk", Math.Round(r.SecondsPerChunk, 4));
        writer.WriteNumber("bare_run_ms", Math.Round(r.BareRunMedian, 2));
        writer.WriteNumber("pipeline_ms", Math.Round(r.PipelineMedian, 2));
        writer.WriteNumber("own_work_ms", Math.Round(r.OwnWorkMedian, 2));
        writer.WriteNumber("own_work_fraction", Math.Round(r.OwnWorkFraction, 5));
        writer.WriteNumber("median_ratio_overhead", Math.Round(r.Overhead, 5));
        writer.WriteNumber("target_overhead", TargetOverhead);
        writer.WriteBoolean("met", r.OwnWorkFraction < TargetOverhead);
        writer.WriteEndObject();
    }

    /// <summary>The measurement, or why there is none.</summary>
    /// <param name="Model">The model measured, or null.</param>
    /// <param name="Reason">Why nothing was measured, or null.</param>
    /// <param name="Result">The per-chunk times, or null.</param>
    internal sealed record Outcome(string? Model, string? Reason, MdxBenchmarkResult? Result);
}
