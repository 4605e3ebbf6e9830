namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// A synthesized one-shot drum: a pitched body (swept oscillator), a second fixed tone, filtered noise (optionally
/// in bursts, as a clap), a metallic cluster of six square waves, and a click, each with its own exponential
/// decay (60 dB times in seconds), summed, optionally saturated, panned.
/// </summary>
internal sealed record DrumSound
{
    /// <summary>Gets the overall level.</summary>
    public float Level { get; init; } = 1f;

    /// <summary>Gets the pan (−1 … 1).</summary>
    public float Pan { get; init; }

    /// <summary>Gets the choke group (0 = none): a new hit fades out sounding hits of the same group.</summary>
    public int ChokeGroup { get; init; }

    /// <summary>Gets the body waveform (sine, triangle or pulse).</summary>
    public Waveform ToneWaveform { get; init; } = Waveform.Sine;

    /// <summary>Gets the body level.</summary>
    public float ToneLevel { get; init; }

    /// <summary>Gets the body start frequency.</summary>
    public float ToneStartHz { get; init; } = 100f;

    /// <summary>Gets the body end frequency.</summary>
    public float ToneEndHz { get; init; } = 50f;

    /// <summary>Gets the sweep time constant in seconds.</summary>
    public float ToneSweep { get; init; } = 0.03f;

    /// <summary>Gets the body decay.</summary>
    public float ToneDecay { get; init; } = 0.3f;

    /// <summary>Gets the second tone level.</summary>
    public float Tone2Level { get; init; }

    /// <summary>Gets the second tone frequency.</summary>
    public float Tone2Hz { get; init; } = 330f;

    /// <summary>Gets the second tone decay.</summary>
    public float Tone2Decay { get; init; } = 0.1f;

    /// <summary>Gets the noise level.</summary>
    public float NoiseLevel { get; init; }

    /// <summary>Gets the noise generator.</summary>
    public NoiseKind Noise { get; init; } = NoiseKind.White;

    /// <summary>Gets the LFSR clock in Hz.</summary>
    public float LfsrRateHz { get; init; } = 12000f;

    /// <summary>Gets the noise decay.</summary>
    public float NoiseDecay { get; init; } = 0.15f;

    /// <summary>Gets the noise filter response.</summary>
    public FilterMode NoiseFilter { get; init; } = FilterMode.Off;

    /// <summary>Gets the noise filter cutoff at the hit.</summary>
    public float NoiseCutoff { get; init; } = 5000f;

    /// <summary>Gets the noise filter cutoff the hit sweeps to (0 = no sweep), with the noise decay's speed.</summary>
    public float NoiseCutoffEnd { get; init; }

    /// <summary>Gets the noise filter Q.</summary>
    public float NoiseQ { get; init; } = 0.7071f;

    /// <summary>Gets the number of short noise bursts before the tail (hand clap; 0 = none).</summary>
    public int NoiseBursts { get; init; }

    /// <summary>Gets the spacing of the bursts in seconds.</summary>
    public float BurstSpacing { get; init; } = 0.011f;

    /// <summary>Gets the metallic cluster level.</summary>
    public float MetalLevel { get; init; }

    /// <summary>Gets the metallic cluster base frequency (the TR-808 uses six squares from about 205 Hz).</summary>
    public float MetalBaseHz { get; init; } = 205.3f;

    /// <summary>Gets the metallic decay.</summary>
    public float MetalDecay { get; init; } = 0.08f;

    /// <summary>Gets the metallic band-pass centre.</summary>
    public float MetalBandHz { get; init; } = 10000f;

    /// <summary>Gets the metallic high-pass cutoff.</summary>
    public float MetalHighPassHz { get; init; } = 7000f;

    /// <summary>Gets the click level.</summary>
    public float ClickLevel { get; init; }

    /// <summary>Gets the click decay.</summary>
    public float ClickDecay { get; init; } = 0.004f;

    /// <summary>Gets the click high-pass cutoff.</summary>
    public float ClickHighPassHz { get; init; } = 1500f;

    /// <summary>Gets the saturation gain (0 = off).</summary>
    public float Drive { get; init; }

    /// <summary>Gets how much velocity scales the level.</summary>
    public float VelocityToLevel { get; init; } = 0.8f;
}
