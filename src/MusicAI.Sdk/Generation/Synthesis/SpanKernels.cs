using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Small vectorized span helpers for the synthesizer's mixing loops (destination last).</summary>
internal static class SpanKernels
{
    /// <summary>
    /// <c>destination[k] += source[k] · (start + (k + 1) · step)</c>: adds a signal under a linear gain ramp.
    /// </summary>
    public static void AddRamped(ReadOnlySpan<float> source, float start, float step, Span<float> destination)
    {
        var n = source.Length;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            var lanes = (Vector<float>.Indices + Vector<float>.One) * step;
            for (; i <= n - w; i += w)
            {
                var g = new Vector<float>(start + (i * step)) + lanes;
                (Vector.LoadUnsafe(ref d, (nuint)i) + (Vector.LoadUnsafe(ref s, (nuint)i) * g)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i) * (start + ((i + 1) * step));
        }
    }

    /// <summary><c>destination[k] += source[k] · gain</c>.</summary>
    public static void AddScaled(ReadOnlySpan<float> source, float gain, Span<float> destination)
    {
        var n = source.Length;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            var g = new Vector<float>(gain);
            for (; i <= n - w; i += w)
            {
                (Vector.LoadUnsafe(ref d, (nuint)i) + (Vector.LoadUnsafe(ref s, (nuint)i) * g)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i) * gain;
        }
    }

    /// <summary><c>destination[k] = source[k] · gain</c>.</summary>
    public static void Scale(ReadOnlySpan<float> source, float gain, Span<float> destination)
    {
        var n = source.Length;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            var g = new Vector<float>(gain);
            for (; i <= n - w; i += w)
            {
                (Vector.LoadUnsafe(ref s, (nuint)i) * g).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i) * gain;
        }
    }

    /// <summary><c>destination[k] = source[k] · gains[k]</c>.</summary>
    public static void Multiply(ReadOnlySpan<float> source, ReadOnlySpan<float> gains, Span<float> destination)
    {
        var n = source.Length;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var g = ref MemoryMarshal.GetReference(gains);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            for (; i <= n - w; i += w)
            {
                (Vector.LoadUnsafe(ref s, (nuint)i) * Vector.LoadUnsafe(ref g, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = Unsafe.Add(ref s, i) * Unsafe.Add(ref g, i);
        }
    }

    /// <summary><c>destination[k] += source[k]</c>.</summary>
    public static void Add(ReadOnlySpan<float> source, Span<float> destination)
    {
        var n = source.Length;
        ref var s = ref MemoryMarshal.GetReference(source);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            for (; i <= n - w; i += w)
            {
                (Vector.LoadUnsafe(ref d, (nuint)i) + Vector.LoadUnsafe(ref s, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) += Unsafe.Add(ref s, i);
        }
    }

    /// <summary>Soft-clips <paramref name="samples"/> in place after multiplying by <paramref name="drive"/>.</summary>
    public static void SoftClip(Span<float> samples, float drive)
    {
        var n = samples.Length;
        ref var d = ref MemoryMarshal.GetReference(samples);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            var g = new Vector<float>(drive);
            for (; i <= n - w; i += w)
            {
                FastMath.SoftClip(Vector.LoadUnsafe(ref d, (nuint)i) * g).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) = FastMath.SoftClip(Unsafe.Add(ref d, i) * drive);
        }
    }

    /// <summary>Returns the largest absolute value in <paramref name="samples"/> (0 when empty).</summary>
    public static float MaxAbs(ReadOnlySpan<float> samples)
    {
        var n = samples.Length;
        ref var s = ref MemoryMarshal.GetReference(samples);
        var i = 0;
        var max = 0f;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            var m = Vector<float>.Zero;
            for (; i <= n - w; i += w)
            {
                m = Vector.Max(m, Vector.Abs(Vector.LoadUnsafe(ref s, (nuint)i)));
            }

            for (var k = 0; k < w; k++)
            {
                max = MathF.Max(max, m[k]);
            }
        }

        for (; i < n; i++)
        {
            max = MathF.Max(max, MathF.Abs(Unsafe.Add(ref s, i)));
        }

        return max;
    }
}
