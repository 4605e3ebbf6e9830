using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Audio.Decoding;
using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Audio;

/// <summary>
/// Reads audio from a file or stream chunk by chunk, without loading it whole: WAV, MP3 and Ogg Vorbis in-process,
/// every other format through <c>ffmpeg</c> when it is installed.
/// </summary>
/// <remarks>
/// <para>The format is recognised by content (RIFF/RF64 WAVE, <c>OggS</c>, ID3, MPEG frame sync), then by file
/// extension. Optional conversions (<see cref="AudioLoadOptions"/>) run while reading. Samples are 32-bit float,
/// interleaved (<c>L R L R …</c>) for <see cref="Read(Span{float})"/>.</para>
/// <para>Errors: a missing or unreadable path raises the usual <see cref="FileNotFoundException"/>,
/// <see cref="DirectoryNotFoundException"/> or <see cref="UnauthorizedAccessException"/>; content that cannot be
/// decoded raises <see cref="AudioFormatException"/>, whose message says what is wrong and what to do.</para>
/// <para>An instance is not thread-safe. It owns its decoder (and the stream, unless <c>leaveOpen</c>) and must be
/// disposed; disposing stops any ffmpeg process.</para>
/// </remarks>
public sealed class AudioReader : IDisposable
{
    private ISampleSource? _source;
    private float[] _scratch = [];

    private AudioReader(ISampleSource source)
    {
        _source = source;
        SampleRate = source.SampleRate;
        ChannelCount = source.ChannelCount;
        FrameCount = source.FrameCount;
    }

    /// <summary>Gets the sample rate of the samples read, in Hz (after any conversion).</summary>
    public int SampleRate { get; }

    /// <summary>Gets the number of channels of the samples read (after any conversion).</summary>
    public int ChannelCount { get; }

    /// <summary>
    /// Gets the total number of frames, or <see langword="null"/> when the source does not say (ffmpeg input,
    /// MP3 without a Xing/LAME header on a stream, WAV written to a pipe).
    /// </summary>
    /// <remarks>Exact for WAV; for MP3 and Ogg Vorbis it comes from the container and is exact for intact files.</remarks>
    public long? FrameCount { get; }

    /// <summary>Gets the number of frames read so far.</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Opens a file.
    /// </summary>
    /// <param name="path">The audio file.</param>
    /// <param name="options">Conversions and NaN handling; <see langword="null"/> for the defaults.</param>
    /// <returns>A reader the caller owns and must dispose.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The content cannot be decoded.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Path and stream overloads mirror each other, as in the design's LoadAsync.")]
    public static AudioReader Open(string path, AudioLoadOptions? options = null) => Open(path, options, FfmpegLocator.Default);

    /// <summary>
    /// Opens a stream positioned at the start of the audio.
    /// </summary>
    /// <param name="stream">A readable stream. Non-seekable streams work: WAV is read as it arrives, other formats
    /// are buffered first (MP3/Ogg in memory, ffmpeg formats in a temporary file).</param>
    /// <param name="options">Conversions and NaN handling; <see langword="null"/> for the defaults.</param>
    /// <param name="leaveOpen">Whether the stream stays open when the reader is disposed. Default <see langword="false"/>.</param>
    /// <returns>A reader the caller owns and must dispose.</returns>
    /// <exception cref="AudioFormatException">The content cannot be decoded.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Path and stream overloads mirror each other, as in the design's LoadAsync.")]
    public static AudioReader Open(Stream stream, AudioLoadOptions? options = null, bool leaveOpen = false) =>
        Open(stream, options, leaveOpen, FfmpegLocator.Default);

