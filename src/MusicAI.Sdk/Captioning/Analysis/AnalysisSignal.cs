using System.Buffers;
using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Resampling;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// The mono analysis signal at <see cref="AnalysisGrid.SampleRate"/>, built incrementally from chunks of the input:
/// channels are averaged, then resampled by a streaming polyphase resampler (scipy <c>resample_poly</c> design,
/// enough for analysis). Only a sliding part is kept: readers say which samples they no longer need.
/// </summary>
/// <remarks>Not thread-safe. Memory: the samples not yet discarded plus the resampler history.</remarks>
internal sealed class AnalysisSignal : IDisposable
{
    private readonly PolyphaseResampler? _resampler;
    private float[] _buffer;
    private float[] _mix = [];
    private long _start;
    private int _count;

    /// <summary>Creates the signal for input at <paramref name="inputRate"/> Hz.</summary>
    public AnalysisSignal(int inputRate)
    {
        if (inputRate != AnalysisGrid.SampleRate)
        {
            _resampler = new PolyphaseResampler(ResamplerKernel.Create(inputRate, AnalysisGrid.SampleRate, ResamplerQuality.ScipyCompatible), 1);
        }

        _buffer = ArrayPool<float>.Shared.Rent(1 << 16);
    }

    /// <summary>Gets the number of analysis samples produced so far (absolute index one past the last).</summary>
    public long Available => _start + _count;

    /// <summary>Gets the largest number of samples held at once so far (the memory bound, tested).</summary>
    public int PeakHeld { get; private set; }

    /// <summary>Gets a value indicating whether the input has ended (every sample is <see cref="Available"/>).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Appends input frames [<paramref name="startFrame"/>, startFrame + frameCount) of every channel (averaged).</summary>
    public void Append(AudioBuffer source, int startFrame, int frameCount)
    {
        if (frameCount <= 0)
        {
            return;
        }

        if (_mix.Length < frameCount)
        {
            _mix = new float[Math.Max(frameCount, 4096)];
        }

        var mix = _mix.AsSpan(0, frameCount);
        source.GetChannel(0).Slice(startFrame, frameCount).CopyTo(mix);
        for (var c = 1; c < source.ChannelCount; c++)
        {
            TensorPrimitives.Add(mix, source.GetChannel(c).Slice(startFrame, frameCount), mix);
        }

        if (source.ChannelCount > 1)
        {
            TensorPrimitives.Multiply(mix, 1f / source.ChannelCount, mix);
        }

        // Non-finite input (NaN, ±∞) would poison every feature; it is treated as silence.
        for (var i = 0; i < mix.Length; i++)
        {
            if (!float.IsFinite(mix[i]))
            {
                mix[i] = 0f;
            }
        }

        if (_resampler is null)
        {
            Push(mix);
        }
        else
        {
            _resampler.Write(mix);
            Drain();
        }
    }

    /// <summary>Marks the end of the input.</summary>
    public void Complete()
    {
        if (IsComplete)
        {
            return;
        }

        if (_resampler is not null)
        {
            _resampler.Complete();
            Drain();
        }

        IsComplete = true;
    }

    /// <summary>
    /// Copies samples [<paramref name="from"/>, from + destination.Length) into <paramref name="destination"/>, with
    /// zeros before 0 and after the end (centred frames see zero padding, like a constant-padded STFT).
    /// </summary>
    /// <exception cref="InvalidOperationException">Part of the range was discarded or has not arrived yet.</exception>
    public void CopyTo(long from, Span<float> destination)
    {
        destination.Clear();
        var end = from + destination.Length;
        var lo = Math.Max(from, Math.Max(0, _start));
        var hi = Math.Min(end, Available);
        if ((from < _start && _start > 0 && end > 0) || (end > Available && !IsComplete))
        {
            throw new InvalidOperationException($"Analysis samples [{from}, {end}) are not held (held: [{_start}, {Available}), complete: {IsComplete}).");
        }

        if (hi > lo)
        {
            _buffer.AsSpan((int)(lo - _start), (int)(hi - lo)).CopyTo(destination[(int)(lo - from)..]);
        }
    }

    /// <summary>Drops the samples before <paramref name="before"/>.</summary>
    public void Discard(long before)
    {
        var drop = (int)Math.Clamp(before - _start, 0, _count);
        if (drop == 0)
        {
            return;
        }

        _buffer.AsSpan(drop, _count - drop).CopyTo(_buffer);
        _count -= drop;
        _start += drop;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _resampler?.Dispose();
        var buffer = Interlocked.Exchange(ref _buffer, []);
        if (buffer.Length > 0)
        {
            ArrayPool<float>.Shared.Return(buffer);
        }
    }

    private void Drain()
    {
        Span<float> chunk = stackalloc float[1024];
        int n;
        while ((n = _resampler!.Read(chunk)) > 0)
        {
            Push(chunk[..n]);
        }
    }

    private void Push(ReadOnlySpan<float> samples)
    {
        if (_count + samples.Length > _buffer.Length)
        {
            var grown = ArrayPool<float>.Shared.Rent(Math.Max(_buffer.Length * 2, _count + samples.Length));
            _buffer.AsSpan(0, _count).CopyTo(grown);
            ArrayPool<float>.Shared.Return(_buffer);
            _buffer = grown;
        }

        samples.CopyTo(_buffer.AsSpan(_count));
        _count += samples.Length;
        PeakHeld = Math.Max(PeakHeld, _count);
    }
}
