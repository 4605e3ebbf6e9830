using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Element-wise spectrum kernels in TensorPrimitives form: span inputs, destination last, lengths validated once,
/// no allocation. Complex values are split (separate real and imaginary spans), as <see cref="StftPlan"/> produces them.
/// </summary>
/// <remarks>
/// In-place use is allowed when a destination is exactly one of the inputs (same start and length); partially
/// overlapping spans are not supported (TensorPrimitives rule).
/// </remarks>
internal static class SpectralKernels
{
    /// <summary><c>destination[i] = re[i]² + im[i]²</c>.</summary>
    public static void Power(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> destination)
    {
        ThrowHelper.ThrowIfLengthsDiffer(real.Length, imaginary.Length);
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, real.Length);

        // One fused pass, so that the destination may alias either input.
        ref var re = ref MemoryMarshal.GetReference(real);
        ref var im = ref MemoryMarshal.GetReference(imaginary);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)real.Length;
        nuint i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i + (nuint)Vector<float>.Count <= n; i += (nuint)Vector<float>.Count)
            {
                var r = Vector.LoadUnsafe(ref re, i);
                var m = Vector.LoadUnsafe(ref im, i);
                Vector.StoreUnsafe(Vector.MultiplyAddEstimate(r, r, m * m), ref d, i);
            }
        }

        for (; i < n; i++)
        {
            float r = Unsafe.Add(ref re, i), m = Unsafe.Add(ref im, i);
            Unsafe.Add(ref d, i) = (r * r) + (m * m);
        }
    }

    /// <summary><c>destination[i] = √(re[i]² + im[i]²)</c>.</summary>
    public static void Magnitude(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> destination)
    {
        Power(real, imaginary, destination);
        TensorPrimitives.Sqrt(destination[..real.Length], destination[..real.Length]);
    }

    /// <summary>
    /// Soft (Wiener-style) mask: <c>destination[i] = target[i] / (total[i] + epsilon)</c>, where <paramref name="target"/>
    /// is a source's power (or magnitude) estimate and <paramref name="total"/> the sum over all sources, so masks of
    /// all sources add up to (almost) one.
    /// </summary>
    /// <param name="target">The source's power estimate.</param>
    /// <param name="total">Sum of the estimates of every source.</param>
    /// <param name="epsilon">Added to the denominator to keep silent bins finite; must be positive.</param>
    /// <param name="destination">The mask.</param>
    public static void SoftMask(ReadOnlySpan<float> target, ReadOnlySpan<float> total, float epsilon, Span<float> destination)
    {
        ThrowHelper.ThrowIfLengthsDiffer(target.Length, total.Length);
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, target.Length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(epsilon);

        // One fused pass, so that the destination may alias either input.
        ref var t = ref MemoryMarshal.GetReference(target);
        ref var s = ref MemoryMarshal.GetReference(total);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var n = (nuint)target.Length;
        nuint i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var e = new Vector<float>(epsilon);
            for (; i + (nuint)Vector<float>.Count <= n; i += (nuint)Vector<float>.Count)
            {
                Vector.StoreUnsafe(Vector.LoadUnsafe(ref t, i) / (Vector.LoadUnsafe(ref s, i) + e), ref d, i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref t, i) / (Unsafe.Add(ref s, i) + epsilon);
        }
    }

    /// <summary>Multiplies complex bins by a real mask: <c>(re, im)[i] *= mask[i]</c>, in place.</summary>
    public static void ApplyMask(Span<float> real, Span<float> imaginary, ReadOnlySpan<float> mask) =>
        ApplyMask(real, imaginary, mask, real, imaginary);

    /// <summary>Multiplies complex bins by a real mask into separate destinations.</summary>
    public static void ApplyMask(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, ReadOnlySpan<float> mask, Span<float> destinationReal, Span<float> destinationImaginary)
    {
        ThrowHelper.ThrowIfLengthsDiffer(real.Length, imaginary.Length);
        ThrowHelper.ThrowIfLengthsDiffer(real.Length, mask.Length);
        ThrowHelper.ThrowIfDestinationTooShort(destinationReal.Length, real.Length);
        ThrowHelper.ThrowIfDestinationTooShort(destinationImaginary.Length, real.Length);
        TensorPrimitives.Multiply(real, mask, destinationReal[..real.Length]);
        TensorPrimitives.Multiply(imaginary, mask, destinationImaginary[..real.Length]);
    }

    /// <summary>
    /// Power to decibels like <c>librosa.power_to_db(S, ref, amin, top_db=None)</c>:
    /// <c>10·log10(max(amin, S)) − 10·log10(max(amin, reference))</c>.
    /// </summary>
    /// <param name="power">Power values.</param>
    /// <param name="destination">Decibels.</param>
    /// <param name="reference">Reference power (0 dB), positive.</param>
    /// <param name="amin">Floor applied before the logarithm, positive.</param>
    public static void PowerToDecibels(ReadOnlySpan<float> power, Span<float> destination, float reference = 1f, float amin = 1e-10f)
    {
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, power.Length);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reference);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amin);
        destination = destination[..power.Length];
        TensorPrimitives.Max(power, amin, destination);
        TensorPrimitives.Log10(destination, destination);
        TensorPrimitives.Multiply(destination, 10f, destination);
        TensorPrimitives.Subtract(destination, (float)(10 * Math.Log10(Math.Max(amin, reference))), destination);
    }

    /// <summary>Clips decibel values to at most <paramref name="topDb"/> below their maximum (librosa's <c>top_db</c>), in place.</summary>
    public static void ClipToTopDecibels(Span<float> decibels, float topDb)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(topDb);
        if (decibels.IsEmpty)
        {
            return;
        }

        TensorPrimitives.Max(decibels, TensorPrimitives.Max(decibels) - topDb, decibels);
    }
}
