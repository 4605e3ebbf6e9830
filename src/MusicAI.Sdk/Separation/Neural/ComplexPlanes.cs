namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// Moves a spectrum between the frame-major layout of <see cref="MusicAI.Sdk.Dsp.StftPlan"/> (bin b of frame t at t·stride + b)
/// and the bin-major planes the separator networks take (<c>[bins, frames]</c>, one plane for the real parts and one
/// for the imaginary parts: the complex-as-channels layout).
/// </summary>
/// <remarks>
/// Bin-outer loops: the frame lines being gathered or scattered stay in cache across consecutive bins. Nothing is
/// allocated.
/// </remarks>
internal static class ComplexPlanes
{
    /// <summary>
    /// Writes bins [<paramref name="firstBin"/>, <paramref name="binCount"/>) of every frame into rows of the planes;
    /// rows below <paramref name="firstBin"/> are zeroed.
    /// </summary>
    /// <param name="real">Frame-major real parts, <paramref name="frames"/> · <paramref name="stride"/>.</param>
    /// <param name="imaginary">Frame-major imaginary parts, same layout.</param>
    /// <param name="stride">Floats per frame (n_fft/2 + 1).</param>
    /// <param name="frames">Frames to move.</param>
    /// <param name="realPlane">Destination [binCount, frames].</param>
    /// <param name="imaginaryPlane">Destination [binCount, frames].</param>
    /// <param name="binCount">Rows of the planes.</param>
    /// <param name="firstBin">Rows before it are written as zeros.</param>
    public static void Gather(
        ReadOnlySpan<float> real,
        ReadOnlySpan<float> imaginary,
        int stride,
        int frames,
        Span<float> realPlane,
        Span<float> imaginaryPlane,
        int binCount,
        int firstBin = 0)
    {
        realPlane[..(firstBin * frames)].Clear();
        imaginaryPlane[..(firstBin * frames)].Clear();
        for (var f = firstBin; f < binCount; f++)
        {
            var reRow = realPlane.Slice(f * frames, frames);
            var imRow = imaginaryPlane.Slice(f * frames, frames);
            var index = f;
            for (var t = 0; t < frames; t++, index += stride)
            {
                reRow[t] = real[index];
                imRow[t] = imaginary[index];
            }
        }
    }

    /// <summary>
    /// Writes the planes' rows into bins [0, <paramref name="binCount"/>) of frames
    /// [<paramref name="firstFrame"/>, firstFrame + frames) of a frame-major spectrum; other bins are left as they are.
    /// </summary>
    /// <param name="realPlane">Source [binCount, frames].</param>
    /// <param name="imaginaryPlane">Source [binCount, frames].</param>
    /// <param name="binCount">Rows of the planes.</param>
    /// <param name="frames">Columns of the planes.</param>
    /// <param name="real">Frame-major destination, stride floats per frame.</param>
    /// <param name="imaginary">Frame-major destination, same layout.</param>
    /// <param name="stride">Floats per frame of the destination.</param>
    /// <param name="firstFrame">Destination frame of plane column 0.</param>
    public static void Scatter(
        ReadOnlySpan<float> realPlane,
        ReadOnlySpan<float> imaginaryPlane,
        int binCount,
        int frames,
        Span<float> real,
        Span<float> imaginary,
        int stride,
        int firstFrame = 0)
    {
        for (var f = 0; f < binCount; f++)
        {
            var reRow = realPlane.Slice(f * frames, frames);
            var imRow = imaginaryPlane.Slice(f * frames, frames);
            var index = (firstFrame * stride) + f;
            for (var t = 0; t < frames; t++, index += stride)
            {
                real[index] = reRow[t];
                imaginary[index] = imRow[t];
            }
        }
    }
}
