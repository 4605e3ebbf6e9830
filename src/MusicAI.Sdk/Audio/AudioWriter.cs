using System.Buffers;
using System.Security.Cryptography;
using MusicAI.Sdk.Audio.Wav;

namespace MusicAI.Sdk.Audio;

/// <summary>
/// Writes a WAV file chunk by chunk without ever leaving a partial file at the destination.
/// </summary>
/// <remarks>
/// <para>Samples go to a temporary file beside the destination (<c>path + ".tmp-xxxxxxxx"</c>, same directory, so the
/// final move is a rename). <see cref="Complete"/> or <see cref="CompleteAsync"/> fills in the header and moves the
/// file over the destination, replacing any file there. Disposing the writer without completing it, or a failed or
/// cancelled write, deletes the temporary file and leaves the destination untouched.</para>
/// <para>The header switches to RF64 automatically when the file outgrows the 4 GiB RIFF limit. See
/// <see cref="WavSampleFormat"/> for how samples are encoded.</para>
/// <para>An instance is not thread-safe. It owns the temporary file and must be disposed.</para>
/// </remarks>
public sealed class AudioWriter : IDisposable, IAsyncDisposable
{
    private const int ChunkFrames = 8192;

    private readonly string _temporaryPath;
    private FileStream? _file;
    private WavStreamWriter? _writer;
    private bool _completed;
    private bool _faulted;

    private AudioWriter(string path, string temporaryPath, FileStream file, WavStreamWriter writer, int sampleRate, int channelCount, WavSampleFormat format)
    {
        Path = path;
        _temporaryPath = temporaryPath;
        _file = file;
        _writer = writer;
        SampleRate = sampleRate;
        ChannelCount = channelCount;
        Format = format;
    }

    /// <summary>Gets the full path of the destination file.</summary>
    public string Path { get; }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the number of interleaved channels.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the sample encoding.</summary>
    public WavSampleFormat Format { get; }

    /// <summary>Gets the number of frames written so far.</summary>
    public long FramesWritten => _writer?.FramesWritten ?? 0;

    /// <summary>
    /// Starts writing a WAV file.
    /// </summary>
    /// <param name="path">The destination. Its directory must exist; an existing file is replaced on completion.</param>
    /// <param name="sampleRate">Sample rate in Hz, <see cref="AudioBuffer.MinSampleRate"/> to <see cref="AudioBuffer.MaxSampleRate"/>.</param>
    /// <param name="channelCount">Channels, 1 to <see cref="AudioBuffer.MaxChannels"/>.</param>
    /// <param name="format">Sample encoding. Default <see cref="WavSampleFormat.Float32"/>.</param>
    /// <returns>A writer the caller owns and must dispose.</returns>
    public static AudioWriter Create(string path, int sampleRate, int channelCount, WavSampleFormat format = WavSampleFormat.Float32) =>
        Create(path, sampleRate, channelCount, format, WavStreamWriter.DefaultRiffLimit);

