using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Diagnostics;
using NVorbis;
using NVorbis.Ogg;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Decodes Ogg Vorbis in-process with NVorbis: the first logical stream, up to the granule position of its last
/// page (chained streams that follow are ignored).
/// </summary>
/// <remarks>
/// Samples are not clipped (NVorbis' <c>ClipSamples</c> is off), matching ffmpeg's float output. NVorbis gets its
/// packets through <see cref="VorbisPacketProvider"/>, which avoids a hang on corrupt end granules. Everything NVorbis
/// throws becomes <see cref="AudioFormatException"/>; output is capped per input byte so that no input can make it
/// decode forever. NVorbis is only ever given a seekable stream (it seeks to find the length), and only after
/// <see cref="VorbisHeaderGuard"/> has checked the comment header lengths it would otherwise allocate blindly.
/// </remarks>
internal sealed class VorbisSampleSource : ISampleSource
{
    // A Vorbis packet of a few bytes can decode to blocksize/2 ≤ 4096 frames.
    private const long MaxFramesPerInputByte = 8192;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string? _path;
    private readonly ContainerReader _container;
    private readonly StreamDecoder _decoder;
    private readonly long _budget;
    private long _decodedFrames;
    private long _remaining;

    private VorbisSampleSource(Stream stream, bool ownsStream, string? path, ContainerReader container, StreamDecoder decoder, long? frameCount)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _path = path;
        _container = container;
        _decoder = decoder;
        ChannelCount = decoder.Channels;
        SampleRate = decoder.SampleRate;
        FrameCount = frameCount;
        _remaining = frameCount ?? long.MaxValue;
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
        ContainerReader? container = null;
        StreamDecoder? decoder = null;
        try
        {
            VorbisHeaderGuard.Validate(stream, path);
            container = new ContainerReader(stream, closeOnDispose: false) { NewStreamCallback = _ => true };
            if (!container.TryInit() || container.GetStreams().Count == 0)
            {
                throw new AudioFormatException("No Ogg stream could be found: the file is corrupt or not Ogg.", path);
            }

            decoder = new StreamDecoder(new VorbisPacketProvider(container.GetStreams()[0])) { ClipSamples = false };
            var channels = decoder.Channels;
            var sampleRate = decoder.SampleRate;
            if (channels is < 1 or > AudioBuffer.MaxChannels || sampleRate is < AudioBuffer.MinSampleRate or > AudioBuffer.MaxSampleRate)
            {
                throw new AudioFormatException(
                    $"The Vorbis stream declares {channels} channel(s) at {sampleRate} Hz, outside the supported 1–{AudioBuffer.MaxChannels} channels and {AudioBuffer.MinSampleRate}–{AudioBuffer.MaxSampleRate} Hz.",
                    path);
            }

            var total = decoder.TotalSamples;
            return new VorbisSampleSource(stream, ownsStream, path, container, decoder, total >= 0 ? total : null);
        }
        catch (Exception ex) when (ex is not AudioFormatException && DecoderErrors.IsDecoderFailure(ex))
        {
            decoder?.Dispose();
            container?.Dispose();
            throw new AudioFormatException($"This is not decodable Ogg Vorbis ({ex.Message}): the file is corrupt or truncated, or the Ogg holds another codec (Opus, FLAC), which needs ffmpeg.", path, ex);
        }
        catch
        {
            decoder?.Dispose();
            container?.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        SampleSourceGuard.ThrowIfShorterThanFrame(destination.Length, ChannelCount, nameof(destination));
        try
        {
            var frames = (int)Math.Min(destination.Length / ChannelCount, _remaining);
            if (frames == 0)
            {
                return 0;
            }

            var samples = _decoder.Read(destination, 0, frames * ChannelCount);
            _remaining -= samples / ChannelCount;
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
        _decoder.Dispose();
        _container.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }
}
