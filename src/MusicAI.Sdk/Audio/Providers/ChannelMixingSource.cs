using System.Buffers;
using MusicAI.Sdk.Audio.Channels;

namespace MusicAI.Sdk.Audio.Providers;

/// <summary>Converts the channel count of a source with the <see cref="ChannelMixer"/> matrix.</summary>
internal sealed class ChannelMixingSource : ISampleSource
{
    private const int MaxFramesPerRead = 8192;

    private readonly ISampleSource _inner;
    private readonly float[] _matrix;
    private float[] _scratch = [];

    /// <summary>Wraps a source.</summary>
    /// <param name="inner">The source to convert.</param>
    /// <param name="channelCount">The target channel count.</param>
    public ChannelMixingSource(ISampleSource inner, int channelCount)
    {
        _inner = inner;
        ChannelCount = channelCount;
        _matrix = ChannelMixer.Matrix(inner.ChannelCount, channelCount);
    }

    /// <inheritdoc/>
    public int SampleRate => _inner.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount { get; }

    /// <inheritdoc/>
    public long? FrameCount => _inner.FrameCount;

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        var frames = Plan(destination.Length, nameof(destination));
        var n = _inner.Read(_scratch.AsSpan(0, frames * _inner.ChannelCount));
        return Mix(n, destination);
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<float> destination, CancellationToken cancellationToken)
    {
        var frames = Plan(destination.Length, nameof(destination));
        var n = await _inner.ReadAsync(_scratch.AsMemory(0, frames * _inner.ChannelCount), cancellationToken).ConfigureAwait(false);
        return Mix(n, destination.Span);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _inner.Dispose();
        var scratch = Interlocked.Exchange(ref _scratch, []);
        if (scratch.Length > 0)
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private int Plan(int destinationLength, string paramName)
    {
        SampleSourceGuard.ThrowIfShorterThanFrame(destinationLength, ChannelCount, paramName);
        var frames = Math.Min(destinationLength / ChannelCount, MaxFramesPerRead);
        var needed = frames * _inner.ChannelCount;
        if (_scratch.Length < needed)
        {
            if (_scratch.Length > 0)
            {
                ArrayPool<float>.Shared.Return(_scratch);
            }

            _scratch = ArrayPool<float>.Shared.Rent(needed);
        }

        return frames;
    }

    private int Mix(int samples, Span<float> destination)
    {
        var frames = samples / _inner.ChannelCount;
        ChannelMixer.MixInterleaved(_matrix, _inner.ChannelCount, ChannelCount, _scratch.AsSpan(0, samples), destination);
        return frames * ChannelCount;
    }
}
