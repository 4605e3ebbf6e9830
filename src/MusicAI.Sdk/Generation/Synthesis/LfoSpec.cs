namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// A per-voice sine LFO. LFO 1 drives vibrato; LFO 2 drives tremolo, filter wobble and wavetable position.
/// </summary>
/// <param name="RateHz">Rate in Hz.</param>
/// <param name="VibratoCents">Pitch depth in cents (LFO 1).</param>
/// <param name="DelaySeconds">Fade-in time after note start.</param>
/// <param name="Tremolo">Amplitude depth 0 to 1 (LFO 2).</param>
internal sealed record LfoSpec(float RateHz, float VibratoCents = 0f, float DelaySeconds = 0f, float Tremolo = 0f);
