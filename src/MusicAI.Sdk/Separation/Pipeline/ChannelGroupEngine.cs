using System.Buffers;
using System.Runtime.InteropServices;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>
/// Runs an engine that needs a fixed channel count (neural models: 2) on input with any channel count: the input's
/// channels are cut into consecutive groups of the engine's count (L R | C LFE | Ls Rs for 5.1), a short last group is
/// filled by repeating its channels (mono → L = R), and each output channel is the mean of the engine channels that
/// carried it.
/// </summary>
/// <remarks>
/// One group is streamed straight to the sink. With several groups the engine runs once per group and each group's
/// stems go to a temporary file beside the spool, then the groups are read back in step and written to the sink, so
/// memory stays bounded. Progress counts every group's frames.
/// </remarks>
internal sealed class ChannelGroupEngine(ISeparationEngine inner, int inputChannels, string spoolDirectory) : ISeparationEngine
{
    private const int ReplayFrames = 16384;

    /// <inheritdoc/>
    public string Name => inner.Name;

    /// <inheritdoc/>
    public IReadOnlyList<Stem> Stems => inner.Stems;

    /// <inheritdoc/>
    public int SampleRate => inner.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => inputChannels;

    /// <summary>Gets whether an engine needs this adapter for the given input channel count.</summary>
    public static bool IsNeeded(ISeparationEngine engine, int inputChannels) =>
        engine.ChannelCount != 0 && engine.ChannelCount != inputChannels;