    /// <summary>
    /// Reads whole interleaved frames.
    /// </summary>
    /// <param name="interleaved">Destination of at least <see cref="ChannelCount"/> samples; only whole frames are written.</param>
    /// <returns>The number of frames read: fewer than the destination holds only at the end, 0 after it.</returns>
    public int Read(Span<float> interleaved)
    {
        var source = Source;
        SampleSourceGuard.ThrowIfShorterThanFrame(interleaved.Length, ChannelCount, nameof(interleaved));
        var wanted = interleaved.Length - (interleaved.Length % ChannelCount);
        var filled = 0;
        while (filled < wanted)
        {
            var n = source.Read(interleaved[filled..wanted]);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        var frames = filled / ChannelCount;
        Position += frames;
        return frames;
    }

    /// <summary>
    /// Reads whole interleaved frames asynchronously (file and ffmpeg input is read without blocking).
    /// </summary>
    /// <param name="interleaved">Destination of at least <see cref="ChannelCount"/> samples; only whole frames are written.</param>
    /// <param name="cancellationToken">Cancels the read (an ffmpeg process is stopped).</param>
    /// <returns>The number of frames read: fewer than the destination holds only at the end, 0 after it.</returns>
    public async ValueTask<int> ReadAsync(Memory<float> interleaved, CancellationToken cancellationToken = default)
    {
        var source = Source;
        SampleSourceGuard.ThrowIfShorterThanFrame(interleaved.Length, ChannelCount, nameof(interleaved));
        var wanted = interleaved.Length - (interleaved.Length % ChannelCount);
        var filled = 0;
        while (filled < wanted)
        {
            var n = await source.ReadAsync(interleaved[filled..wanted], cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        var frames = filled / ChannelCount;
        Position += frames;
        return frames;
    }

    /// <summary>
    /// Reads frames into the start of a planar buffer.
    /// </summary>
    /// <param name="destination">A buffer with this reader's <see cref="ChannelCount"/> and <see cref="SampleRate"/>.</param>
    /// <returns>The number of frames written from frame 0: fewer than <see cref="AudioBuffer.FrameCount"/> only at
    /// the end (later frames are left as they were), 0 after it.</returns>
    public int Read(AudioBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        _ = Source;
        if (destination.ChannelCount != ChannelCount || destination.SampleRate != SampleRate)
        {
            throw new ArgumentException(
                $"The buffer is {destination.ChannelCount} ch at {destination.SampleRate} Hz but the reader produces {ChannelCount} ch at {SampleRate} Hz; open the reader with AudioLoadOptions to convert.",
                nameof(destination));
        }

        const int chunkFrames = 8192;
        if (_scratch.Length < chunkFrames * ChannelCount)
        {
            _scratch = new float[chunkFrames * ChannelCount];
        }

        var total = 0;
        while (total < destination.FrameCount)
        {
            var frames = Math.Min(chunkFrames, destination.FrameCount - total);
            var n = Read(_scratch.AsSpan(0, frames * ChannelCount));
            if (n == 0)
            {
                break;
            }

            destination.CopyFromInterleaved(_scratch.AsSpan(0, n * ChannelCount), total);
            total += n;
        }

        return total;
    }

    /// <summary>Releases the decoder, the stream (unless left open) and any ffmpeg process.</summary>
    public void Dispose() => Interlocked.Exchange(ref _source, null)?.Dispose();

    internal static AudioReader Open(string path, AudioLoadOptions? options, FfmpegLocator ffmpeg)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= AudioLoadOptions.Default;
        options.Validate();
        return new AudioReader(AudioSourceFactory.OpenFile(path, options, ffmpeg));
    }

    internal static AudioReader Open(Stream stream, AudioLoadOptions? options, bool leaveOpen, FfmpegLocator ffmpeg)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        options ??= AudioLoadOptions.Default;
        options.Validate();
        return new AudioReader(AudioSourceFactory.OpenStream(stream, leaveOpen, options, ffmpeg));
    }

    internal static async Task<AudioReader> OpenAsync(string path, AudioLoadOptions? options, FfmpegLocator ffmpeg, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        options ??= AudioLoadOptions.Default;
        options.Validate();
        return new AudioReader(await AudioSourceFactory.OpenFileAsync(path, options, ffmpeg, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Reads everything that is left into a new buffer.</summary>
    /// <param name="path">The file name for messages.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>A buffer the caller owns.</returns>
    internal async Task<AudioBuffer> ReadToEndAsync(string? path, CancellationToken cancellationToken)
    {
        var channels = ChannelCount;
        // The declared length is only a hint (a header can lie, and non-seekable input cannot be checked): start
        // with at most 4 Mi samples and grow as audio actually arrives.
        var hint = FrameCount is { } known ? known - Position : 1 << 16;
        var capacity = (int)Math.Clamp(hint, 1, (4 << 20) / channels);
        var planar = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            planar[c] = ArrayPool<float>.Shared.Rent(Math.Max(capacity, 1));
        }

        const int chunkFrames = 16384;
        var chunk = ArrayPool<float>.Shared.Rent(chunkFrames * channels);
        var frames = 0;
        var owned = true;
        try
        {
            while (true)
            {
                var n = await ReadAsync(chunk.AsMemory(0, chunkFrames * channels), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                if ((long)frames + n > Array.MaxLength)
                {
                    throw new AudioFormatException($"The audio is longer than {Array.MaxLength} frames, more than one AudioBuffer holds; read it in chunks with AudioReader.", path);
                }

                if (frames + n > planar[0].Length)
                {
                    var grown = (int)Math.Min(Array.MaxLength, Math.Max((long)planar[0].Length * 2, frames + n));
                    for (var c = 0; c < channels; c++)
                    {
                        var bigger = ArrayPool<float>.Shared.Rent(grown);
                        planar[c].AsSpan(0, frames).CopyTo(bigger);
                        ArrayPool<float>.Shared.Return(planar[c]);
                        planar[c] = bigger;
                    }
                }

                var interleaved = chunk.AsSpan(0, n * channels);
                for (var c = 0; c < channels; c++)
                {
                    var target = planar[c].AsSpan(frames, n);
                    for (var i = 0; i < n; i++)
                    {
                        target[i] = interleaved[(i * channels) + c];
                    }
                }

                frames += n;
            }

            owned = false;
            return AudioBuffer.FromRented(planar, frames, SampleRate);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chunk);
            if (owned)
            {
                foreach (var channel in planar)
                {
                    ArrayPool<float>.Shared.Return(channel);
                }
            }
        }
    }

    private ISampleSource Source
    {
        get
        {
            ObjectDisposedException.ThrowIf(_source is null, this);
            return _source;
        }
    }
}
