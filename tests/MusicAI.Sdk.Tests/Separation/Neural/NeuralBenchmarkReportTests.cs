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
/// (or <c>MUSICAI_BENCH_MDX_MODEL</c>). Peak memory of a whole separation is measured in a child process (this test
/// assembly again, running <see cref="SeparationMemoryProbe"/>) on 60 minutes of input for the tiny model and
/// MUSICAI_MEASURE_MINUTES (default 60) minutes for the real-size one. Writes artifacts/separation-neural-report.md.
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

        // 3. Peak memory of a whole separation, measured in a child process (nothing else loaded in it).
        var minutes = double.Parse(Environment.GetEnvironmentVariable("MUSICAI_MEASURE_MINUTES") ?? "60", CultureInfo.InvariantCulture);
        foreach (var (name, path, length) in new[] { ("tiny Voc_FT-signature model", NeuralFixtures.Path("mdx_tiny_7680.onnx"), 60.0), ("real-size TFC-TDF", model, minutes) })
        {
            if (File.Exists(path))
            {
                var probe = RunProbe(path, length, ct);
                report.AppendLine(CultureInfo.InvariantCulture,
                    $"child process, {length:0.#}-min stereo input through the {name}: {probe.Seconds:F0} s ({length * 60 / probe.Seconds:F2}x real time), peak RSS {probe.PeakMegabytes:N0} MB");
            }
        }

        var text = report.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Directory.CreateDirectory(Path.Combine(TestAssets.RepositoryRoot, "artifacts"));
        File.WriteAllText(Path.Combine(TestAssets.RepositoryRoot, "artifacts", "separation-neural-report.md"), text);
    }

    /// <summary>
    /// Runs in the child process that <see cref="Report"/> starts: separates MUSICAI_PROBE_MINUTES minutes of synthetic
    /// stereo through MUSICAI_PROBE_MODEL (sink discards) and writes "seconds peak_mb" to MUSICAI_PROBE_OUTPUT.
    /// </summary>
    [Fact]
    public void SeparationMemoryProbe()
    {
        var model = Environment.GetEnvironmentVariable("MUSICAI_PROBE_MODEL");
        if (string.IsNullOrEmpty(model))
        {
            Assert.Skip("Runs only as the child process of Report (MUSICAI_PROBE_MODEL).");
        }

        var frames = (long)(double.Parse(Environment.GetEnvironmentVariable("MUSICAI_PROBE_MINUTES")!, CultureInfo.InvariantCulture) * 60 * 44_100);
        using var factory = NeuralFixtures.CpuFactory();
        using var engine = (MdxNetEngine)NeuralSeparationEngines.Create(model, factory);
        var sink = new CountingSink();
        var watch = Stopwatch.StartNew();
        var trace = Environment.GetEnvironmentVariable("MUSICAI_PROBE_TRACE") is { Length: > 0 } tracePath ? new StreamWriter(tracePath) : null;
        var progress = trace is null ? null : new TraceProgress(trace);
        engine.Separate(new MdxBenchmark.SyntheticSource(frames), sink, null, progress, TestContext.Current.CancellationToken);
        trace?.Dispose();
        Assert.Equal(frames, sink.Frames);
        File.WriteAllText(
            Environment.GetEnvironmentVariable("MUSICAI_PROBE_OUTPUT")!,
            string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds} {PeakRssMegabytes()}"));
    }

    private static (double Seconds, double PeakMegabytes) RunProbe(string model, double minutes, CancellationToken cancellationToken)
    {
        var output = Path.GetTempFileName();
        try
        {
            var host = Environment.ProcessPath!;
            var info = new ProcessStartInfo(host) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            {
                info.ArgumentList.Add(typeof(NeuralBenchmarkReportTests).Assembly.Location);
            }

            foreach (var argument in new[] { "-method", $"{typeof(NeuralBenchmarkReportTests).FullName}.{nameof(SeparationMemoryProbe)}" })
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment["MUSICAI_PROBE_MODEL"] = model;
            info.Environment["MUSICAI_PROBE_MINUTES"] = minutes.ToString(CultureInfo.InvariantCulture);
            info.Environment["MUSICAI_PROBE_OUTPUT"] = output;
            info.Environment.Remove("MUSICAI_MEASURE");
            using var process = Process.Start(info)!;
            var log = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            process.WaitForExitAsync(cancellationToken).GetAwaiter().GetResult();
            var parts = File.ReadAllText(output).Split(' ');
            Assert.True(parts.Length == 2, $"the probe wrote nothing: {log.GetAwaiter().GetResult()}");
            return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(output);
        }
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

    private sealed class TraceProgress(StreamWriter writer) : IProgress<Sdk.Diagnostics.ProcessingProgress>
    {
        public void Report(Sdk.Diagnostics.ProcessingProgress value)
        {
            var status = File.ReadAllLines("/proc/self/status");
            writer.WriteLine($"{value.Completed} {string.Join(" ", status.Where(l => l.StartsWith("VmRSS", StringComparison.Ordinal) || l.StartsWith("VmHWM", StringComparison.Ordinal) || l.StartsWith("RssAnon", StringComparison.Ordinal)))} managed {GC.GetTotalMemory(false) / 1048576} MB");
            writer.Flush();
        }
    }
}
