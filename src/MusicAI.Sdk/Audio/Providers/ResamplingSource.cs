using System.Buffers;
using MusicAI.Sdk.Audio.Resampling;

namespace MusicAI.Sdk.Audio.Providers;

/// <summary>Converts the sample rate of a source with a streaming <see cref="PolyphaseResampler"/>.</summary>
internal sealed class ResamplingSource : ISampleSource
{
    private const int InputFramesPerPull = 4096;

    private readonly ISampleSource _inner;
    private readonly PolyphaseResampler _resampler;
    private float[] _scratch;
    private bool _innerEnded;

    /// <summary>Wraps a source.</summary>
    /// <param name="inner">The source to convert.</param>
    /// <param name="sampleRate">The target sample rate.</param>
    /// <param name="quality">The filter design.</param>
    public ResamplingSource(ISampleSource inner, int sampleRate, ResamplerQuality quality = ResamplerQuality.High)
    {
        _inner = inner;
        SampleRate = sampleRate;
        var kernel = ResamplerKernel.Create(inner.SampleRate, sampleRate, quality);
        _resampler = new PolyphaseResampler(kernel, inner.ChannelCount);
        FrameCount = inner.FrameCount is { } frames ? kernel.OutputLength(frames) : null;
        _scratch = ArrayPool<float>.Shared.Rent(InputFramesPerPull * inner.ChannelCount);
    }

    /// <inheritdoc/>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public int ChannelCount => _inner.ChannelCount;

    /// <inheritdoc/>
    public long? FrameCount { get; }

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        SampleSourceGuard.ThrowIfShorterThanFrame(destination.Length, ChannelCount, nameof(destination));
        while (true)
        {
            var frames = _resampler.Read(destination);
            if (frames > 0 || _innerEnded)
            {
                return frames * ChannelCount;
            }

            Feed(_inner.Read(Scratch()));
        }
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<float> destination, CancellationToken cancellationToken)
    {
        SampleSourceGuard.ThrowIfShorterThanFrame(destination.Length, ChannelCount, nameof(destination));
        while (true)
        {
            var frames = _resampler.Read(destination.Span);
            if (frames > 0 || _innerEnded)
            {
                return frames * ChannelCount;
            }

            Feed(await _inner.ReadAsync(_scratch.AsMemory(0, InputFramesPerPull * _inner.ChannelCount), cancellationToken).ConfigureAwait(false));
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _inner.Dispose();
        _resampler.Dispose();
        var scratch = Interlocked.Exchange(ref _scratch, []);
        if (scratch.Length > 0)
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    private Span<float> Scratch()
    {
        ObjectDisposedException.ThrowIf(_scratch.Length == 0, this);
        return _scratch.AsSpan(0, InputFramesPerPull * _inner.ChannelCount);
    }

    private void Feed(int samples)
    {
        if (samples == 0)
        {
            _resampler.Complete();
            _innerEnded = true;
        }
        else
        {
            _resampler.Write(_scratch.AsSpan(0, samples));
        }
    }
}
