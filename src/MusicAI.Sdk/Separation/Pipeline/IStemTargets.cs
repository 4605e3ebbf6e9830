using System.Buffers;
using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>Where the finished stems go, block after block, at the input's rate and channel count.</summary>
internal interface IStemTargets
{
    /// <summary>Appends the next <paramref name="frames"/> frames of every requested stem (<c>stems[stem][channel]</c>).</summary>
    void Write(float[][][] stems, int frames);
}

/// <summary>Fills one <see cref="AudioBuffer"/> per stem.</summary>
internal sealed class BufferStemTargets(AudioBuffer[] buffers) : IStemTargets
{
    private int _position;

    /// <inheritdoc/>
    public void Write(float[][][] stems, int frames)
    {
        for (var s = 0; s < buffers.Length; s++)
        {
            for (var c = 0; c < buffers[s].ChannelCount; c++)
            {
                stems[s][c].AsSpan(0, frames).CopyTo(buffers[s].GetChannel(c)[_position..]);
            }
        }

        _position += frames;
    }
}

/// <summary>Streams every stem to its own <see cref="AudioWriter"/>.</summary>
internal sealed class WriterStemTargets(AudioWriter[] writers, int channels) : IStemTargets, IDisposable
{
    private float[] _scratch = [];

    /// <inheritdoc/>
    public void Write(float[][][] stems, int frames)
    {
        if (_scratch.Length < frames * channels)
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<float>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<float>.Shared.Rent(frames * channels);
        }

        for (var s = 0; s < writers.Length; s++)
        {
            for (var c = 0; c < channels; c++)
            {
                var source = stems[s][c];
                for (var i = 0; i < frames; i++)
                {
                    _scratch[(i * channels) + c] = source[i];
                }
            }

            writers[s].Write(_scratch.AsSpan(0, frames * channels));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_scratch.Length > 0)
        {
            ArrayPool<float>.Shared.Return(_scratch);
            _scratch = [];
        }
    }
}