    /// <inheritdoc/>
    public async Task SeparateAsync(ISeparationSource source, ISeparationSink sink, SeparationSettings settings, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var size = inner.ChannelCount;
        var groups = (inputChannels + size - 1) / size;
        if (groups == 1)
        {
            var single = new GroupSource(source, 0, inputChannels, size);
            await inner.SeparateAsync(single, new GroupSink(sink, inputChannels, size, Stems.Count), settings, progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        var spools = new FileStream[groups];
        try
        {
            for (var g = 0; g < groups; g++)
            {
                var first = g * size;
                var count = Math.Min(size, inputChannels - first);
                spools[g] = new FileStream(
                    Path.Combine(spoolDirectory, $".musicai-group-{Guid.NewGuid():N}.tmp"),
                    FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
                var groupProgress = progress is null ? null : new OffsetProgress(progress, g * source.FrameCount, groups * source.FrameCount);
                var spoolSink = new GroupSink(new StreamSink(spools[g]), count, size, Stems.Count);
                await inner.SeparateAsync(new GroupSource(source, first, count, size), spoolSink, settings, groupProgress, cancellationToken).ConfigureAwait(false);
                spools[g].Flush();
                spools[g].Position = 0;
            }

            Replay(spools, source, sink, size);
        }
        finally
        {
            foreach (var spool in spools)
            {
                spool?.Dispose();
            }
        }
    }

    /// <summary>Does nothing: the adapter does not own the engine it wraps (the separator caches and disposes it).</summary>
    public void Dispose()
    {
    }

    private void Replay(FileStream[] spools, ISeparationSource source, ISeparationSink sink, int size)
    {
        var stems = Stems.Count;
        var blocks = new AudioBuffer[stems];
        var scratch = ArrayPool<float>.Shared.Rent(ReplayFrames * stems * size);
        try
        {
            for (long done = 0; done < source.FrameCount;)
            {
                var frames = (int)Math.Min(ReplayFrames, source.FrameCount - done);
                for (var s = 0; s < stems; s++)
                {
                    blocks[s] = AudioBuffer.Create(inputChannels, frames, source.SampleRate);
                }

                for (var g = 0; g < spools.Length; g++)
                {
                    var first = g * size;
                    var count = Math.Min(size, inputChannels - first);

                    // Spooled layout per frame: stem 0 channels, stem 1 channels, ...
                    var stride = stems * count;
                    var span = scratch.AsSpan(0, frames * stride);
                    spools[g].ReadExactly(MemoryMarshal.AsBytes(span));
                    for (var s = 0; s < stems; s++)
                    {
                        for (var c = 0; c < count; c++)
                        {
                            var target = blocks[s].GetChannel(first + c);
                            for (var i = 0; i < frames; i++)
                            {
                                target[i] = span[(i * stride) + (s * count) + c];
                            }
                        }
                    }
                }

                sink.Write(blocks);
                foreach (var block in blocks)
                {
                    block.Dispose();
                }

                done += frames;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>A view of <c>count</c> channels from <c>first</c>, repeated cyclically to the engine's <c>size</c>.</summary>
    private sealed class GroupSource(ISeparationSource source, int first, int count, int size) : ISeparationSource
    {
        public int SampleRate => source.SampleRate;

        public int ChannelCount => size;

        public long FrameCount => source.FrameCount;

        public void Read(long startFrame, AudioBuffer destination)
        {
            SourceReads.Validate(this, destination);
            using var all = AudioBuffer.Create(source.ChannelCount, destination.FrameCount, destination.SampleRate);
            source.Read(startFrame, all);
            for (var c = 0; c < size; c++)
            {
                all.GetChannel(first + (c % count)).CopyTo(destination.GetChannel(c));
            }
        }
    }

    /// <summary>Maps the engine's <c>size</c> channels back to the group's <c>count</c> by averaging the copies.</summary>
    private sealed class GroupSink(ISeparationSink inner, int count, int size, int stems) : ISeparationSink
    {
        public void Write(ReadOnlySpan<AudioBuffer> blocks)
        {
            if (count == size)
            {
                inner.Write(blocks);
                return;
            }

            var frames = blocks[0].FrameCount;
            var mapped = new AudioBuffer[stems];
            try
            {
                for (var s = 0; s < stems; s++)
                {
                    mapped[s] = AudioBuffer.Create(count, frames, blocks[s].SampleRate);
                    for (var c = 0; c < size; c++)
                    {
                        var target = mapped[s].GetChannel(c % count);
                        var from = blocks[s].GetChannel(c);
                        for (var i = 0; i < frames; i++)
                        {
                            target[i] += from[i];
                        }
                    }

                    for (var c = 0; c < count; c++)
                    {
                        var copies = (size / count) + (c < size % count ? 1 : 0);
                        var target = mapped[s].GetChannel(c);
                        for (var i = 0; i < frames; i++)
                        {
                            target[i] /= copies;
                        }
                    }
                }

                inner.Write(mapped);
            }
            finally
            {
                foreach (var buffer in mapped)
                {
                    buffer?.Dispose();
                }
            }
        }
    }

    /// <summary>Appends blocks to a file as interleaved frames (all stems' channels per frame).</summary>
    private sealed class StreamSink(Stream stream) : ISeparationSink
    {
        public void Write(ReadOnlySpan<AudioBuffer> blocks)
        {
            var frames = blocks[0].FrameCount;
            var channels = blocks[0].ChannelCount;
            var stride = blocks.Length * channels;
            var scratch = ArrayPool<float>.Shared.Rent(Math.Max(1, frames * stride));
            try
            {
                for (var s = 0; s < blocks.Length; s++)
                {
                    for (var c = 0; c < channels; c++)
                    {
                        var from = blocks[s].GetChannel(c);
                        for (var i = 0; i < frames; i++)
                        {
                            scratch[(i * stride) + (s * channels) + c] = from[i];
                        }
                    }
                }

                stream.Write(MemoryMarshal.AsBytes(scratch.AsSpan(0, frames * stride)));
            }
            finally
            {
                ArrayPool<float>.Shared.Return(scratch);
            }
        }
    }

    /// <summary>Reports a group's progress as part of the whole.</summary>
    private sealed class OffsetProgress(IProgress<ProcessingProgress> inner, long offset, long total) : IProgress<ProcessingProgress>
    {
        public void Report(ProcessingProgress value) => inner.Report(value with { Completed = offset + value.Completed, Total = total });
    }
}
