namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// ADSR envelope settings. Times are in seconds: <see cref="Attack"/> is a linear rise to 1; <see cref="Decay"/>
/// and <see cref="Release"/> are the times to fall by 60 dB of the distance to the target when
/// <see cref="Exponential"/> (the default), or the times of a straight line otherwise.
/// </summary>
/// <remarks>A sustain of 0 makes a percussive envelope that ends (and frees its voice) after the decay.</remarks>
internal sealed record EnvelopeSpec(float Attack, float Decay, float Sustain, float Release, bool Exponential = true)
{
    /// <summary>An organ-like gate: 2 ms attack, full sustain, 60 ms release.</summary>
    public static EnvelopeSpec Gate { get; } = new(0.002f, 0.05f, 1f, 0.06f);
}
