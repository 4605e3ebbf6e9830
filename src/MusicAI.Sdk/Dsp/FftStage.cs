namespace MusicAI.Sdk.Dsp;

/// <summary>
/// One stage of a Stockham decimation-in-frequency FFT: for every p in [0, Count) and q in [0, Stride),
/// <c>a_k = x[q + Stride·(p + k·Count)]</c>, <c>c_j = Σ_k a_k·ω_r^{jk}</c>,
/// <c>y[q + Stride·(r·p + j)] = c_j·ω_{r·Count}^{j·p}</c>.
/// </summary>
/// <remarks>Immutable after construction; shared by every thread that runs its plan.</remarks>
internal sealed class FftStage
{
    /// <summary>Creates a stage and computes its twiddles (in double precision, rounded once to float).</summary>
    /// <param name="radix">Butterfly size r.</param>
    /// <param name="stride">Stride s (product of the radices of the earlier stages).</param>
    /// <param name="count">Butterflies per column m (n / (s·r)).</param>
    /// <param name="kind">Execution kind; selects the twiddle layout.</param>
    public FftStage(int radix, int stride, int count, FftStageKind kind)
    {
        Radix = radix;
        Stride = stride;
        Count = count;
        Kind = kind;
        var subLength = (long)radix * count;
        TwiddleRe = new float[Math.Max(1, (radix - 1) * count)];
        TwiddleIm = new float[TwiddleRe.Length];
        for (var p = 0; p < count; p++)
        {
            for (var j = 1; j < radix; j++)
            {
                // Column-major (j, p) for the first SIMD stage (vectorised over p), row-major (p, j) otherwise.
                var index = kind == FftStageKind.SimdFirstRadix8 ? ((j - 1) * count) + p : (p * (radix - 1)) + (j - 1);
                var angle = -2.0 * Math.PI * ((long)j * p % subLength) / subLength;
                TwiddleRe[index] = (float)Math.Cos(angle);
                TwiddleIm[index] = (float)Math.Sin(angle);
            }
        }

        RootRe = new float[radix];
        RootIm = new float[radix];
        for (var t = 0; t < radix; t++)
        {
            var angle = -2.0 * Math.PI * t / radix;
            RootRe[t] = (float)Math.Cos(angle);
            RootIm[t] = (float)Math.Sin(angle);
        }
    }

    /// <summary>Gets the radix r.</summary>
    public int Radix { get; }

    /// <summary>Gets the stride s.</summary>
    public int Stride { get; }

    /// <summary>Gets m, the number of butterflies per stride column.</summary>
    public int Count { get; }

    /// <summary>Gets how the stage runs.</summary>
    public FftStageKind Kind { get; }

    /// <summary>Gets the real parts of the twiddles ω^{jp} (layout depends on <see cref="Kind"/>).</summary>
    public float[] TwiddleRe { get; }

    /// <summary>Gets the imaginary parts of the twiddles.</summary>
    public float[] TwiddleIm { get; }

    /// <summary>Gets the real parts of the r-th roots of unity ω_r^t (used by the generic odd radix).</summary>
    public float[] RootRe { get; }

    /// <summary>Gets the imaginary parts of the r-th roots of unity.</summary>
    public float[] RootIm { get; }
}
