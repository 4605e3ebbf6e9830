using System.Diagnostics;
using System.Globalization;
using System.Text;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>
/// The measurements behind docs/separation-neural.md (opt-in, minutes of CPU):
/// <c>MUSICAI_MEASURE=1 dotnet test -c Release --project tests/MusicAI.Sdk.Tests -- --filter-class "*NeuralBenchmarkReportTests"</c>.
/// Needs the real-size TFC-TDF model from
/// <c>/usr/bin/python3 tests/TestAssets/generate/sepnn_tfc_tdf.py --output artifacts/bench-models/mdx_tfc_tdf_random.onnx</c>
/// (or <c>MUSICAI_BENCH_MDX_MODEL</c>). Writes artifacts/separation-neural-report.md.
/// </summary>
public sealed class NeuralBenchmarkReportTests
{
    [Fact]
    public void Report()
    {
        if (Environment.GetEnvironmentVariable("MUSICAI_MEASURE") != "1")
        {
            Assert.Skip("Set MUSICAI_MEASURE=1 to run the MDX-Net pipeline measurement (it prints the figures for docs/separation-neural.md).");
        }

        var ct = TestContext.Current.CancellationToken;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"MDX-Net pipeline measurement ({DateTime.UtcNow:yyyy-MM-dd}, .NET {Environment.Version}, {Environment.ProcessorCount} cores)");
        report.AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"process peak RSS before: {PeakRssMegabytes():N0} MB");

        using var factory = NeuralFixtures.CpuFactory();

        // 1. A 60-minute stereo input streamed through the engine (tiny model with the Voc_FT signature: same chunking,
        //    STFT sizes and buffers as the real model; only the network is cheap).
        using (var tiny = (MdxNetEngine)NeuralSeparationEngines.Create(NeuralFixtures.Path("mdx_tiny_7680.onnx"), factory))
        {
            const long Frames = 60L * 60 * 44_100;
            var sink = new CountingSink();
            var watch = Stopwatch.StartNew();
            tiny.Separate(new MdxBenchmark.SyntheticSource(Frames), sink, null, null, ct);
            watch.Stop();
            Assert.Equal(Frames, sink.Frames);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"60-min stereo input, tiny Voc_FT-signature model: {tiny.Parameters.ChunkCount(Frames, null)} chunks in {watch.Elapsed.TotalSeconds:F1} s "
                + $"({Frames / 44_100.0 / watch.Elapsed.TotalSeconds:F1}x real time), process peak RSS {PeakRssMegabytes():N0} MB, largest block {sink.LongestBlock:N0} frames");
        }

        // 2. The real-size network: bare run against the pipeline, per chunk.
        var model = Environment.GetEnvironmentVariable("MUSICAI_BENCH_MDX_MODEL") is { Length: > 0 } configured
            ? configured
            : Path.Combine(TestAssets.RepositoryRoot, "artifacts", "bench-models", "mdx_tfc_tdf_random.onnx");
        if (!File.Exists(model))
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"real-size model not measured: '{model}' is missing (generate it with tests/TestAssets/generate/sepnn_tfc_tdf.py).");
        }
        else
        {
            using var engine = (MdxNetEngine)NeuralSeparationEngines.Create(model, factory);
            var result = MdxBenchmark.Measure(engine, chunks: 5, ct);
            report.AppendLine(CultureInfo.InvariantCulture,
                $"real-size TFC-TDF (random weights, {new FileInfo(model).Length:N0} bytes, {engine.Parameters}), 5 chunks of {result.SecondsPerChunk:F2} s after 1 warm-up:");
            report.AppendLine();
            report.AppendLine("| per chunk | median ms | all (ms) |");
            report.AppendLine("|---|---|---|");
            report.AppendLine(Row("bare session.Run", result.BareRunMedian, result.BareRunMilliseconds));
            report.AppendLine(Row("pipeline (read, STFT, run, iSTFT, stitch)", result.PipelineMedian, result.PipelineMilliseconds));
            report.AppendLine(Row("run inside the pipeline", Median(result.PipelineRunMilliseconds), result.PipelineRunMilliseconds));
            report.AppendLine(Row("pipeline's own work (pipeline − its run)", result.OwnWorkMedian, [.. result.PipelineMilliseconds.Zip(result.PipelineRunMilliseconds, (a, b) => a - b)]));
            report.AppendLine();
            report.AppendLine(CultureInfo.InvariantCulture,
                $"overhead: own work / run = {result.OwnWorkFraction:P2} (median per chunk); median pipeline / median bare run − 1 = {result.Overhead:P1}");
            report.AppendLine(CultureInfo.InvariantCulture, $"real-time factor of the network alone: {result.SecondsPerChunk * 1000 / result.BareRunMedian:F2}x; process peak RSS {PeakRssMegabytes():N0} MB");
        }

        var text = report.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Directory.CreateDirectory(Path.Combine(TestAssets.RepositoryRoot, "artifacts"));
        File.WriteAllText(Path.Combine(TestAssets.RepositoryRoot, "artifacts", "separation-neural-report.md"), text);
    }

    private static string Row(string name, double median, IReadOnlyList<double> all) =>
        string.Create(CultureInfo.InvariantCulture, $"| {name} | {median:F1} | {string.Join(", ", all.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)))} |");

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    /// <summary>VmHWM of this process (Linux), in MB; -1 elsewhere.</summary>
    private static double PeakRssMegabytes()
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return -1;
        }

        var line = File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? -1 : double.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024;
    }
}
