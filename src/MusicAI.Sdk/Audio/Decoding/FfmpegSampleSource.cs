using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Audio.Wav;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Decodes any format ffmpeg reads (FLAC, AAC/M4A, Opus, WMA, AIFF, ADPCM WAV, video soundtracks…) through an
/// <c>ffmpeg</c> child process that streams 32-bit float WAV to its standard output.
/// </summary>
/// <remarks>
/// <para>The first audio stream is decoded at its own rate and channel count, which come from the WAV header ffmpeg
/// writes; the length is unknown until the end. Standard error is captured (the last 8 KiB) for error messages.
/// The process is killed when the source is disposed or a read is cancelled.</para>
/// </remarks>
internal sealed class FfmpegSampleSource : ISampleSource
{
    private const int MaxErrorChars = 8192;

    private readonly Process _process;
    private readonly WavSampleSource _wav;
    private readonly StringBuilder _errors;
    private readonly string _displayName;
    private readonly string? _temporaryInput;
    private bool _finished;

    private FfmpegSampleSource(Process process, WavSampleSource wav, StringBuilder errors, string displayName, string? temporaryInput)
    {
        _process = process;
        _wav = wav;
        _errors = errors;
        _displayName = displayName;
        _temporaryInput = temporaryInput;
    }

    /// <inheritdoc/>
    public int SampleRate => _wav.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => _wav.ChannelCount;

    /// <inheritdoc/>
    public long? FrameCount => null;

    /// <summary>
    /// Starts ffmpeg on a file and reads the header of its output.
    /// </summary>
    /// <param name="ffmpeg">The ffmpeg executable.</param>
    /// <param name="inputPath">The file to decode.</param>
    /// <param name="displayPath">The name for messages (the caller's path).</param>
    /// <param name="temporaryInput">A temporary copy to delete on dispose, if <paramref name="inputPath"/> is one.</param>
    /// <returns>The source.</returns>
    /// <exception cref="AudioFormatException">ffmpeg cannot decode the input.</exception>
    public static FfmpegSampleSource Open(string ffmpeg, string inputPath, string? displayPath, string? temporaryInput = null)
    {
        var start = new ProcessStartInfo(ffmpeg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in new[]
        {
            "-nostdin", "-hide_banner", "-loglevel", "error", "-i", inputPath,
            "-map", "0:a:0", "-vn", "-sn", "-dn", "-map_metadata", "-1", "-c:a", "pcm_f32le", "-f", "wav", "pipe:1",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var displayName = displayPath ?? "the stream";
        var errors = new StringBuilder();
        var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (errors)
            {
                errors.AppendLine(e.Data);
                if (errors.Length > MaxErrorChars)
                {
                    errors.Remove(0, errors.Length - MaxErrorChars);
                }
            }
        };

        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            process.Dispose();
            DeleteQuietly(temporaryInput);
            throw new AudioFormatException($"ffmpeg at '{ffmpeg}' could not be started ({ex.Message}); {FfmpegLocator.InstallAdvice}.", displayPath, ex);
        }

        process.BeginErrorReadLine();
        try
        {
            var wav = WavSampleSource.Open(process.StandardOutput.BaseStream, ownsStream: false, displayPath, out var tag)
                ?? throw new AudioFormatException($"ffmpeg produced WAV with encoding 0x{tag:X4} instead of float: unexpected ffmpeg build.", displayPath);
            return new FfmpegSampleSource(process, wav, errors, displayName, temporaryInput);
        }
        catch (AudioFormatException ex)
        {
            var message = Stop(process, errors).Replace(inputPath, displayPath ?? "the stream", StringComparison.Ordinal);
            process.Dispose();
            DeleteQuietly(temporaryInput);
            throw new AudioFormatException(
                string.IsNullOrWhiteSpace(message)
                    ? $"ffmpeg could not decode {displayName}: {ex.Message}"
                    : $"ffmpeg could not decode {displayName}: {message.Trim()}",
                displayPath,
                ex);
        }
    }

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        var n = _wav.Read(destination);
        if (n == 0)
        {
            Finish();
        }

        return n;
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<float> destination, CancellationToken cancellationToken)
    {
        int n;
        using (cancellationToken.Register(static state => Kill((Process)state!), _process))
        {
            try
            {
                n = await _wav.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (n == 0)
        {
            Finish();
        }

        return n;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _wav.Dispose();
        Kill(_process);
        _process.Dispose();
        DeleteQuietly(_temporaryInput);
    }

    private static string Stop(Process process, StringBuilder errors)
    {
        Kill(process);
        process.WaitForExit();
        lock (errors)
        {
            return errors.ToString();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited or never started.
        }
        catch (Win32Exception)
        {
            // Exiting as we asked.
        }
    }

    private static void DeleteQuietly(string? path)
    {
        if (path is null)
        {
            return;
        }

        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _process.WaitForExit();
        if (_process.ExitCode != 0)
        {
            string errors;
            lock (_errors)
            {
                errors = _errors.ToString().Trim();
                if (_temporaryInput is not null)
                {
                    errors = errors.Replace(_temporaryInput, _displayName, StringComparison.Ordinal);
                }
            }

            throw new AudioFormatException($"ffmpeg failed while decoding {_displayName} (exit code {_process.ExitCode}): {errors}", _displayName == "the stream" ? null : _displayName);
        }
    }
}
