using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Audio.Resampling;

/// <summary>
/// A dot product whose summation order depends only on the length, never on memory alignment, so that chunked and
/// one-shot resampling produce bit-identical output.
/// </summary>
internal static class SimdDot
{
    /// <summary>Returns Σ a[i]·b[i] over the first <paramref name="a"/>.Length elements.</summary>
    /// <param name="a">The first operand.</param>
    /// <param name="b">At least as long as <paramref name="a"/>.</param>
    /// <returns>The dot product.</returns>
    public static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var n = a.Length;
        if (b.Length < n)
        {
            throw new ArgumentException($"The second operand has {b.Length} elements; {n} are needed.", nameof(b));
        }

        ref var pa = ref MemoryMarshal.GetReference(a);
        ref var pb = ref MemoryMarshal.GetReference(b);
        var i = 0;
        var sum = 0f;
        if (Vector.IsHardwareAccelerated && n >= Vector<float>.Count)
        {
            var width = Vector<float>.Count;
            var acc0 = Vector<float>.Zero;
            var acc1 = Vector<float>.Zero;
            var acc2 = Vector<float>.Zero;
            var acc3 = Vector<float>.Zero;
            for (; i <= n - (4 * width); i += 4 * width)
            {
                acc0 = Vector.FusedMultiplyAdd(Load(ref pa, i), Load(ref pb, i), acc0);
                acc1 = Vector.FusedMultiplyAdd(Load(ref pa, i + width), Load(ref pb, i + width), acc1);
                acc2 = Vector.FusedMultiplyAdd(Load(ref pa, i + (2 * width)), Load(ref pb, i + (2 * width)), acc2);
                acc3 = Vector.FusedMultiplyAdd(Load(ref pa, i + (3 * width)), Load(ref pb, i + (3 * width)), acc3);
            }

            for (; i <= n - width; i += width)
            {
                acc0 = Vector.FusedMultiplyAdd(Load(ref pa, i), Load(ref pb, i), acc0);
            }

            sum = Vector.Sum((acc0 + acc1) + (acc2 + acc3));
        }

        for (; i < n; i++)
        {
            sum = MathF.FusedMultiplyAdd(Unsafe.Add(ref pa, i), Unsafe.Add(ref pb, i), sum);
        }

        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<float> Load(ref float source, int offset) => Vector.LoadUnsafe(ref source, (nuint)offset);
}
