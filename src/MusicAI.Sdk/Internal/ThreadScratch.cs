namespace MusicAI.Sdk.Internal;

/// <summary>
/// One grow-only float buffer per thread, for kernels called without caller-provided scratch.
/// </summary>
/// <remarks>
/// The returned span is valid until the next call on the same thread; callers must not nest uses (a kernel that
/// uses it must not call another kernel that uses it while holding the span). Allocation happens only when a
/// thread first needs a larger buffer, never per frame.
/// </remarks>
internal static class ThreadScratch
{
    [ThreadStatic]
    private static float[]? s_buffer;

    /// <summary>Returns a span of at least <paramref name="length"/> floats (contents undefined).</summary>
    public static Span<float> Get(int length)
    {
        var buffer = s_buffer;
        if (buffer is null || buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<float>(Math.Max(length, 256));
            s_buffer = buffer;
        }

        return buffer.AsSpan(0, length);
    }
}
