using System.Numerics.Tensors;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Spectral-flux onset strength over frames of log-power (usually log-mel) bands.
/// </summary>
/// <remarks>
/// <para>Definition (librosa's <c>onset_strength</c> with <c>max_size=1</c>, <c>aggregate=mean</c>, <c>detrend=False</c>):
/// for frame t ≥ lag, <c>o[t] = (1/B)·Σ_b max(0, S[t, b] − S[t − lag, b])</c>; frames t &lt; lag get 0. S is frame-major
/// (B bands per frame) and is typically <c>power_to_db(mel power)</c>, see <see cref="SpectralKernels.PowerToDecibels"/>.</para>
/// <para>Unlike librosa with <c>center=True</c>, no extra shift of n_fft/(2·hop) frames is applied: our STFT frames
/// are already centred on t·hop, so o[t] describes the change arriving at sample t·hop.</para>
/// </remarks>
internal static class OnsetStrength
{
    /// <summary>Mean over bands of <c>max(0, current[b] − previous[b])</c>.</summary>
    /// <param name="current">Bands of frame t.</param>
    /// <param name="previous">Bands of frame t − lag.</param>
    /// <param name="scratch">Work span of at least current.Length floats.</param>
    /// <returns>The flux (0 when there are no bands).</returns>
    public static float Flux(ReadOnlySpan<float> current, ReadOnlySpan<float> previous, Span<float> scratch)
    {
        ThrowHelper.ThrowIfLengthsDiffer(current.Length, previous.Length);
        ThrowHelper.ThrowIfDestinationTooShort(scratch.Length, current.Length);
        if (current.IsEmpty)
        {
            return 0f;
        }

        var difference = scratch[..current.Length];
        TensorPrimitives.Subtract(current, previous, difference);
        TensorPrimitives.Max(difference, 0f, difference);
        return TensorPrimitives.Sum(difference) / current.Length;
    }

    /// <summary>Onset strength of every frame.</summary>
    /// <param name="frames">Frame-major log-power values, frameCount·<paramref name="bandCount"/>.</param>
    /// <param name="bandCount">Bands per frame, 1 or more.</param>
    /// <param name="destination">One value per frame (at least frames.Length / bandCount).</param>
    /// <param name="scratch">Work span of at least <paramref name="bandCount"/> floats.</param>
    /// <param name="lag">Frame distance of the difference, 1 or more.</param>
    public static void Compute(ReadOnlySpan<float> frames, int bandCount, Span<float> destination, Span<float> scratch, int lag = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lag);
        if (frames.Length % bandCount != 0)
        {
            throw new ArgumentException($"The frame data ({frames.Length} values) is not a whole number of frames of {bandCount} bands.", nameof(frames));
        }

        var frameCount = frames.Length / bandCount;
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, frameCount);
        ThrowHelper.ThrowIfDestinationTooShort(scratch.Length, bandCount);
        for (var t = 0; t < frameCount; t++)
        {
            destination[t] = t < lag
                ? 0f
                : Flux(frames.Slice(t * bandCount, bandCount), frames.Slice((t - lag) * bandCount, bandCount), scratch);
        }
    }
}