    /// <summary>Writes whole interleaved frames (<c>L R L R …</c>).</summary>
    /// <param name="interleaved">A multiple of <see cref="ChannelCount"/> samples.</param>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        var writer = Writer(interleaved.Length, nameof(interleaved));
        try
        {
            writer.Write(interleaved);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Writes all frames of a buffer.</summary>
    /// <param name="buffer">Audio with this writer's sample rate and channel count.</param>
    public void Write(AudioBuffer buffer)
    {
        CheckBuffer(buffer);
        var scratch = ArrayPool<float>.Shared.Rent(ChunkFrames * ChannelCount);
        try
        {
            for (var start = 0; start < buffer.FrameCount; start += ChunkFrames)
            {
                var frames = Math.Min(ChunkFrames, buffer.FrameCount - start);
                buffer.CopyToInterleaved(start, frames, scratch);
                Write(scratch.AsSpan(0, frames * ChannelCount));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Writes whole interleaved frames asynchronously.</summary>
    /// <param name="interleaved">A multiple of <see cref="ChannelCount"/> samples.</param>
    /// <param name="cancellationToken">Cancels the write; the writer can then only be disposed.</param>
    /// <returns>A task that completes when the samples are written.</returns>
    public async ValueTask WriteAsync(ReadOnlyMemory<float> interleaved, CancellationToken cancellationToken = default)
    {
        var writer = Writer(interleaved.Length, nameof(interleaved));
        try
        {
            await writer.WriteAsync(interleaved, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            _faulted = true;
            throw;
        }
    }

    /// <summary>Writes all frames of a buffer asynchronously.</summary>
    /// <param name="buffer">Audio with this writer's sample rate and channel count.</param>
    /// <param name="cancellationToken">Cancels the write; the writer can then only be disposed.</param>
    /// <returns>A task that completes when the samples are written.</returns>
    internal async ValueTask WriteBufferAsync(AudioBuffer buffer, CancellationToken cancellationToken)
    {
        CheckBuffer(buffer);
        var scratch = ArrayPool<float>.Shared.Rent(ChunkFrames * ChannelCount);
        try
        {
            for (var start = 0; start < buffer.FrameCount; start += ChunkFrames)
            {
                var frames = Math.Min(ChunkFrames, buffer.FrameCount - start);
                buffer.CopyToInterleaved(start, frames, scratch);
                await WriteAsync(scratch.AsMemory(0, frames * ChannelCount), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// Finishes the header and moves the file into place. Calling it again does nothing.
    /// </summary>
    /// <exception cref="InvalidOperationException">A previous write failed or was cancelled.</exception>
    public void Complete()
    {
        if (_completed)
        {
            return;
        }

        var (file, writer) = Open();
        try
        {
            writer.Complete();
            file.Dispose();
            File.Move(_temporaryPath, Path, overwrite: true);
            _completed = true;
        }
        catch
        {
            _faulted = true;
            throw;
        }
        finally
        {
            Release(deleteTemporary: !_completed);
        }
    }

    /// <summary>
    /// Finishes the header and moves the file into place asynchronously. Calling it again does nothing.
    /// </summary>
    /// <param name="cancellationToken">Cancels before the move; the destination is then untouched.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="InvalidOperationException">A previous write failed or was cancelled.</exception>
    public async Task CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return;
        }

        var (file, writer) = Open();
        try
        {
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            await file.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(_temporaryPath, Path, overwrite: true);
            _completed = true;
        }
        catch
        {
            _faulted = true;
            throw;
        }
        finally
        {
            Release(deleteTemporary: !_completed);
        }
    }

    /// <summary>Deletes the temporary file unless <see cref="Complete"/> succeeded.</summary>
    public void Dispose() => Release(deleteTemporary: !_completed);

    /// <summary>Deletes the temporary file unless <see cref="CompleteAsync"/> succeeded.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    internal static AudioWriter Create(string path, int sampleRate, int channelCount, WavSampleFormat format, long riffLimit)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AudioBuffer.ValidateShape(channelCount, 0, sampleRate);
        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown WAV sample format.");
        }

        var fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new ArgumentException($"'{fullPath}' is a directory; give a file path.", nameof(path));
        }

        var temporaryPath = $"{fullPath}.tmp-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
        var file = new FileStream(temporaryPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        try
        {
            var writer = new WavStreamWriter(file, sampleRate, channelCount, format, frameCount: null, riffLimit);
            return new AudioWriter(fullPath, temporaryPath, file, writer, sampleRate, channelCount, format);
        }
        catch
        {
            file.Dispose();
            File.Delete(temporaryPath);
            throw;
        }
    }

    private WavStreamWriter Writer(int samples, string paramName)
    {
        var (_, writer) = Open();
        if (samples % ChannelCount != 0)
        {
            throw new ArgumentException($"{samples} samples is not a whole number of {ChannelCount}-channel frames.", paramName);
        }

        return writer;
    }

    private (FileStream File, WavStreamWriter Writer) Open()
    {
        ObjectDisposedException.ThrowIf(_file is null || _writer is null, this);
        if (_faulted)
        {
            throw new InvalidOperationException("A write to this AudioWriter failed or was cancelled, so the file would be incomplete; dispose the writer (which deletes the temporary file) and start again.");
        }

        return (_file, _writer);
    }

    private void CheckBuffer(AudioBuffer buffer)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        if (buffer.ChannelCount != ChannelCount || buffer.SampleRate != SampleRate)
        {
            throw new ArgumentException(
                $"The buffer is {buffer.ChannelCount} ch at {buffer.SampleRate} Hz but the writer is {ChannelCount} ch at {SampleRate} Hz; convert it with ToChannelCount/Resample first.",
                nameof(buffer));
        }
    }

    private void Release(bool deleteTemporary)
    {
        var file = Interlocked.Exchange(ref _file, null);
        var writer = Interlocked.Exchange(ref _writer, null);
        writer?.Dispose();
        file?.Dispose();
        if (deleteTemporary && (file is not null || File.Exists(_temporaryPath)))
        {
            try
            {
                File.Delete(_temporaryPath);
            }
            catch (IOException)
            {
                // Best effort: the file is named *.tmp-* so it is recognisable; disposal must not throw.
            }
            catch (UnauthorizedAccessException)
            {
                // Same as above.
            }
        }
    }
}
