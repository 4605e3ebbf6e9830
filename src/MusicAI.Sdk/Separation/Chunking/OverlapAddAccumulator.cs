using System.Buffers;
using System.Numerics.Tensors;

namespace MusicAI.Sdk.Separation.Chunking;

/// <summary>
/// A sliding window of weighted overlap-add sums for chunked separation (the built-in pipeline's
/// <see cref="OverlapAddStitcher"/> and the neural engines' model-specific windows): per stem and channel a running
/// Σ weight·output, plus one running Σ weight, over frames [<see cref="Start"/>, Start + capacity). Chunks are added
/// in order; once no later chunk can touch the first frames they are normalised (sum / weight) and the window
/// advances, so memory stays at one chunk whatever the input length.
/// </summary>
/// <remarks>Not thread-safe; one instance per separation call. Buffers are rented and returned by <see cref="Dispose"/>.</remarks>
internal sealed class OverlapAddAccumulator : IDisposable
{
    private readonly float[][] _sums;
    private readonly float[] _weights;
    private readonly int _channels;
    private bool _disposed;

    /// <summary>Creates an accumulator of <paramref name="capacity"/> frames, all sums and weights zero.</summary>
    /// <param name="stems">Number of stems.</param>
    /// <param name="channels">Channels per stem.</param>
    /// <param name="capacity">Frames held: at least the longest chunk added.</param>
    public OverlapAddAccumulator(int stems, int channels, int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        Capacity = capacity;
        _channels = channels;
        _sums = new float[stems * channels][];
        for (var i = 0; i < _sums.Length; i++)
        {
            _sums[i] = ArrayPool<float>.Shared.Rent(capacity);
            Array.Clear(_sums[i], 0, capacity);
        }

        _weights = ArrayPool<float>.Shared.Rent(capacity);
        Array.Clear(_weights, 0, capacity);
    }

    /// <summary>Gets the number of frames the window holds.</summary>
    public int Capacity { get; }

    /// <summary>Gets the frame index (in the caller's coordinates) of the first frame of the window.</summary>
    public long Start { get; private set; }

    /// <summary>Adds <c>values · weights</c> to the sums of one stem and channel, from window offset <paramref name="offset"/>.</summary>
    public void AddWeighted(int stem, int channel, int offset, ReadOnlySpan<float> values, ReadOnlySpan<float> weights)
    {
        var sum = Sum(stem, channel).Slice(offset, values.Length);
        TensorPrimitives.MultiplyAdd(values, weights[..values.Length], sum, sum);
    }

    /// <summary>Adds <paramref name="values"/> unweighted (weight 1) to the sums of one stem and channel.</summary>
    public void Add(int stem, int channel, int offset, ReadOnlySpan<float> values)
    {
        var sum = Sum(stem, channel).Slice(offset, values.Length);
        TensorPrimitives.Add(sum, values, sum);
    }

    /// <summary>Adds <paramref name="weights"/> to the weight track from window offset <paramref name="offset"/>.</summary>
    public void AddWeights(int offset, ReadOnlySpan<float> weights)
    {
        var target = _weights.AsSpan(offset, weights.Length);
        TensorPrimitives.Add(target, weights, target);
    }

    /// <summary>Adds a constant weight to <paramref name="count"/> frames from window offset <paramref name="offset"/>.</summary>
    public void AddWeights(int offset, int count, float weight)
    {
        var target = _weights.AsSpan(offset, count);
        TensorPrimitives.Add(target, weight, target);
    }

    /// <summary>
    /// Writes sum / weight for <paramref name="destination"/>.Length frames from window offset <paramref name="offset"/>
    /// (0 where no weight was added).
    /// </summary>
    public void Normalize(int stem, int channel, int offset, Span<float> destination)
    {
        var sum = Sum(stem, channel).Slice(offset, destination.Length);
        var weight = _weights.AsSpan(offset, destination.Length);
        TensorPrimitives.Divide(sum, weight, destination);
        for (var i = 0; i < destination.Length; i++)
        {
            if (weight[i] == 0f)
            {
                destination[i] = 0f;
            }
        }
    }

    /// <summary>Drops the first <paramref name="count"/> frames: the window moves forward and its tail is zeroed.</summary>
    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        if (count == 0)
        {
            return;
        }

        foreach (var sum in _sums)
        {
            Shift(sum.AsSpan(0, Capacity), count);
        }

        Shift(_weights.AsSpan(0, Capacity), count);
        Start += count;
    }

    /// <summary>Returns the buffers to the pool.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var sum in _sums)
        {
            ArrayPool<float>.Shared.Return(sum);
        }

        ArrayPool<float>.Shared.Return(_weights);
    }

    private Span<float> Sum(int stem, int channel)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _sums[(stem * _channels) + channel].AsSpan(0, Capacity);
    }

    private static void Shift(Span<float> buffer, int count)
    {
        buffer[count..].CopyTo(buffer);
        buffer[^count..].Clear();
    }
}
