using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Resampling;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>
/// A random-access <see cref="ISeparationSource"/> over a temporary file of interleaved float32 frames: the input
/// decoded once (and resampled to the engine's rate when it differs), so engines can read any range, several times,
/// whatever the input's length, without holding it in memory.
/// </summary>
/// <remarks>
/// The file is created with <see cref="FileOptions.DeleteOnClose"/> in a directory the caller chooses (the output
/// directory, so a large spool lands on the disk the user picked, not on a RAM-backed temp folder). Reads are
/// positional and thread-safe. Dispose to delete the file.
/// </remarks>
internal sealed class SpooledSeparationSource : ISeparationSource, IDisposable
{
    private const int ChunkFrames = 16384;

    private readonly FileStream _file;
    private readonly SafeFileHandle _handle;

    private SpooledSeparationSource(FileStream file, int sampleRate, int channelCount, long frameCount)
    {
        _file = file;
        _handle = file.SafeFileHandle;
        SampleRate = sampleRate;
        ChannelCount = channelCount;
        FrameCount = frameCount;
    }

    /// <inheritdoc/>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public int ChannelCount { get; }

    /// <inheritdoc/>
    public long FrameCount { get; }

    /// <summary>
    /// Decodes a reader to its end into a spool at <paramref name="sampleRate"/> (0 keeps the reader's rate).
    /// </summary>
    /// <param name="reader">The input, positioned at its start.</param>
    /// <param name="sampleRate">The spool's rate; 0 or the reader's rate means no conversion.</param>
    /// <param name="directory">Where the temporary file goes.</param>
    /// <param name="progress">Receives <c>decode</c> progress in input frames.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The spool and the number of frames the reader delivered at its own rate.</returns>
    public static async Task<(SpooledSeparationSource Source, long InputFrames)> CreateAsync(
        AudioReader reader, int sampleRate, string directory, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var channels = reader.ChannelCount;
        var rate = sampleRate == 0 ? reader.SampleRate : sampleRate;
        var path = Path.Combine(directory, $".musicai-spool-{Guid.NewGuid():N}.tmp");
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var input = ArrayPool<float>.Shared.Rent(ChunkFrames * channels);
        var output = ArrayPool<float>.Shared.Rent(ChunkFrames * channels);
        var resampler = rate == reader.SampleRate ? null : new PolyphaseResampler(ResamplerKernel.Create(reader.SampleRate, rate), channels);
        try
        {
            long inputFrames = 0, spooled = 0;
            while (true)
            {
                var n = await reader.ReadAsync(input.AsMemory(0, ChunkFrames * channels), cancellationToken).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                inputFrames += n;
                if (resampler is null)
                {
                    Write(file, input, n * channels);
                    spooled += n;
                }
                else
                {
                    resampler.Write(input.AsSpan(0, n * channels));
                    spooled += Drain(resampler, file, output, channels);
                }

                progress?.Report(new ProcessingProgress("decode", inputFrames, reader.FrameCount ?? 0));
            }

            if (resampler is not null)
            {
                resampler.Complete();
                spooled += Drain(resampler, file, output, channels);
            }

            file.Flush();
            return (new SpooledSeparationSource(file, rate, channels, spooled), inputFrames);
        }
        catch
        {
            file.Dispose();
            throw;
        }
        finally
        {
            resampler?.Dispose();
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<float>.Shared.Return(output);
        }
    }

    /// <inheritdoc/>
    public void Read(long startFrame, AudioBuffer destination)
    {
        SourceReads.Validate(this, destination);
        var channels = ChannelCount;
        var (offset, from, count) = SourceReads.Overlap(startFrame, destination.FrameCount, FrameCount);
        for (var c = 0; c < channels; c++)
        {
            var target = destination.GetChannel(c);
            target[..offset].Clear();
            target[(offset + count)..].Clear();
        }

        var scratch = ArrayPool<float>.Shared.Rent(Math.Min(count, ChunkFrames) * channels);
        try
        {
            for (var done = 0; done < count;)
            {
                var frames = Math.Min(ChunkFrames, count - done);
                var interleaved = scratch.AsSpan(0, frames * channels);
                ReadInterleaved(from + done, interleaved);
                destination.CopyFromInterleaved(interleaved, offset + done);
                done += frames;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Reads whole interleaved frames starting at <paramref name="startFrame"/>, all inside the spool.</summary>
    public void ReadInterleaved(long startFrame, Span<float> interleaved)
    {
        var bytes = MemoryMarshal.AsBytes(interleaved);
        var position = startFrame * ChannelCount * sizeof(float);
        while (!bytes.IsEmpty)
        {
            var n = RandomAccess.Read(_handle, bytes, position);
            if (n == 0)
            {
                throw new IOException("The separation spool file ended early; the disk may be full or the file was changed.");
            }

            bytes = bytes[n..];
            position += n;
        }
    }

    /// <summary>Deletes the spool file.</summary>
    public void Dispose() => _file.Dispose();

    private static long Drain(PolyphaseResampler resampler, FileStream file, float[] output, int channels)
    {
        long total = 0;
        int frames;
        while ((frames = resampler.Read(output.AsSpan(0, ChunkFrames * channels))) > 0)
        {
            Write(file, output, frames * channels);
            total += frames;
        }

        return total;
    }

    private static void Write(FileStream file, float[] samples, int count) =>
        file.Write(MemoryMarshal.AsBytes(samples.AsSpan(0, count)));
}
