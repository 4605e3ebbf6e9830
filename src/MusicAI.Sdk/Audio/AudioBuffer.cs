using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Audio.Decoding;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Audio.Channels;
using MusicAI.Sdk.Audio.Resampling;
using MusicAI.Sdk.Audio.Wav;

namespace MusicAI.Sdk.Audio;

/// <summary>
/// Planar 32-bit float audio: one contiguous span of samples per channel, at one sample rate.
/// </summary>
/// <remarks>
/// <para>The sample memory is rented from <see cref="ArrayPool{T}.Shared"/> and returned by <see cref="Dispose"/>;
/// always dispose buffers (a <c>using</c> declaration is enough). Spans obtained from <see cref="GetChannel(int)"/>
/// must not be used after disposal.</para>
/// <para>Samples are nominally in [-1, 1]; values outside are kept (no clipping) until a writer converts to integer
/// PCM, where they are clamped.</para>
/// <para>An instance is not thread-safe for writes; concurrent reads are safe.</para>
/// </remarks>
public sealed class AudioBuffer : IDisposable
{
    /// <summary>The lowest sample rate a buffer accepts, in Hz.</summary>
    public const int MinSampleRate = 1_000;

    /// <summary>The highest sample rate a buffer accepts, in Hz.</summary>
    public const int MaxSampleRate = 768_000;

    /// <summary>The most channels a buffer accepts.</summary>
    public const int MaxChannels = 64;

    private float[][]? _channels;

    private AudioBuffer(float[][] channels, int frameCount, int sampleRate)
    {
        _channels = channels;
        FrameCount = frameCount;
        SampleRate = sampleRate;
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount => Channels.Length;

    /// <summary>Gets the number of sample frames (samples per channel).</summary>
    public int FrameCount { get; }

    /// <summary>Gets the duration of the audio.</summary>
    public TimeSpan Duration => TimeSpan.FromSeconds((double)FrameCount / SampleRate);

    private float[][] Channels
    {
        get
        {
            ObjectDisposedException.ThrowIf(_channels is null, this);
            return _channels;
        }
    }

    /// <summary>
    /// Creates a silent buffer.
    /// </summary>
    /// <param name="channelCount">Number of channels, 1 to <see cref="MaxChannels"/>.</param>
    /// <param name="frameCount">Samples per channel, 0 or more.</param>
    /// <param name="sampleRate">Sample rate in Hz, <see cref="MinSampleRate"/> to <see cref="MaxSampleRate"/>.</param>
    /// <returns>A zero-filled buffer the caller owns and must dispose.</returns>
    public static AudioBuffer Create(int channelCount, int frameCount, int sampleRate)
    {
        ValidateShape(channelCount, frameCount, sampleRate);
        var channels = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            channels[c] = ArrayPool<float>.Shared.Rent(Math.Max(frameCount, 1));
            Array.Clear(channels[c], 0, frameCount);
        }

        return new AudioBuffer(channels, frameCount, sampleRate);
    }

    /// <summary>
    /// Creates a buffer from interleaved samples (<c>L R L R …</c> for stereo).
    /// </summary>
    /// <param name="interleaved">Samples, frame after frame; its length must be a multiple of <paramref name="channelCount"/>.</param>
    /// <param name="channelCount">Number of interleaved channels.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <returns>A new buffer the caller owns.</returns>
    public static AudioBuffer FromInterleaved(ReadOnlySpan<float> interleaved, int channelCount, int sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCount);
        if (interleaved.Length % channelCount != 0)
        {
            throw new ArgumentException(
                $"The interleaved span holds {interleaved.Length} samples, which is not a whole number of {channelCount}-channel frames.",
                nameof(interleaved));
        }

