using System.Buffers;

namespace MusicAI.Sdk.Audio.Resampling;

/// <summary>
/// Streaming sample-rate conversion of interleaved audio with a <see cref="ResamplerKernel"/>.
/// </summary>
/// <remarks>
/// <para>Feed input with <see cref="Write"/>, mark the end with <see cref="Complete"/>, and pull output with
/// <see cref="Read"/>. Output is identical, bit for bit, to <see cref="Process"/> on the whole signal however the
/// input is chunked: every output sample is the same dot product over the same values (zeros before the start
/// and after the end). The output has <c>ceil(inputFrames · up / down)</c> frames; output frame <c>m</c> is at time
/// <c>m / outputRate</c>.</para>
/// <para>History is kept per channel in pooled arrays that grow to the largest chunk and are compacted in place;
/// nothing is allocated per call after warm-up. Not thread-safe; dispose to return the memory.</para>
/// </remarks>
internal sealed class PolyphaseResampler : IDisposable
{
    private readonly ResamplerKernel _kernel;
    private readonly int _channels;
    private float[][] _history;
    private int _capacity;
    private long _historyStart;
    private int _historyCount;
    private long _inputFrames;
    private long? _outputTotal;
    private long _outputIndex;
    private long _base;
    private int _phase;

    /// <summary>Creates a resampler.</summary>
    /// <param name="kernel">The filter table.</param>
    /// <param name="channels">Interleaved channels.</param>
    public PolyphaseResampler(ResamplerKernel kernel, int channels)
    {
        _kernel = kernel;
        _channels = channels;
        _history = new float[channels][];
        _capacity = Math.Max(4096, 2 * kernel.Taps);
        for (var c = 0; c < channels; c++)
        {
            _history[c] = ArrayPool<float>.Shared.Rent(_capacity);
        }

        // Zeros for the inputs before the start that the first outputs reach back to.
        _historyStart = kernel.FirstTap;
        _historyCount = -kernel.FirstTap;
        foreach (var channel in _history)
        {
            Array.Clear(channel, 0, _historyCount);
        }
    }

    /// <summary>Gets the kernel.</summary>
    public ResamplerKernel Kernel => _kernel;

    /// <summary>Gets whether <see cref="Complete"/> was called and every output frame has been read.</summary>
    public bool IsFinished => _outputTotal is { } total && _outputIndex >= total;

    /// <summary>
    /// Resamples one channel in one go.
    /// </summary>
    /// <param name="kernel">The filter table.</param>
    /// <param name="input">The whole input signal.</param>
    /// <param name="output">Exactly <see cref="ResamplerKernel.OutputLength"/> samples.</param>
    public static void Process(ResamplerKernel kernel, ReadOnlySpan<float> input, Span<float> output)
    {
        if (output.Length != kernel.OutputLength(input.Length))
        {
            throw new ArgumentException($"{input.Length} input samples make {kernel.OutputLength(input.Length)} output samples, not {output.Length}.", nameof(output));
        }

        var taps = kernel.Taps;
        var padded = ArrayPool<float>.Shared.Rent(taps);
        try
        {
            long baseIndex = 0;
            var phase = 0;
            for (var m = 0; m < output.Length; m++)
            {
                var start = baseIndex + kernel.FirstTap;
                ReadOnlySpan<float> window;
                if (start >= 0 && start + taps <= input.Length)
                {
                    window = input.Slice((int)start, taps);
                }
                else
                {
                    var span = padded.AsSpan(0, taps);
                    span.Clear();
                    var from = Math.Max(start, 0);
                    var to = Math.Min(start + taps, input.Length);
                    if (to > from)
                    {
                        input[(int)from..(int)to].CopyTo(span[(int)(from - start)..]);
                    }

                    window = span;
                }

                output[m] = kernel.Compute(phase, window);
                phase += kernel.Down;
                baseIndex += phase / kernel.Up;
                phase %= kernel.Up;
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(padded);
        }
    }

    /// <summary>Appends interleaved input frames.</summary>
    /// <param name="interleaved">Whole frames.</param>
    public void Write(ReadOnlySpan<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_history.Length == 0, this);
        if (_outputTotal is not null)
        {
            throw new InvalidOperationException("The input was already completed.");
        }

        var frames = interleaved.Length / _channels;
        if (frames * _channels != interleaved.Length)
        {
            throw new ArgumentException($"{interleaved.Length} samples is not a whole number of {_channels}-channel frames.", nameof(interleaved));
        }

        Reserve(frames);
        if (_channels == 1)
        {
            interleaved.CopyTo(_history[0].AsSpan(_historyCount));
        }
        else
        {
            for (var c = 0; c < _channels; c++)
            {
                var target = _history[c].AsSpan(_historyCount, frames);
                for (var i = 0; i < frames; i++)
                {
                    target[i] = interleaved[(i * _channels) + c];
                }
            }
        }

        _historyCount += frames;
        _inputFrames += frames;
    }

    /// <summary>Marks the end of the input; the remaining outputs see zeros after it.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_history.Length == 0, this);
        if (_outputTotal is not null)
        {
            return;
        }

        _outputTotal = _kernel.OutputLength(_inputFrames);
        var pad = _kernel.Taps + 1;
        Reserve(pad);
        foreach (var channel in _history)
        {
            Array.Clear(channel, _historyCount, pad);
        }

        _historyCount += pad;
    }

    /// <summary>
    /// Produces as many output frames as the input so far allows.
    /// </summary>
    /// <param name="interleaved">Destination for whole frames.</param>
    /// <returns>The number of frames written.</returns>
    public int Read(Span<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_history.Length == 0, this);
        var capacity = interleaved.Length / _channels;
        var taps = _kernel.Taps;
        var frames = 0;
        while (frames < capacity)
        {
            if (_outputTotal is { } total && _outputIndex >= total)
            {
                break;
            }

            var offset = _base + _kernel.FirstTap - _historyStart;
            if (offset + taps > _historyCount)
            {
                break;
            }

            var at = frames * _channels;
            for (var c = 0; c < _channels; c++)
            {
                interleaved[at + c] = _kernel.Compute(_phase, _history[c].AsSpan((int)offset, taps));
            }

            frames++;
            _outputIndex++;
            _phase += _kernel.Down;
            _base += _phase / _kernel.Up;
            _phase %= _kernel.Up;
        }

        return frames;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        var history = Interlocked.Exchange(ref _history, []);
        foreach (var channel in history)
        {
            ArrayPool<float>.Shared.Return(channel);
        }
    }

    /// <summary>Drops history no future output needs and makes room for <paramref name="frames"/> more.</summary>
    private void Reserve(int frames)
    {
        var needed = _base + _kernel.FirstTap;
        var dead = (int)Math.Clamp(needed - _historyStart, 0, _historyCount);
        var capacity = _capacity;
        if (_historyCount + frames <= capacity && dead < capacity / 2)
        {
            return;
        }

        var keep = _historyCount - dead;
        var newCapacity = capacity;
        while (keep + frames > newCapacity)
        {
            newCapacity *= 2;
        }

        for (var c = 0; c < _channels; c++)
        {
            var old = _history[c];
            if (newCapacity == capacity)
            {
                Array.Copy(old, dead, old, 0, keep);
            }
            else
            {
                var grown = ArrayPool<float>.Shared.Rent(newCapacity);
                Array.Copy(old, dead, grown, 0, keep);
                ArrayPool<float>.Shared.Return(old);
                _history[c] = grown;
            }
        }

        _capacity = newCapacity;
        _historyStart += dead;
        _historyCount = keep;
    }
}
