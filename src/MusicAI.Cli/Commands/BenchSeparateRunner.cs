using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;

namespace MusicAI.Cli.Commands;

/// <summary>
/// The measurements behind <c>musicai bench separate</c>: real-time factor of the built-in separator in process, and
/// peak memory of a long file separated to stem files by a child <c>musicai separate</c> process.
/// </summary>
internal sealed class BenchSeparateRunner(Action<string> log)
{
    /// <summary>Sample rate of the benchmark signals.</summary>
    public const int SampleRate = 44_100;

    private static readonly Stem[] s_stems = [Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals];

    /// <summary>Gets the progress-line callback.</summary>
    public Action<string> Log => log;

    /// <summary>Separates <paramref name="seconds"/> of the synthetic song in memory (after a 10 s warm-up) and times it.</summary>
    public async Task<(double Elapsed, double RealTimeFactor)> MeasureSpeedAsync(Separator separator, double seconds, CancellationToken cancellationToken)
    {
        using var warmup = CreateSong(10);
        (await separator.Stems(s_stems).SeparateAsync(warmup, cancellationToken: cancellationToken)).Dispose();
        using var song = CreateSong(seconds);
        log($"separating {seconds:0} s in memory");
        var clock = Stopwatch.StartNew();
        using (await separator.Stems(s_stems).SeparateAsync(song, cancellationToken: cancellationToken))
        {
            clock.Stop();
        }

        return (clock.Elapsed.TotalSeconds, seconds / clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// Writes a <paramref name="minutes"/>-minute 16-bit stereo WAV of the synthetic song to a temporary folder, runs
    /// <c>musicai separate</c> on it in a child process, and returns the child's peak resident memory (the larger of
    /// the VmHWM this process polled from /proc and the child's own report) and its timing. With
    /// <paramref name="model"/> the child separates vocals and accompaniment with that model instead of four stems
    /// with the built-in separator.
    /// </summary>
    public async Task<MemoryResult> MeasureMemoryAsync(double minutes, CancellationToken cancellationToken, string? model = null)
    {
        var directory = Directory.CreateTempSubdirectory("musicai-bench-separate-");
        try
        {
            var input = Path.Combine(directory.FullName, "long.wav");
            log($"writing a {minutes:0.#}-minute stereo WAV");
            await WriteSongAsync(input, minutes, cancellationToken);
            log($"separating it in a child process (musicai separate{(model is null ? "" : $" --model {Path.GetFileName(model)}")})");
            var (command, arguments) = ChildCommand();
            var start = new ProcessStartInfo(command)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            string[] stems = model is null ? ["--stems", "drums,bass,other,vocals"] : ["--stems", "vocals,accompaniment", "--model", model];
            foreach (var argument in arguments.Concat(["separate", input, "-o", Path.Combine(directory.FullName, "stems"), .. stems, "--json"]))
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            long polled = 0;
            while (!process.HasExited)
            {
                polled = Math.Max(polled, ReadHighWaterMark(process.Id));
                await Task.Delay(100, cancellationToken);
            }

            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"The child 'musicai separate' failed with exit code {process.ExitCode}: {await error}");
            }

            using var json = JsonDocument.Parse(await output);
            var root = json.RootElement;
            var reported = root.GetProperty("peak_memory_mb").GetDouble();
            return new MemoryResult(
                minutes,
                Math.Max(polled / 1024.0, reported),
                polled > 0 ? polled / 1024.0 : null,
                reported,
                root.GetProperty("elapsed_seconds").GetDouble(),
                root.GetProperty("realtime_factor").GetDouble());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Creates the synthetic song in memory.</summary>
    public static AudioBuffer CreateSong(double seconds)
    {
        var song = AudioBuffer.Create(2, (int)Math.Round(seconds * SampleRate), SampleRate);
        BenchSeparateSignal.Fill(song, 0);
        return song;
    }

    private static async Task WriteSongAsync(string path, double minutes, CancellationToken cancellationToken)
    {
        var total = (long)Math.Round(minutes * 60 * SampleRate);
        const int block = 1 << 16;
        var interleaved = new float[block * 2];
        await using var writer = AudioWriter.Create(path, SampleRate, 2, WavSampleFormat.Pcm16);
        using var buffer = AudioBuffer.Create(2, block, SampleRate);
        for (long done = 0; done < total; done += block)
        {
            var frames = (int)Math.Min(block, total - done);
            BenchSeparateSignal.Fill(buffer, done);
            buffer.CopyToInterleaved(0, frames, interleaved);
            await writer.WriteAsync(interleaved.AsMemory(0, frames * 2), cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>The musicai apphost beside this assembly, or <c>dotnet musicai.dll</c>.</summary>
    private static (string Command, string[] Arguments) ChildCommand()
    {
        var dll = typeof(BenchSeparateRunner).Assembly.Location;
        var apphost = Path.Combine(Path.GetDirectoryName(dll)!, OperatingSystem.IsWindows() ? "musicai.exe" : "musicai");
        return File.Exists(apphost) ? (apphost, []) : ("dotnet", [dll]);
    }

    /// <summary>VmHWM of a process in KiB from /proc (Linux), or 0 when unavailable.</summary>
    private static long ReadHighWaterMark(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between the check and the read, or there is no /proc.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>The memory measurement.</summary>
    /// <param name="Minutes">Input length.</param>
    /// <param name="PeakMb">The peak resident memory used for the verdict.</param>
    /// <param name="PolledMb">VmHWM polled from /proc, or null when not available.</param>
    /// <param name="ReportedMb">The child's own peak working set.</param>
    /// <param name="ElapsedSeconds">The child's separation time.</param>
    /// <param name="RealTimeFactor">Audio seconds per second of work.</param>
    internal sealed record MemoryResult(double Minutes, double PeakMb, double? PolledMb, double ReportedMb, double ElapsedSeconds, double RealTimeFactor);
}
