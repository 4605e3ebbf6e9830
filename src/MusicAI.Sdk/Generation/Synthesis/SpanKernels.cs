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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// Strip output stage in one pass: <c>left = dryLeft·gain·panLeft</c>, <c>right = dryRight·gain·panRight</c> and,
    /// when <paramref name="send"/> is not empty, <c>send = (left + right) / 2</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void GainPan(
        ReadOnlySpan<float> dryLeft, ReadOnlySpan<float> dryRight, ReadOnlySpan<float> gain, float panLeft, float panRight,
        Span<float> left, Span<float> right, Span<float> send)
    {
        var n = dryLeft.Length;
        var hasSend = !send.IsEmpty;
        ref var dl = ref MemoryMarshal.GetReference(dryLeft);
        ref var dr = ref MemoryMarshal.GetReference(dryRight);
        ref var g = ref MemoryMarshal.GetReference(gain);
        ref var l = ref MemoryMarshal.GetReference(left);
        ref var r = ref MemoryMarshal.GetReference(right);
        ref var sd = ref MemoryMarshal.GetReference(send);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            var pl = new Vector<float>(panLeft);
            var pr = new Vector<float>(panRight);
            var half = new Vector<float>(0.5f);
            for (; i <= n - w; i += w)
            {
                var gv = Vector.LoadUnsafe(ref g, (nuint)i);
                var lv = Vector.LoadUnsafe(ref dl, (nuint)i) * gv * pl;
                var rv = Vector.LoadUnsafe(ref dr, (nuint)i) * gv * pr;
                lv.StoreUnsafe(ref l, (nuint)i);
                rv.StoreUnsafe(ref r, (nuint)i);
                if (hasSend)
                {
                    ((lv + rv) * half).StoreUnsafe(ref sd, (nuint)i);
                }
            }
        }

        for (; i < n; i++)
        {
            var gv = Unsafe.Add(ref g, i);
            var lv = Unsafe.Add(ref dl, i) * gv * panLeft;
            var rv = Unsafe.Add(ref dr, i) * gv * panRight;
            Unsafe.Add(ref l, i) = lv;
            Unsafe.Add(ref r, i) = rv;
            if (hasSend)
            {
                Unsafe.Add(ref sd, i) = (lv + rv) * 0.5f;
            }
        }
    }

    /// <summary><c>destination[k] += a[k]·scaleA + b[k]·scaleB</c> (blending two table rows into a signal).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddBlend(ReadOnlySpan<float> a, float scaleA, ReadOnlySpan<float> b, float scaleB, Span<float> destination)
    {
        var n = destination.Length;
        ref var ra = ref MemoryMarshal.GetReference(a);
        ref var rb = ref MemoryMarshal.GetReference(b);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var w = Vector<float>.Count;
            var sa = new Vector<float>(scaleA);
            var sb = new Vector<float>(scaleB);
            for (; i <= n - w; i += w)
            {
                (Vector.LoadUnsafe(ref d, (nuint)i) + (Vector.LoadUnsafe(ref ra, (nuint)i) * sa) + (Vector.LoadUnsafe(ref rb, (nuint)i) * sb))
                    .StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) += (Unsafe.Add(ref ra, i) * scaleA) + (Unsafe.Add(ref rb, i) * scaleB);
        }
    }
}
