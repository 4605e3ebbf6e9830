namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Response of a <see cref="StateVariableFilter"/>.</summary>
internal enum FilterMode
{
    /// <summary>No filtering.</summary>
    Off,

    /// <summary>12 dB/octave low-pass.</summary>
    LowPass,

    /// <summary>12 dB/octave high-pass.</summary>
    HighPass,

    /// <summary>Band-pass (constant skirt gain; unity peak gain at the cutoff).</summary>
    BandPass,
}
