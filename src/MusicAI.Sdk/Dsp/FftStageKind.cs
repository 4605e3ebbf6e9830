namespace MusicAI.Sdk.Dsp;

/// <summary>How one Stockham stage of an <see cref="FftPlan"/> is executed.</summary>
internal enum FftStageKind
{
    /// <summary>Portable scalar butterflies (any radix, any stride).</summary>
    Scalar,

    /// <summary>First stage (stride 1) of a SIMD plan: radix 8, vectorised across butterflies, 8×8 transposed stores.</summary>
    SimdFirstRadix8,

    /// <summary>Later stage of a SIMD plan: stride is a multiple of 8, vectorised along the stride.</summary>
    Simd,
}
