namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Noise generators for drums.</summary>
internal enum NoiseKind
{
    /// <summary>White noise (xorshift32).</summary>
    White,

    /// <summary>15-bit linear-feedback shift register clocked at a set rate (game-console "long" noise).</summary>
    Lfsr,

    /// <summary>Short-period LFSR mode (93 steps): metallic, tonal noise.</summary>
    LfsrShort,
}
