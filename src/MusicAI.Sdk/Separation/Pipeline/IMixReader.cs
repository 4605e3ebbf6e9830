using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>Reads the original mix sequentially, at the input's rate, for the residual stem.</summary>
internal interface IMixReader : IDisposable
{
    /// <summary>Reads the next <paramref name="frames"/> frames into the start of each channel array (zeros past the end).</summary>
    void Read(float[][] destination, int frames);
}

/// <summary>An <see cref="IMixReader"/> over audio in memory.</summary>
internal sealed class BufferMixReader(AudioBuffer buffer) : IMixReader
{
    private long _position;

    /// <inheritdoc/>
    public void Read(float[][] destination, int frames)
    {
        var (offset, from, count) = SourceReads.Overlap(_position, frames, buffer.FrameCount);
        for (var c = 0; c < destination.Length; c++)
        {
            var target = destination[c].AsSpan(0, frames);
            target.Clear();
            if (count > 0)
            {
                buffer.GetChannel(c).Slice((int)from, count).CopyTo(target[offset..]);
            }
        }

        _position += frames;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
    }
}

/// <summary>An <see cref="IMixReader"/> over a source of interleaved frames (an <see cref="AudioReader"/> or a spool).</summary>
internal sealed class InterleavedMixReader : IMixReader
{
    private readonly Func<Span<float>, int> _read;
    private readonly IDisposable? _owned;
    private readonly int _channels;
    private float[] _scratch = [];

    /// <summary>Creates a reader.</summary>
    /// <param name="read">Fills whole interleaved frames, returns the frames read (fewer only at the end).</param>
    /// <param name="channels">Interleaved channels.</param>
    /// <param name="owned">Disposed with the reader.</param>
    public InterleavedMixReader(Func<Span<float>, int> read, int channels, IDisposable? owned)
    {
        _read = read;
        _channels = channels;
        _owned = owned;
    }

    /// <summary>Reads a spool sequentially.</summary>
    public static InterleavedMixReader FromSpool(SpooledSeparationSource spool)
    {
        long position = 0;
        return new InterleavedMixReader(
            interleaved =>
            {
                var frames = (int)Math.Clamp(spool.FrameCount - position, 0, interleaved.Length / spool.ChannelCount);
                spool.ReadInterleaved(position, interleaved[..(frames * spool.ChannelCount)]);
                position += frames;
                return frames;
            },
            spool.ChannelCount,
            owned: null);
    }

    /// <summary>Reads an audio reader to its end; the reader is disposed with this one.</summary>
    public static InterleavedMixReader FromReader(AudioReader reader) => new(reader.Read, reader.ChannelCount, reader);

    /// <inheritdoc/>
    public void Read(float[][] destination, int frames)
    {
        if (_scratch.Length < frames * _channels)
        {
            _scratch = new float[frames * _channels];
        }

        var filled = 0;
        while (filled < frames)
        {
            var n = _read(_scratch.AsSpan(filled * _channels, (frames - filled) * _channels));
            if (n == 0)
            {
                break;
            }

            filled += n;
        }

        _scratch.AsSpan(filled * _channels, (frames - filled) * _channels).Clear();
        for (var c = 0; c < _channels; c++)
        {
            var target = destination[c];
            for (var i = 0; i < frames; i++)
            {
                target[i] = _scratch[(i * _channels) + c];
            }
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _owned?.Dispose();
}
