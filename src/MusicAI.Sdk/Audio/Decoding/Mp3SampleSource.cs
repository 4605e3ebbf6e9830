using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Diagnostics;
using NLayer;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Decodes MPEG-1/2/2.5 Layer I/II/III audio in-process with NLayer, gapless when the file has a LAME tag.
/// </summary>
/// <remarks>
/// <para>NLayer 3.0.1 does not trim the encoder delay, so this wrapper reads the LAME tag itself and drops
/// <c>delay + 529</c> leading and the padding trailing samples, as ffmpeg does; without a LAME tag the output keeps
/// the decoder delay (about 1105 samples for LAME files).</para>
/// <para>Everything NLayer throws becomes <see cref="AudioFormatException"/>. NLayer is only ever given a seekable
/// stream (non-seekable input is copied to memory first): on forward-only streams it buffers whole ID3 tags whose
/// size comes from the header, and even on seekable ones it allocates the declared size of an ID3v2 tag that runs
/// past the end of the file, so such files are rejected before NLayer sees them. Output is capped per input byte so
/// that no input can make it decode forever.</para>
/// </remarks>
internal sealed class Mp3SampleSource : ISampleSource
{
    private const int HeadBytes = 4096;

    // A Layer III frame of 1152 samples takes at least 24 bytes (8 kb/s at 48 kHz): allow far more than that.
    private const long MaxFramesPerInputByte = 64;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly string? _path;
    private readonly MpegFile _mpeg;
    private readonly long _budget;
    private float[] _discard = [];
    private long _toSkip;
    private long _remaining;
    private long _decodedFrames;

    private Mp3SampleSource(Stream stream, bool ownsStream, string? path, MpegFile mpeg, int channels, int sampleRate, LameGaplessInfo? gapless, long? frameCount)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _path = path;
        _mpeg = mpeg;
        ChannelCount = channels;
        SampleRate = sampleRate;
        _toSkip = gapless?.LeadingSamples ?? 0;
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
    /// Opens an MP3 stream.
    /// </summary>
    /// <param name="stream">A seekable stream positioned at the start of the MP3 data.</param>
    /// <param name="ownsStream">Whether disposing the source disposes the stream.</param>
    /// <param name="path">The file name for messages.</param>
    /// <returns>The source.</returns>
    /// <exception cref="AudioFormatException">The stream is not decodable MPEG audio.</exception>
    public static Mp3SampleSource Open(Stream stream, bool ownsStream, string? path)
    {
        MpegFile? mpeg = null;
        try
        {
            var start = stream.Position;
            var head = new byte[HeadBytes];
            var got = stream.ReadAtLeast(head, HeadBytes, throwOnEndOfStream: false);
            var id3 = LameGaplessInfo.Id3v2Length(head.AsSpan(0, got));
            if (id3 > stream.Length - start)
            {
                // NLayer would allocate a buffer of the declared size (up to 256 MiB) before finding nothing after it.
                throw new AudioFormatException($"The ID3v2 tag declares {id3} bytes but the file holds {stream.Length - start}: the file is corrupt or truncated before any audio.", path);
            }

            LameGaplessInfo? gapless;
            if (id3 > 0 && id3 + 256 > got && start + id3 < stream.Length)
            {
                stream.Position = start + id3;
                got = stream.ReadAtLeast(head, HeadBytes, throwOnEndOfStream: false);
                gapless = LameGaplessInfo.TryParse(head.AsSpan(0, got), 0);
            }
            else
            {
                gapless = LameGaplessInfo.TryParse(head.AsSpan(0, got), id3);
            }

            stream.Position = start;
            mpeg = new MpegFile(stream);
            var channels = mpeg.Channels;
            var sampleRate = mpeg.SampleRate;
            if (channels is < 1 or > 2 || sampleRate is < AudioBuffer.MinSampleRate or > AudioBuffer.MaxSampleRate)
            {
                throw new AudioFormatException($"The MPEG stream declares {channels} channel(s) at {sampleRate} Hz, which is not valid MPEG audio: the file is corrupt.", path);
            }

            // NLayer's length is frames × samples per frame (it does not trim); apply the LAME tag ourselves.
            var decoded = mpeg.Length >= 0 ? mpeg.Length / sizeof(float) / channels : -1;
            long? frameCount = decoded < 0 ? null : decoded;
            if (gapless is { } info && decoded >= 0)
            {
                var trimmed = decoded - info.LeadingSamples - Math.Max(0, info.Padding - LameGaplessInfo.DecoderDelay);
                frameCount = Math.Max(0, info.ValidSamples is { } valid ? Math.Min(valid, trimmed) : trimmed);
            }

            return new Mp3SampleSource(stream, ownsStream, path, mpeg, channels, sampleRate, gapless, frameCount);
        }
        catch (Exception ex) when (ex is not AudioFormatException && DecoderErrors.IsDecoderFailure(ex))
        {
            mpeg?.Dispose();
            throw new AudioFormatException($"This is not decodable MP3/MPEG audio ({ex.Message}): the file is corrupt, truncated or in another format; convert it to WAV or install ffmpeg and use a format it reads.", path, ex);
        }
    }

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        SampleSourceGuard.ThrowIfShorterThanFrame(destination.Length, ChannelCount, nameof(destination));
        try
        {
            while (_toSkip > 0)
            {
                if (_discard.Length == 0)
                {
                    _discard = new float[1152 * 2];
                }

                var skipSamples = (int)Math.Min(_toSkip * ChannelCount, _discard.Length - (_discard.Length % ChannelCount));
                var skipped = Decode(_discard.AsSpan(0, skipSamples));
                if (skipped == 0)
                {
                    _toSkip = 0;
                    return 0;
                }

                _toSkip -= skipped / ChannelCount;
            }

            var frames = (int)Math.Min(destination.Length / ChannelCount, _remaining);
            if (frames == 0)
            {
                return 0;
            }

            var samples = Decode(destination[..(frames * ChannelCount)]);
            _remaining -= samples / ChannelCount;
            return samples;
        }
        catch (Exception ex) when (ex is not AudioFormatException && DecoderErrors.IsDecoderFailure(ex))
        {
            throw new AudioFormatException($"The MP3 stream is corrupt after {_decodedFrames} decoded frames ({ex.Message}).", _path, ex);
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
        _mpeg.Dispose();
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    private int Decode(Span<float> destination)
    {
        var samples = _mpeg.ReadSamples(destination);
        if (samples % ChannelCount != 0)
        {
            throw new AudioFormatException("The MP3 stream changes its channel count mid-stream, which is not supported: the file is corrupt or concatenated from different files; re-encode it.", _path);
        }

        _decodedFrames += samples / ChannelCount;
        if (_decodedFrames > _budget)
        {
            throw new AudioFormatException($"The MP3 decoder produced {_decodedFrames} frames from a {_stream.Length}-byte stream, which no valid MP3 does: the file is corrupt.", _path);
        }

        return samples;
    }
}