        var buffer = Create(channelCount, interleaved.Length / channelCount, sampleRate);
        buffer.CopyFromInterleaved(interleaved, 0);
        return buffer;
    }

    /// <summary>
    /// Creates a buffer holding copies of the given channels.
    /// </summary>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="channels">One array per channel, all of the same length.</param>
    /// <returns>A new buffer the caller owns.</returns>
    public static AudioBuffer FromChannels(int sampleRate, params ReadOnlySpan<float[]> channels)
    {
        if (channels.Length == 0)
        {
            throw new ArgumentException("At least one channel is needed.", nameof(channels));
        }

        var frames = channels[0]?.Length ?? throw new ArgumentNullException(nameof(channels));
        for (var c = 1; c < channels.Length; c++)
        {
            ArgumentNullException.ThrowIfNull(channels[c], nameof(channels));
            if (channels[c].Length != frames)
            {
                throw new ArgumentException(
                    $"Channel {c} has {channels[c].Length} samples but channel 0 has {frames}: all channels must have the same length.",
                    nameof(channels));
            }
        }

        var buffer = Create(channels.Length, frames, sampleRate);
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c].AsSpan().CopyTo(buffer.GetChannel(c));
        }

        return buffer;
    }

    /// <summary>
    /// Loads a whole audio file: WAV, MP3 and Ogg Vorbis in-process, every other format through <c>ffmpeg</c> when it
    /// is installed.
    /// </summary>
    /// <param name="path">The audio file. The format is recognised by content, then by extension.</param>
    /// <param name="options">Conversions and NaN handling; <see langword="null"/> keeps the file's rate and channels.</param>
    /// <param name="cancellationToken">Cancels between chunks (an ffmpeg process is stopped).</param>
    /// <returns>A buffer the caller owns. A file with a valid header and no frames gives an empty buffer
    /// (<see cref="FrameCount"/> 0).</returns>
    /// <exception cref="FileNotFoundException">The file does not exist (likewise <see cref="DirectoryNotFoundException"/>
    /// and <see cref="UnauthorizedAccessException"/> for other path problems).</exception>
    /// <exception cref="AudioFormatException">The content cannot be decoded: corrupt, truncated before any audio,
    /// NaN samples (see <see cref="AudioLoadOptions.ReplaceNonFiniteSamples"/>), or a format that needs ffmpeg when
    /// none is installed. The message says what is wrong and what to do.</exception>
    /// <remarks>See <see cref="AudioReader"/> to read long files in chunks instead.</remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Path and stream overloads mirror each other (design.md).")]
    public static Task<AudioBuffer> LoadAsync(string path, AudioLoadOptions? options = null, CancellationToken cancellationToken = default) =>
        LoadAsync(path, options, FfmpegLocator.Default, cancellationToken);

    /// <summary>
    /// Loads a whole audio file at its own sample rate and channel count (see
    /// <see cref="LoadAsync(string, AudioLoadOptions?, CancellationToken)"/>).
    /// </summary>
    /// <param name="path">The audio file.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>A buffer the caller owns.</returns>
    public static Task<AudioBuffer> LoadAsync(string path, CancellationToken cancellationToken) =>
        LoadAsync(path, null, FfmpegLocator.Default, cancellationToken);

    /// <summary>
    /// Loads whole audio from a stream positioned at its start (see
    /// <see cref="LoadAsync(string, AudioLoadOptions?, CancellationToken)"/>).
    /// </summary>
    /// <param name="stream">A readable stream; it is left open. A non-seekable stream is first copied to memory.</param>
    /// <param name="options">Conversions and NaN handling; <see langword="null"/> keeps the stream's rate and channels.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>A buffer the caller owns.</returns>
    /// <exception cref="AudioFormatException">The content cannot be decoded.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Path and stream overloads mirror each other (design.md).")]
    public static Task<AudioBuffer> LoadAsync(Stream stream, AudioLoadOptions? options = null, CancellationToken cancellationToken = default) =>
        LoadAsync(stream, options, FfmpegLocator.Default, cancellationToken);

    /// <summary>
    /// Gets the samples of one channel.
    /// </summary>
    /// <param name="channel">Zero-based channel index.</param>
    /// <returns>A span of exactly <see cref="FrameCount"/> samples, valid until the buffer is disposed.</returns>
    public Span<float> GetChannel(int channel)
    {
        var channels = Channels;
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, channels.Length);
        return channels[channel].AsSpan(0, FrameCount);
    }

    /// <summary>
    /// Copies the audio into an interleaved span (<c>L R L R …</c>).
    /// </summary>
    /// <param name="destination">At least <see cref="FrameCount"/> × <see cref="ChannelCount"/> samples.</param>
    public void CopyToInterleaved(Span<float> destination) => CopyToInterleaved(0, FrameCount, destination);

    /// <summary>
    /// Copies a range of frames into an interleaved span.
    /// </summary>
    /// <param name="startFrame">First frame to copy.</param>
    /// <param name="frameCount">Number of frames to copy.</param>
    /// <param name="destination">At least <paramref name="frameCount"/> × <see cref="ChannelCount"/> samples.</param>
    public void CopyToInterleaved(int startFrame, int frameCount, Span<float> destination)
    {
        var channels = Channels;
        ValidateRange(startFrame, frameCount);
        var count = channels.Length;
        if (destination.Length < frameCount * count)
        {
            throw new ArgumentException($"The destination needs {frameCount * count} samples but has {destination.Length}.", nameof(destination));
        }

        if (count == 1)
        {
            channels[0].AsSpan(startFrame, frameCount).CopyTo(destination);
            return;
        }

        for (var c = 0; c < count; c++)
        {
            var source = channels[c].AsSpan(startFrame, frameCount);
            for (var i = 0; i < source.Length; i++)
            {
                destination[(i * count) + c] = source[i];
            }
        }
    }

    /// <summary>
    /// Copies interleaved samples into this buffer, starting at a frame.
    /// </summary>
    /// <param name="interleaved">Whole frames of <see cref="ChannelCount"/> samples each.</param>
    /// <param name="startFrame">The frame where the first sample goes.</param>
    public void CopyFromInterleaved(ReadOnlySpan<float> interleaved, int startFrame)
    {
        var channels = Channels;
        var count = channels.Length;
        if (interleaved.Length % count != 0)
        {
            throw new ArgumentException($"{interleaved.Length} samples is not a whole number of {count}-channel frames.", nameof(interleaved));
        }

        var frames = interleaved.Length / count;
        ValidateRange(startFrame, frames);
        if (count == 1)
        {
            interleaved.CopyTo(channels[0].AsSpan(startFrame, frames));
            return;
        }

        for (var c = 0; c < count; c++)
        {
            var target = channels[c].AsSpan(startFrame, frames);
            for (var i = 0; i < target.Length; i++)
            {
                target[i] = interleaved[(i * count) + c];
            }
        }
    }

    /// <summary>Creates an independent copy of this buffer.</summary>
    /// <returns>A new buffer the caller owns.</returns>
    public AudioBuffer Clone() => Slice(0, FrameCount);

    /// <summary>
    /// Copies a range of frames into a new buffer.
    /// </summary>
    /// <param name="startFrame">First frame.</param>
    /// <param name="frameCount">Number of frames.</param>
    /// <returns>A new buffer the caller owns.</returns>
    public AudioBuffer Slice(int startFrame, int frameCount)
    {
        var channels = Channels;
        ValidateRange(startFrame, frameCount);
        var copy = Create(channels.Length, frameCount, SampleRate);
        for (var c = 0; c < channels.Length; c++)
        {
            channels[c].AsSpan(startFrame, frameCount).CopyTo(copy.GetChannel(c));
        }

        return copy;
    }

    /// <summary>
    /// Converts to another channel count.
    /// </summary>
    /// <param name="channelCount">The target channel count, 1 to <see cref="MaxChannels"/>.</param>
    /// <returns>A new buffer the caller owns (a copy when the count is unchanged).</returns>
    /// <remarks>
    /// Channels are taken to be in WAV speaker order with the standard layout for their count
    /// (2: L R; 6 = 5.1: L R C LFE Ls Rs; 8 = 7.1: 5.1 + side L/R).
    /// <list type="bullet">
    /// <item>N → 1: the average of all channels.</item>
    /// <item>1 → M: the mono signal, unscaled, in the first two channels (L and R); others silent.</item>
    /// <item>N → 2 (N ≥ 3): ITU-R BS.775 downmix, not normalised: L = FL + 0.7071·C + 0.7071·Ls (likewise R),
    /// back centre 0.5 to both, LFE dropped. The result can exceed ±1.</item>
    /// <item>Any other N → M: the first min(N, M) channels are copied, extra channels are silent.</item>
    /// </list>
    /// </remarks>
    public AudioBuffer ToChannelCount(int channelCount)
    {
        _ = Channels;
        ValidateShape(channelCount, FrameCount, SampleRate);
        if (channelCount == ChannelCount)
        {
            return Clone();
        }

        var result = Create(channelCount, FrameCount, SampleRate);
        ChannelMixer.MixPlanar(this, result);
        return result;
    }

    /// <summary>
    /// Converts to another sample rate with a band-limited polyphase filter.
    /// </summary>
    /// <param name="sampleRate">The target rate in Hz, <see cref="MinSampleRate"/> to <see cref="MaxSampleRate"/>.</param>
    /// <returns>A new buffer the caller owns (a copy when the rate is unchanged) with
    /// <c>ceil(FrameCount × sampleRate / SampleRate)</c> frames.</returns>
    /// <remarks>
    /// A Kaiser-windowed sinc filter designed for 110 dB stop-band attenuation: flat pass band up to 0.9 × the lower
    /// Nyquist frequency, stop band from the lower Nyquist frequency on, so nothing above the new Nyquist frequency
    /// aliases into the output. Linear phase with no delay: output frame <c>m</c> is at time <c>m / sampleRate</c>;
    /// the signal is taken to be silent before its start and after its end. Measured figures are in
    /// <c>docs/audio-io.md</c>.
    /// </remarks>
    public AudioBuffer Resample(int sampleRate) => Resample(sampleRate, ResamplerQuality.High);

    /// <summary>
    /// Saves the audio as a WAV file, atomically: the file is written beside the destination under a temporary name
    /// and renamed over it when complete.
    /// </summary>
    /// <param name="path">The destination; its directory must exist. An existing file is replaced.</param>
    /// <param name="format">Sample encoding. Default <see cref="WavSampleFormat.Float32"/> (lossless).</param>
    /// <param name="cancellationToken">Cancels the save; the destination is then untouched and no temporary file remains.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <remarks>Integer formats clamp to [-1, 1] and round without dither; see <see cref="WavSampleFormat"/>.</remarks>
    public async Task SaveWavAsync(string path, WavSampleFormat format = WavSampleFormat.Float32, CancellationToken cancellationToken = default)
    {
        _ = Channels;
        var writer = AudioWriter.Create(path, SampleRate, ChannelCount, format);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteBufferAsync(this, cancellationToken).ConfigureAwait(false);
            await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Saves the audio as a 32-bit float WAV file, atomically (see
    /// <see cref="SaveWavAsync(string, WavSampleFormat, CancellationToken)"/>).
    /// </summary>
    /// <param name="path">The destination; its directory must exist. An existing file is replaced.</param>
    /// <param name="cancellationToken">Cancels the save; the destination is then untouched.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    public Task SaveWavAsync(string path, CancellationToken cancellationToken) =>
        SaveWavAsync(path, WavSampleFormat.Float32, cancellationToken);

    /// <summary>
    /// Writes the audio to a stream as a WAV file (RF64 when it exceeds the 4 GiB RIFF limit).
    /// </summary>
    /// <param name="stream">A writable stream; it need not be seekable and is left open.</param>
    /// <param name="format">Sample encoding. Default <see cref="WavSampleFormat.Float32"/> (lossless).</param>
    /// <remarks>Integer formats clamp to [-1, 1] and round without dither; see <see cref="WavSampleFormat"/>.</remarks>
    public void SaveWav(Stream stream, WavSampleFormat format = WavSampleFormat.Float32) =>
        SaveWav(stream, format, WavStreamWriter.DefaultRiffLimit);

    /// <summary>Returns the sample memory to the pool. Further use throws <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        var channels = Interlocked.Exchange(ref _channels, null);
        if (channels is null)
        {
            return;
        }

        foreach (var channel in channels)
        {
            ArrayPool<float>.Shared.Return(channel);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        _channels is null
            ? "AudioBuffer (disposed)"
            : $"AudioBuffer {ChannelCount} ch, {SampleRate} Hz, {FrameCount} frames ({Duration.TotalSeconds:0.###} s)";

    internal static void ValidateShape(int channelCount, int frameCount, int sampleRate)
    {
        if (channelCount is < 1 or > MaxChannels)
        {
            throw new ArgumentOutOfRangeException(nameof(channelCount), channelCount, $"Channel count must be 1 to {MaxChannels}.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        if (sampleRate is < MinSampleRate or > MaxSampleRate)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, $"Sample rate must be {MinSampleRate} to {MaxSampleRate} Hz.");
        }
    }

    internal static async Task<AudioBuffer> LoadAsync(string path, AudioLoadOptions? options, FfmpegLocator ffmpeg, CancellationToken cancellationToken)
    {
        using var reader = await AudioReader.OpenAsync(path, options, ffmpeg, cancellationToken).ConfigureAwait(false);
        return await reader.ReadToEndAsync(path, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<AudioBuffer> LoadAsync(Stream stream, AudioLoadOptions? options, FfmpegLocator ffmpeg, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        Stream source = stream;
        if (!stream.CanSeek)
        {
            var memory = new MemoryStream();
            await stream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
            memory.Position = 0;
            source = memory;
        }

        using var reader = AudioReader.Open(source, options, leaveOpen: ReferenceEquals(source, stream), ffmpeg);
        return await reader.ReadToEndAsync(null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Wraps arrays rented from <see cref="ArrayPool{T}.Shared"/>; the buffer takes ownership.</summary>
    internal static AudioBuffer FromRented(float[][] channels, int frameCount, int sampleRate)
    {
        ValidateShape(channels.Length, frameCount, sampleRate);
        return new AudioBuffer(channels, frameCount, sampleRate);
    }

    internal AudioBuffer Resample(int sampleRate, ResamplerQuality quality)
    {
        var channels = Channels;
        ValidateShape(channels.Length, 0, sampleRate);
        if (sampleRate == SampleRate)
        {
            return Clone();
        }

        var kernel = ResamplerKernel.Create(SampleRate, sampleRate, quality);
        var frames = kernel.OutputLength(FrameCount);
        if (frames > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(sampleRate), sampleRate, $"Resampling {FrameCount} frames to {sampleRate} Hz would make {frames} frames, more than one buffer holds; resample in chunks with AudioReader.");
        }

        var result = Create(channels.Length, (int)frames, sampleRate);
        for (var c = 0; c < channels.Length; c++)
        {
            PolyphaseResampler.Process(kernel, GetChannel(c), result.GetChannel(c));
        }

        return result;
    }

    internal void SaveWav(Stream stream, WavSampleFormat format, long riffLimit)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        if (!Enum.IsDefined(format))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown WAV sample format.");
        }

        var channels = Channels;
        const int chunkFrames = 8192;
        using var writer = new WavStreamWriter(stream, SampleRate, channels.Length, format, FrameCount, riffLimit);
        var scratch = ArrayPool<float>.Shared.Rent(chunkFrames * channels.Length);
        try
        {
            for (var start = 0; start < FrameCount; start += chunkFrames)
            {
                var frames = Math.Min(chunkFrames, FrameCount - start);
                CopyToInterleaved(start, frames, scratch);
                writer.Write(scratch.AsSpan(0, frames * channels.Length));
            }

            writer.Complete();
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private void ValidateRange(int startFrame, int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(startFrame);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        if ((long)startFrame + frameCount > FrameCount)
        {
            throw new ArgumentOutOfRangeException(nameof(frameCount), $"Frames {startFrame}..{(long)startFrame + frameCount} lie outside the buffer's {FrameCount} frames.");
        }
    }
}
