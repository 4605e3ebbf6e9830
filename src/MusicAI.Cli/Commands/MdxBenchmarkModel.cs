using System.Text.Json;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary>
/// The MDX-shaped benchmark model: UVR's TFC-TDF network at Voc_FT size with random weights (66.7 MB), generated on
/// demand by the embedded <c>sepnn_tfc_tdf.py</c> (python with torch) into a cache folder and reused afterwards.
/// For <c>musicai bench separate</c>: pass the path to <c>NeuralSeparationEngines.Create</c> (its sidecar JSON is
/// written beside it) and <c>MdxBenchmark.Measure</c>.
/// </summary>
internal static class MdxBenchmarkModel
{
    /// <summary>The model's file name.</summary>
    public const string FileName = "mdx_tfc_tdf_random.onnx";

    /// <summary>Environment variable naming the folder that holds (or receives) benchmark models.</summary>
    public const string DirectoryVariable = "MUSICAI_BENCH_MODELS";

    /// <summary>Gets the folder used when <see cref="DirectoryVariable"/> is not set: <c>musicai-bench-models</c> in the temp folder.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "musicai-bench-models");

    /// <summary>
    /// Returns the model in <paramref name="directory"/>, generating it first when it (or its sidecar) is missing.
    /// Generation takes a minute or two.
    /// </summary>
    /// <param name="directory">The folder; <see cref="DefaultDirectory"/> when null.</param>
    /// <param name="log">Receives a line when generation starts.</param>
    /// <param name="cancellationToken">Cancels generation (the python process is killed).</param>
    /// <returns>The model path, or null and why it is unavailable (no python, no torch, export failed).</returns>
    public static async Task<(string? Path, string? Reason)> EnsureAsync(string? directory, Action<string>? log, CancellationToken cancellationToken)
    {
        directory ??= DefaultDirectory;
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path) && File.Exists(Path.ChangeExtension(path, ".json")))
        {
            return (path, null);
        }

        var (python, reason) = await PythonRunner.FindAsync(cancellationToken).ConfigureAwait(false);
        if (python is null)
        {
            return (null, reason);
        }

        Directory.CreateDirectory(directory);
        var script = Path.Combine(directory, "sepnn_tfc_tdf.py");
        await using (var resource = typeof(MdxBenchmarkModel).Assembly.GetManifestResourceStream("MusicAI.Cli.sepnn_tfc_tdf.py")
            ?? throw new InvalidOperationException("The embedded model script is missing from the build."))
        await using (var file = File.Create(script))
        {
            await resource.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
        }

        log?.Invoke($"generating the MDX-Net benchmark model (TFC-TDF, random weights, 66.7 MB) with {python}: {path}");
        int exitCode;
        string stdout, stderr;
        try
        {
            (exitCode, stdout, stderr) = await PythonRunner.RunAsync(python, [script, "--output", path], cancellationToken).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (null, $"could not start {python}: {ex.Message}");
        }

        if (exitCode != 0 || !File.Exists(path))
        {
            var last = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"exit code {exitCode}";
            return (null, $"generating the MDX-Net benchmark model with {python} failed (it needs torch): {last}");
        }

        using var report = JsonDocument.Parse(stdout.Trim().Split('\n')[^1]);
        return report.RootElement.GetProperty("output").GetString() == path ? (path, null) : (null, $"{python} wrote an unexpected report: {stdout.Trim()}");
    }
}
