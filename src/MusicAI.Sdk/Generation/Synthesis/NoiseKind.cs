namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Noise generators for drums.</summary>
internal enum NoiseKind
{
    /// <summary>White noise (a counter hashed by MurmurHash3's finaliser).</summary>
    White,

    /// <summary>15-bit linear-feedback shift register clocked at a set rate (game-console "long" noise).</summary>
    Lfsr,

    /// <summary>Short-period LFSR mode (93 steps): metallic, tonal noise.</summary>
    LfsrShort,
}
