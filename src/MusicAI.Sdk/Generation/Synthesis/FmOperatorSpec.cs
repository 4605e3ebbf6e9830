namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// One FM operator: a sine at <c>Ratio × note frequency + DetuneHz</c>. For a modulator <see cref="Level"/> is the
/// modulation index in radians; for a carrier it is the output amplitude.
/// </summary>
/// <param name="Ratio">Frequency ratio to the note.</param>
/// <param name="Level">Index (modulator) or amplitude (carrier).</param>
/// <param name="Envelope">The operator's envelope.</param>
/// <param name="VelocitySensitivity">0 = level ignores velocity, 1 = level proportional to velocity.</param>
/// <param name="DetuneHz">Fixed offset in Hz (beating, as in electric pianos).</param>
/// <param name="Feedback">Self-modulation in cycles (top modulator only; 0 = none).</param>
internal sealed record FmOperatorSpec(
    float Ratio, float Level, EnvelopeSpec Envelope, float VelocitySensitivity = 0f, float DetuneHz = 0f, float Feedback = 0f);
