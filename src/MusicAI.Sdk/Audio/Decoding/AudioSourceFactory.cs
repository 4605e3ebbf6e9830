using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Audio.Wav;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Opens a file or stream as a chain of sample sources: decoder → NaN guard → channel mixer → resampler (the mixer
/// goes before the resampler when it reduces the channel count, after it otherwise).
/// </summary>
/// <remarks>
/// Ownership: every stream handed to a decoder is disposed with the chain unless the caller keeps it
/// (<c>leaveOpen</c>). Non-seekable input is buffered when a decoder needs to seek: in memory for MP3/Ogg (NLayer
/// and NVorbis seek), in a temporary file for ffmpeg (some containers, such as MP4 with its index at the end,
/// cannot be decoded from a pipe); WAV is streamed as it arrives.
/// </remarks>
internal static class AudioSourceFactory
{
    /// <summary>Opens a file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Conversions and NaN handling.</param>
    /// <param name="ffmpeg">Where to find ffmpeg.</param>
    /// <returns>The chain, which the caller owns.</returns>
    public static ISampleSource OpenFile(string path, AudioLoadOptions options, FfmpegLocator ffmpeg)
    {
        var stream = OpenRead(path);
        try
        {
            var head = new byte[FormatDetector.HeadLength];
            var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
            stream.Position = 0;
            var format = Detect(head.AsSpan(0, length), path);
            return Build(OpenDecoder(stream, ownsStream: true, path, Path.GetFullPath(path), format, ffmpeg), options, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens a file, reading compressed files into memory asynchronously first.</summary>
    /// <param name="path">The file.</param>
    /// <param name="options">Conversions and NaN handling.</param>
    /// <param name="ffmpeg">Where to find ffmpeg.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The chain, which the caller owns.</returns>
    public static async Task<ISampleSource> OpenFileAsync(string path, AudioLoadOptions options, FfmpegLocator ffmpeg, CancellationToken cancellationToken)
    {
        Stream stream = OpenRead(path);
        try
        {
            var head = new byte[FormatDetector.HeadLength];
            var length = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            stream.Position = 0;
            var format = Detect(head.AsSpan(0, length), path);
            if (format is ContainerFormat.Mpeg or ContainerFormat.OggVorbis && stream.Length <= int.MaxValue)
            {
                var memory = new MemoryStream((int)stream.Length);
                await stream.CopyToAsync(memory, cancellationToken).ConfigureAwait(false);
                await stream.DisposeAsync().ConfigureAwait(false);
                memory.Position = 0;
                stream = memory;
            }

            return Build(OpenDecoder(stream, ownsStream: true, path, Path.GetFullPath(path), format, ffmpeg), options, path);
        }
        catch
        {
            await stream.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a stream.</summary>
    /// <param name="stream">The stream, positioned at the start of the audio.</param>
    /// <param name="leaveOpen">Whether the caller keeps ownership of the stream.</param>
    /// <param name="options">Conversions and NaN handling.</param>
    /// <param name="ffmpeg">Where to find ffmpeg.</param>
    /// <returns>The chain, which the caller owns.</returns>
    public static ISampleSource OpenStream(Stream stream, bool leaveOpen, AudioLoadOptions options, FfmpegLocator ffmpeg)
    {
        var head = new byte[FormatDetector.HeadLength];
        var start = stream.CanSeek ? stream.Position : 0;
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var format = Detect(head.AsSpan(0, length), path: null);
        Stream source;
        var owns = !leaveOpen;
        if (stream.CanSeek)
        {
            stream.Position = start;
            source = stream;
        }
        else
        {
            source = new PrefixedStream(head, length, stream, ownsInner: owns);
            owns = true;
        }

        try
        {
            return Build(OpenDecoder(source, owns, displayPath: null, filePath: null, format, ffmpeg), options, null);
        }
        catch
        {
            if (owns)
            {
                source.Dispose();
            }

            throw;
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan);

    private static ISampleSource Build(ISampleSource decoder, AudioLoadOptions options, string? path)
    {
        ISampleSource source = new FiniteSampleGuardSource(decoder, options.ReplaceNonFiniteSamples, path);
        try
        {
            var channels = options.ChannelCount ?? source.ChannelCount;
            var rate = options.SampleRate ?? source.SampleRate;
            if (channels < source.ChannelCount)
            {
                source = new ChannelMixingSource(source, channels);
            }

            if (rate != source.SampleRate)
            {
                source = new ResamplingSource(source, rate);
            }

            if (channels != source.ChannelCount)
            {
                source = new ChannelMixingSource(source, channels);
            }

            return source;
        }
        catch
        {
            source.Dispose();
            throw;
        }
    }

    private static ContainerFormat Detect(ReadOnlySpan<byte> head, string? path)
    {
        if (head.IsEmpty)
        {
            throw new AudioFormatException($"{(path is null ? "The stream" : $"'{path}'")} is empty (0 bytes): there is no audio to read.", path);
        }

        return FormatDetector.Detect(head, path is null ? null : Path.GetExtension(path));
    }

    /// <summary>Creates the decoder; on success it owns <paramref name="stream"/> when <paramref name="ownsStream"/>.</summary>
    private static ISampleSource OpenDecoder(Stream stream, bool ownsStream, string? displayPath, string? filePath, ContainerFormat format, FfmpegLocator ffmpeg)
    {
        switch (format)
        {
            case ContainerFormat.Wav:
            {
                var start = stream.CanSeek ? stream.Position : 0;
                var wav = WavSampleSource.Open(stream, ownsStream, displayPath, out var tag);
                if (wav is not null)
                {
                    return wav;
                }

                var executable = ffmpeg.Find();
                if (executable is null || (!stream.CanSeek && filePath is null))
                {
                    throw new AudioFormatException(
                        $"The WAV file uses encoding {DescribeFormatTag(tag)}, which is not decoded in-process (PCM and IEEE float are); {FfmpegLocator.InstallAdvice}.",
                        displayPath);
                }

                if (stream.CanSeek)
                {
                    stream.Position = start;
                }

                return OpenWithFfmpeg(executable, stream, ownsStream, displayPath, filePath);
            }

            case ContainerFormat.Mpeg:
                return Mp3SampleSource.Open(Seekable(ref stream, ref ownsStream), ownsStream, displayPath);

            case ContainerFormat.OggVorbis:
                return VorbisSampleSource.Open(Seekable(ref stream, ref ownsStream), ownsStream, displayPath);

            default:
            {
                var executable = ffmpeg.Find() ?? throw new AudioFormatException(
                    $"{(displayPath is null ? "The stream" : $"'{displayPath}'")} is not WAV, MP3 or Ogg Vorbis, so decoding it needs ffmpeg, which was not found on PATH or through MUSICAI_FFMPEG: {FfmpegLocator.InstallAdvice}.",
                    displayPath);
                return OpenWithFfmpeg(executable, stream, ownsStream, displayPath, filePath);
            }
        }
    }

    private static FfmpegSampleSource OpenWithFfmpeg(string executable, Stream stream, bool ownsStream, string? displayPath, string? filePath)
    {
        if (filePath is not null)
        {
            var source = FfmpegSampleSource.Open(executable, filePath, displayPath);
            if (ownsStream)
            {
                stream.Dispose();
            }

            return source;
        }

        var temporary = Path.Combine(Path.GetTempPath(), $"musicai-{Guid.NewGuid():N}.input");
        using (var copy = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
        {
            stream.CopyTo(copy);
        }

        if (ownsStream)
        {
            stream.Dispose();
        }

        return FfmpegSampleSource.Open(executable, temporary, displayPath, temporaryInput: temporary);
    }

    private static Stream Seekable(ref Stream stream, ref bool ownsStream)
    {
        // NLayer and NVorbis address the stream from offset 0, so a stream that starts elsewhere is copied too.
        if (stream.CanSeek && stream.Position == 0)
        {
            return stream;
        }

        var memory = new MemoryStream();
        stream.CopyTo(memory);
        if (ownsStream)
        {
            stream.Dispose();
        }

        memory.Position = 0;
        stream = memory;
        ownsStream = true;
        return memory;
    }

    private static string DescribeFormatTag(int tag) => tag switch
    {
        0x0002 => "0x0002 (Microsoft ADPCM)",
        0x0006 => "0x0006 (A-law)",
        0x0007 => "0x0007 (µ-law)",
        0x0011 => "0x0011 (IMA ADPCM)",
        0x0031 => "0x0031 (GSM 6.10)",
        0x0050 => "0x0050 (MPEG)",
        0x0055 => "0x0055 (MPEG Layer 3)",
        0xFFFE => "WAVE_FORMAT_EXTENSIBLE with a non-PCM sub-format",
        _ => $"0x{tag:X4}",
    };
}
