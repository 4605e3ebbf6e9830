using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Diagnostics;
using NVorbis;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Decodes Ogg Vorbis in-process with NVorbis (first logical stream; chained streams must keep the same format).
/// </summary>
/// <remarks>
/// Samples are not clipped (NVorbis' <c>ClipSamples</c> is off), matching ffmpeg's float output. Everything NVorbis
/// throws becomes <see cref="AudioFormatException"/>; output is capped per input byte so that no input can make it
/// decode forever. NVorbis is only ever given a seekable stream (it seeks to find the length).
/// </remarks>
internal sealed class VorbisSampleSource : ISampleSource
{
    // A Vorbis packet of a few bytes can decode to blocksize/2 ≤ 4096 frames.
    private const long MaxFramesPerInputByte = 8192;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string? _path;
    private readonly VorbisReader _reader;
    private readonly long _budget;
    private long _decodedFrames;

    private VorbisSampleSource(Stream stream, bool ownsStream, string? path, VorbisReader reader, long? frameCount)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _path = path;
        _reader = reader;
        ChannelCount = reader.Channels;
        SampleRate = reader.SampleRate;
        FrameCount = frameCount;
        _budget = (stream.Length * MaxFramesPerInputByte) + 100_000;
    }

    /// <inheritdoc/>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public int ChannelCount { get; }

    /// <inheritdoc/>
    public long? FrameCount { get; }

    /// <summary>
    /// Opens an Ogg Vorbis stream.
    /// </summary>
    /// <param name="stream">A seekable stream positioned at the first Ogg page.</param>
    /// <param name="ownsStream">Whether disposing the source disposes the stream.</param>
    /// <param name="path">The file name for messages.</param>
    /// <returns>The source.</returns>
    /// <exception cref="AudioFormatException">The stream is not decodable Ogg Vorbis.</exception>
    public static VorbisSampleSource Open(Stream stream, bool ownsStream, string? path)
    {
        VorbisReader? reader = null;
        try
        {
            reader = new VorbisReader(stream, closeOnDispose: false) { ClipSamples = false };
            var channels = reader.Channels;
            var sampleRate = reader.SampleRate;
            if (channels is < 1 or > AudioBuffer.MaxChannels || sampleRate is < AudioBuffer.MinSampleRate or > AudioBuffer.MaxSampleRate)
            {
                throw new AudioFormatException(
                    $"The Vorbis stream declares {channels} channel(s) at {sampleRate} Hz, outside the supported 1–{AudioBuffer.MaxChannels} channels and {AudioBuffer.MinSampleRate}–{AudioBuffer.MaxSampleRate} Hz.",
                    path);
            }

            var total = reader.TotalSamples;
            return new VorbisSampleSource(stream, ownsStream, path, reader, total >= 0 ? total : null);
        }
        catch (Exception ex) when (ex is not AudioFormatException && DecoderErrors.IsDecoderFailure(ex))
        {
            reader?.Dispose();
            throw new AudioFormatException($"This is not decodable Ogg Vorbis ({ex.Message}): the file is corrupt or truncated, or the Ogg holds another codec (Opus, FLAC), which needs ffmpeg.", path, ex);
        }
        catch
        {
            reader?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        SampleSourceGuard.ThrowIfShorterThanFrame(destination.Length, ChannelCount, nameof(destination));
        try
        {
            var samples = _reader.ReadSamples(destination[..(destination.Length - (destination.Length % ChannelCount))]);
            if (_reader.Channels != ChannelCount || _reader.SampleRate != SampleRate)
            {
                throw new AudioFormatException($"The Ogg file chains Vorbis streams of different formats ({ChannelCount} ch {SampleRate} Hz, then {_reader.Channels} ch {_reader.SampleRate} Hz), which is not supported; split or re-encode it.", _path);
            }

            if (samples % ChannelCount != 0)
            {
                throw new AudioFormatException("The Vorbis decoder returned a partial frame: the file is corrupt.", _path);
            }

            _decodedFrames += samples / ChannelCount;
            if (_decodedFrames > _budget)
            {
                throw new AudioFormatException($"The Vorbis decoder produced {_decodedFrames} frames from a {_stream.Length}-byte stream, which no valid file does: the file is corrupt.", _path);
            }

            return samples;
        }
        catch (Exception ex) when (ex is not AudioFormatException && DecoderErrors.IsDecoderFailure(ex))
        {
            throw new AudioFormatException($"The Ogg Vorbis stream is corrupt after {_decodedFrames} decoded frames ({ex.Message}).", _path, ex);
        }
    }

    /// <inheritdoc/>
    public ValueTask<int> ReadAsync(Memory<float> destination, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(destination.Span));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _reader.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
