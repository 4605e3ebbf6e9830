using System.Buffers;

namespace MusicAI.Sdk.Audio.Wav;

/// <summary>
/// Writes interleaved float samples to a stream as a WAV file, chunk by chunk.
/// </summary>
/// <remarks>
/// <para>With a known frame count the final header is written first and the stream need not be seekable. Without
/// one, a placeholder header (with a JUNK reservation) is written and <see cref="Complete"/> seeks back to write the
/// final one; when the file has outgrown the RIFF size limit, the header becomes RF64 with a ds64 chunk. The limit
/// is injectable so tests can exercise the switch with small files.</para>
/// <para>Not thread-safe. Does not own the stream.</para>
/// </remarks>
internal sealed class WavStreamWriter : IDisposable
{
    /// <summary>The largest RIFF size field value (0xFFFFFFFF itself means "unknown" to streaming readers).</summary>
    public const long DefaultRiffLimit = uint.MaxValue - 1L;

    private const int ChunkBytes = 1 << 16;

    private readonly Stream _stream;
    private readonly WavSampleFormat _format;
    private readonly SampleKind _kind;
    private readonly int _channels;
    private readonly int _sampleRate;
    private readonly long? _expectedFrames;
    private readonly long _riffLimit;
    private readonly long _start;
    private readonly int _headerLength;
    private byte[] _scratch;
    private long _dataBytes;
    private bool _completed;

    /// <summary>
    /// Writes the header and prepares for samples.
    /// </summary>
    /// <param name="stream">The destination; must be seekable when <paramref name="frameCount"/> is <see langword="null"/>.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="channels">Channel count.</param>
    /// <param name="format">Sample encoding.</param>
    /// <param name="frameCount">The exact number of frames that will be written, when known.</param>
    /// <param name="riffLimit">The largest RIFF size written as plain RIFF; above it the file becomes RF64.</param>
    public WavStreamWriter(Stream stream, int sampleRate, int channels, WavSampleFormat format, long? frameCount, long riffLimit = DefaultRiffLimit)
    {
        _stream = stream;
        _format = format;
        _kind = SampleCodec.ToKind(format);
        _channels = channels;
        _sampleRate = sampleRate;
        _expectedFrames = frameCount;
        _riffLimit = riffLimit;
        if (frameCount is null && !stream.CanSeek)
        {
            throw new ArgumentException("Writing a WAV file of unknown length needs a seekable stream to fill in the sizes at the end.", nameof(stream));
        }

        _start = stream.CanSeek ? stream.Position : 0;
        byte[] header;
        if (frameCount is { } frames)
        {
            var dataBytes = frames * BlockAlign;
            var plain = WavHeaderWriter.Build(format, channels, sampleRate, WavHeaderKind.Riff, dataBytes);
            var fileLength = plain.Length + dataBytes + (dataBytes & 1);
            header = fileLength - 8 > riffLimit
                ? WavHeaderWriter.Build(format, channels, sampleRate, WavHeaderKind.Rf64, dataBytes)
                : plain;
        }
        else
        {
            header = WavHeaderWriter.Build(format, channels, sampleRate, WavHeaderKind.RiffWithJunk, -1);
        }

        _headerLength = header.Length;
        _stream.Write(header);
        _scratch = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    }

    /// <summary>Gets the frames written so far.</summary>
    public long FramesWritten => _dataBytes / BlockAlign;

    private int BlockAlign => _channels * SampleCodec.BytesPerSample(_kind);

    /// <summary>Encodes and writes whole interleaved frames.</summary>
    /// <param name="interleaved">A multiple of the channel count.</param>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        var perChunk = SamplesPerChunk();
        while (!interleaved.IsEmpty)
        {
            var take = Math.Min(interleaved.Length, perChunk);
            var bytes = Encode(interleaved[..take]);
            _stream.Write(_scratch, 0, bytes);
            _dataBytes += bytes;
            interleaved = interleaved[take..];
        }
    }

    /// <summary>Encodes and writes whole interleaved frames asynchronously.</summary>
    /// <param name="interleaved">A multiple of the channel count.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>A task that completes when the samples are written.</returns>
    public async ValueTask WriteAsync(ReadOnlyMemory<float> interleaved, CancellationToken cancellationToken)
    {
        var perChunk = SamplesPerChunk();
        while (!interleaved.IsEmpty)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var take = Math.Min(interleaved.Length, perChunk);
            var bytes = Encode(interleaved.Span[..take]);
            await _stream.WriteAsync(_scratch.AsMemory(0, bytes), cancellationToken).ConfigureAwait(false);
            _dataBytes += bytes;
            interleaved = interleaved[take..];
        }
    }

    /// <summary>Writes the pad byte and the final header.</summary>
    public void Complete()
    {
        var header = Finish();
        if (header is null)
        {
            return;
        }

        var end = _stream.Position;
        _stream.Position = _start;
        _stream.Write(header);
        _stream.Position = end;
        _stream.Flush();
    }

    /// <summary>Writes the pad byte and the final header asynchronously.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the header is final.</returns>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken)
    {
        var header = Finish();
        if (header is null)
        {
            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var end = _stream.Position;
        _stream.Position = _start;
        await _stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        _stream.Position = end;
        await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        var scratch = Interlocked.Exchange(ref _scratch, []);
        if (scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private int SamplesPerChunk() => ChunkBytes / BlockAlign * _channels;

    private int Encode(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_scratch.Length == 0, this);
        if (_completed)
        {
            throw new InvalidOperationException("The WAV file is already complete.");
        }

        if (samples.Length % _channels != 0)
        {
            throw new ArgumentException($"{samples.Length} samples is not a whole number of {_channels}-channel frames.", nameof(samples));
        }

        if (_expectedFrames is { } expected && FramesWritten + (samples.Length / _channels) > expected)
        {
            throw new InvalidOperationException($"More frames written than the {expected} declared in the header.");
        }

        var bytes = samples.Length * SampleCodec.BytesPerSample(_kind);
        SampleCodec.Encode(samples, _kind, _scratch.AsSpan(0, bytes));
        return bytes;
    }

    /// <summary>Writes the pad byte; returns the header to rewrite, or null when the one written first is final.</summary>
    private byte[]? Finish()
    {
        ObjectDisposedException.ThrowIf(_scratch.Length == 0, this);
        if (_completed)
        {
            return null;
        }

        if (_expectedFrames is { } expected && FramesWritten != expected)
        {
            throw new InvalidOperationException($"The header declares {expected} frames but {FramesWritten} were written.");
        }

        _completed = true;
        if ((_dataBytes & 1) != 0)
        {
            _stream.WriteByte(0);
        }

        if (_expectedFrames is not null)
        {
            return null;
        }

        var fileLength = _headerLength + _dataBytes + (_dataBytes & 1);
        var kind = fileLength - 8 > _riffLimit ? WavHeaderKind.Rf64 : WavHeaderKind.RiffWithJunk;
        return WavHeaderWriter.Build(_format, _channels, _sampleRate, kind, _dataBytes);
    }
}
