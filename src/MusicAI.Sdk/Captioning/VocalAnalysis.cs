namespace MusicAI.Sdk.Captioning;

/// <summary>Vocal presence, the share of time sung, and the register of the voice.</summary>
/// <remarks>
/// The embedded estimate is a model-free heuristic (pitch fluctuation, timbre variance, harmonicity and pitch
/// salience per frame; see docs/captioning.md), so its confidence never exceeds 0.7. Speech also counts as voice.
/// </remarks>
public sealed class VocalAnalysis
{
    internal VocalAnalysis()
    {
    }

    /// <summary>Gets a value indicating whether a voice was detected for a meaningful share of the input.</summary>
    public bool Present { get; internal init; }

    /// <summary>Gets the mean vocal probability over the non-silent frames, 0–1.</summary>
    public double Probability { get; internal init; }

    /// <summary>Gets the share of the non-silent time classified as voice, 0–1.</summary>
    public double SungFraction { get; internal init; }

    /// <summary>Gets the register of the voice (<see cref="VocalRegister.Unknown"/> when absent or unmeasured).</summary>
    public VocalRegister Register { get; internal init; }

    /// <summary>Gets the median pitch of the voice in Hz, or <see langword="null"/> when it could not be measured.</summary>
    public double? MedianPitchHz { get; internal init; }

    /// <summary>
    /// Gets a value indicating whether the voice sounds like speech rather than singing: the voiced frames are mostly
    /// unpitched or noisy (harmonic share of the voice frames below 0.5) and there is no clear beat.
    /// </summary>
    public bool SpeechLike { get; internal init; }

    /// <summary>Gets the confidence of <see cref="Present"/>, 0–0.7.</summary>
    public double Confidence { get; internal init; }
}
