namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// The voice filter. The cutoff in octaves above <see cref="Cutoff"/> is
/// <c>KeyTracking·(pitch − 60)/12 + EnvelopeOctaves·filterEnvelope + VelocityOctaves·(velocity − 1) + LfoOctaves·lfo2</c>.
/// </summary>
internal sealed record FilterSpec
{
    /// <summary>Gets the response.</summary>
    public FilterMode Mode { get; init; } = FilterMode.LowPass;

    /// <summary>Gets the slope: 2 poles (12 dB/oct) or 4 poles (24 dB/oct, two cascaded stages).</summary>
    public int Poles { get; init; } = 2;

    /// <summary>Gets the base cutoff in Hz (at middle C, envelope at 0).</summary>
    public float Cutoff { get; init; } = 20000f;

    /// <summary>Gets the quality factor (0.707 = no resonance peak).</summary>
    public float Q { get; init; } = 0.7071f;

    /// <summary>Gets the filter-envelope depth in octaves.</summary>
    public float EnvelopeOctaves { get; init; }

    /// <summary>Gets the key tracking (0 = fixed cutoff, 1 = follows the pitch).</summary>
    public float KeyTracking { get; init; }

    /// <summary>Gets the velocity-to-cutoff depth in octaves (brightness).</summary>
    public float VelocityOctaves { get; init; }

    /// <summary>Gets the LFO-2-to-cutoff depth in octaves (wobble).</summary>
    public float LfoOctaves { get; init; }

    /// <summary>A filter that passes everything.</summary>
    public static FilterSpec None { get; } = new() { Mode = FilterMode.Off };
}
