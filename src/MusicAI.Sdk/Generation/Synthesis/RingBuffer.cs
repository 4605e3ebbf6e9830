using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Copies between linear spans and power-of-two ring buffers, splitting at the wrap.</summary>
internal static class RingBuffer
{
    /// <summary>Returns the smallest power of two at least <paramref name="length"/>.</summary>
    public static int PowerOfTwoAtLeast(int length)
    {
        var size = 1;
        while (size < length)
        {
            size <<= 1;
        }

        return size;
    }

    /// <summary>Reads <c>destination.Length</c> samples starting at <paramref name="start"/> (any integer; wrapped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Read(float[] ring, int start, Span<float> destination)
    {
        var mask = ring.Length - 1;
        var s = start & mask;
        var first = Math.Min(destination.Length, ring.Length - s);
        ring.AsSpan(s, first).CopyTo(destination);
        if (first < destination.Length)
        {
            ring.AsSpan(0, destination.Length - first).CopyTo(destination[first..]);
        }
    }

    /// <summary>Writes <paramref name="source"/> starting at <paramref name="start"/> (any integer; wrapped).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(float[] ring, int start, ReadOnlySpan<float> source)
    {
        var mask = ring.Length - 1;
        var s = start & mask;
        var first = Math.Min(source.Length, ring.Length - s);
        source[..first].CopyTo(ring.AsSpan(s, first));
        if (first < source.Length)
        {
            source[first..].CopyTo(ring.AsSpan(0, source.Length - first));
        }
    }
}
