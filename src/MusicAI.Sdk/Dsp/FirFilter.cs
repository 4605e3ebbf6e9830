using System.Numerics;
using System.Runtime.CompilerServices;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Causal FIR filter <c>y[n] = Σ_k h[k]·x[n−k]</c> (<c>scipy.signal.lfilter(h, 1, x)</c>) with state, for one channel.
/// </summary>
/// <remarks>
/// Processes any block length in fixed chunks through one internal buffer (allocated once), vectorised over output
/// samples; the last taps − 1 inputs carry over to the next call. In-place use (output = input) is allowed.
/// Not thread-safe: one instance per channel and thread.
/// </remarks>
internal sealed class FirFilter
{
    private const int ChunkLength = 4096;

    private readonly float[] _kernel;
    private readonly float[] _work;

    /// <summary>Creates a filter with the given taps (h[0] multiplies the newest sample).</summary>
    public FirFilter(ReadOnlySpan<float> kernel)
    {
        if (kernel.IsEmpty)
        {
            throw new ArgumentException("An FIR filter needs at least one tap.", nameof(kernel));
        }

        _kernel = kernel.ToArray();
        _work = new float[kernel.Length - 1 + ChunkLength];
    }

    /// <summary>Gets the number of taps.</summary>
    public int Length => _kernel.Length;

    /// <summary>Clears the history (as if preceded by silence).</summary>
    public void Reset() => Array.Clear(_work, 0, _kernel.Length - 1);

    /// <summary>Filters <paramref name="input"/> into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(ReadOnlySpan<float> input, Span<float> output)
    {
        ThrowHelper.ThrowIfDestinationTooShort(output.Length, input.Length);
        var history = _kernel.Length - 1;
        var h = _kernel.AsSpan();
        for (var start = 0; start < input.Length; start += ChunkLength)
        {
            var count = Math.Min(ChunkLength, input.Length - start);
            var work = _work.AsSpan(0, history + count);
            input.Slice(start, count).CopyTo(work[history..]);
            var y = output.Slice(start, count);
            var i = 0;
            if (Vector.IsHardwareAccelerated)
            {
                var width = Vector<float>.Count;
                for (; i + width <= count; i += width)
                {
                    var acc = Vector<float>.Zero;
                    for (var k = 0; k < h.Length; k++)
                    {
                        acc = Vector.MultiplyAddEstimate(new Vector<float>(h[k]), new Vector<float>(work.Slice(history + i - k, width)), acc);
                    }

                    acc.CopyTo(y[i..]);
                }
            }

            for (; i < count; i++)
            {
                var acc = 0f;
                for (var k = 0; k < h.Length; k++)
                {
                    acc += h[k] * work[history + i - k];
                }

                y[i] = acc;
            }

            // Keep the newest taps − 1 inputs for the next chunk.
            work.Slice(count, history).CopyTo(_work);
        }
    }
}
