using System.Buffers;
using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Audio.Wav;

/// <summary>
/// Decodes the data chunk of a WAV stream chunk by chunk.
/// </summary>
/// <remarks>
/// A data chunk that declares more bytes than the stream holds (a truncated file) yields the whole frames present,
/// as players do; a trailing partial frame is dropped. If not even one frame is present although the header
/// declares some, reading throws <see cref="AudioFormatException"/>.
/// </remarks>
internal sealed class WavSampleSource : ISampleSource
{
    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string? _path;
    private readonly WavFormat _format;
    private readonly long? _declaredBytes;
    private byte[] _scratch = [];
    private long _remainingBytes;
    private long _framesRead;
    private bool _ended;

    private WavSampleSource(Stream stream, bool ownsStream, string? path, WavLayout layout)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _path = path;
        _format = layout.Format;
        _declaredBytes = layout.DataLength;
        _remainingBytes = layout.DataLength ?? long.MaxValue;
        var blockAlign = _format.BlockAlign;
        if (layout.DataLength is { } declared && stream.CanSeek)
        {
            var available = Math.Max(0, stream.Length - stream.Position);
            if (declared > available)
            {
                if (available < blockAlign)
                {
                    throw new AudioFormatException(
                        $"The WAV 'data' chunk declares {declared} bytes but the file ends {available} byte(s) into it, before the first whole frame: the file is truncated.",
                        path);
                }

                _remainingBytes = available;
            }
        }
        else if (layout.DataLength is null && stream.CanSeek)
        {
            _remainingBytes = Math.Max(0, stream.Length - stream.Position);
        }

        if (_remainingBytes != long.MaxValue)
        {
            _remainingBytes -= _remainingBytes % blockAlign;
            FrameCount = _remainingBytes / blockAlign;
        }
        else if (layout.DataLength is { } length)
        {
            FrameCount = length / blockAlign;
        }
    }

    /// <summary>Gets the WAV format being decoded.</summary>
    public WavFormat Format => _format;

    /// <inheritdoc/>
    public int SampleRate => _format.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => _format.ChannelCount;

    /// <inheritdoc/>
    public long? FrameCount { get; }

    /// <summary>
    /// Parses the header and positions at the first sample.
    /// </summary>
    /// <param name="stream">A stream positioned at the RIFF header.</param>
    /// <param name="ownsStream">Whether disposing the source disposes the stream.</param>
    /// <param name="path">The file name for messages.</param>
    /// <param name="unsupportedTag">Set to the WAV format tag when it is not one we decode, otherwise 0.</param>
    /// <returns>The source, or <see langword="null"/> with <paramref name="unsupportedTag"/> set when the WAV encoding is not PCM or float.</returns>
    public static WavSampleSource? Open(Stream stream, bool ownsStream, string? path, out int unsupportedTag)
    {
        var header = WavHeaderReader.Read(stream, path);
        unsupportedTag = header.UnsupportedFormatTag;
        return header.Layout is { } layout ? new WavSampleSource(stream, ownsStream, path, layout) : null;
    }

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        var bytes = Plan(destination.Length);
        if (bytes == 0)
        {
            return 0;
        }

        var got = Fill(bytes);
        return Decode(got, destination);
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<float> destination, CancellationToken cancellationToken)
    {
        var bytes = Plan(destination.Length);
        if (bytes == 0)
        {
            return 0;
        }

        var got = 0;
        while (got < bytes)
        {
            var n = await _stream.ReadAsync(_scratch.AsMemory(got, bytes - got), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return Decode(got, destination.Span);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }

        var scratch = _scratch;
        _scratch = [];
        if (scratch.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private int Plan(int destinationLength)
    {
        var channels = _format.ChannelCount;
        SampleSourceGuard.ThrowIfShorterThanFrame(destinationLength, channels, "destination");

        if (_ended)
        {
            return 0;
        }

        var frames = (long)(destinationLength / channels);
        frames = Math.Min(frames, _remainingBytes / _format.BlockAlign);
        if (frames == 0)
        {
            _ended = true;
            return 0;
        }

        var bytes = (int)Math.Min(frames * _format.BlockAlign, 1 << 20);
        bytes -= bytes % _format.BlockAlign;
        if (_scratch.Length < bytes)
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<byte>.Shared.Rent(bytes);
        }

        return bytes;
    }

    private int Fill(int bytes)
    {
        var got = 0;
        while (got < bytes)
        {
            var n = _stream.Read(_scratch, got, bytes - got);
            if (n == 0)
            {
                break;
            }

            got += n;
        }

        return got;
    }

    private int Decode(int gotBytes, Span<float> destination)
    {
        var blockAlign = _format.BlockAlign;
        var frames = gotBytes / blockAlign;
        if (frames * blockAlign < gotBytes || gotBytes == 0)
        {
            // The stream ended early: whatever whole frames arrived are the last ones.
            _ended = true;
        }

        if (frames == 0)
        {
            if (_framesRead == 0 && _declaredBytes is > 0)
            {
                throw new AudioFormatException(
                    $"The WAV 'data' chunk declares {_declaredBytes} bytes but the stream ends before the first whole frame: the file is truncated.",
                    _path);
            }

            return 0;
        }

        var samples = frames * _format.ChannelCount;
        SampleCodec.Decode(_scratch.AsSpan(0, frames * blockAlign), _format.Kind, destination[..samples]);
        _remainingBytes -= frames * blockAlign;
        _framesRead += frames;
        return samples;
    }
}
