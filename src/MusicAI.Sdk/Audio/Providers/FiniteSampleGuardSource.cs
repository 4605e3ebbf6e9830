using System.Numerics;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Audio.Providers;

/// <summary>
/// Stops NaN and ±∞ samples from a decoder before they reach filters that would spread them: by default with an
/// <see cref="AudioFormatException"/> naming the first bad frame, or by replacing them with 0.
/// </summary>
internal sealed class FiniteSampleGuardSource(ISampleSource inner, bool replace, string? path) : ISampleSource
{
    private long _frames;

    /// <inheritdoc/>
    public int SampleRate => inner.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => inner.ChannelCount;

    /// <inheritdoc/>
    public long? FrameCount => inner.FrameCount;

    /// <summary>Finds the first non-finite sample, or -1.</summary>
    /// <param name="samples">The samples to scan.</param>
    /// <returns>The index of the first NaN or infinity, or -1.</returns>
    public static int IndexOfNonFinite(ReadOnlySpan<float> samples)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            // x - x is 0 for finite x and NaN for NaN and ±∞.
            for (; i <= samples.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(samples[i..]);
                if (!Vector.EqualsAll(v - v, Vector<float>.Zero))
                {
                    break;
                }
            }
        }

        for (; i < samples.Length; i++)
        {
            if (!float.IsFinite(samples[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <inheritdoc/>
    public int Read(Span<float> destination)
    {
        var n = inner.Read(destination);
        Check(destination[..n]);
        return n;
    }

    /// <inheritdoc/>
    public async ValueTask<int> ReadAsync(Memory<float> destination, CancellationToken cancellationToken)
    {
        var n = await inner.ReadAsync(destination, cancellationToken).ConfigureAwait(false);
        Check(destination.Span[..n]);
        return n;
    }

    /// <inheritdoc/>
    public void Dispose() => inner.Dispose();

    private void Check(Span<float> samples)
    {
        var bad = IndexOfNonFinite(samples);
        if (bad >= 0)
        {
            if (!replace)
            {
                var channels = inner.ChannelCount;
                var value = samples[bad];
                throw new AudioFormatException(
                    $"Frame {_frames + (bad / channels)} (channel {bad % channels}) holds {value}, not a finite sample: the file is corrupt or was written by a broken encoder. To load it anyway with such samples replaced by 0, set AudioLoadOptions.ReplaceNonFiniteSamples = true.",
                    path);
            }

            for (var i = bad; i < samples.Length; i++)
            {
                if (!float.IsFinite(samples[i]))
                {
                    samples[i] = 0;
                }
            }
        }

        _frames += samples.Length / inner.ChannelCount;
    }
}
