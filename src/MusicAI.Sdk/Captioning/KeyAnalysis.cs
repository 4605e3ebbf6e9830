namespace MusicAI.Sdk.Captioning;

/// <summary>Key and mode.</summary>
/// <remarks>
/// 36-bin chroma from a 4096-point spectrum → tuning estimate → 12-bin chroma weighted by level and median-smoothed →
/// Pearson correlation with the 24 rotations of a major and a minor key profile. Names are written the way MIR tools
/// write them: <c>"A minor"</c>, <c>"Eb major"</c>, <c>"F# minor"</c>.
/// </remarks>
public sealed class KeyAnalysis
{
    internal KeyAnalysis()
    {
    }

    /// <summary>Gets the key name, for example <c>"A minor"</c>, or <see langword="null"/> when there is no tonal content.</summary>
    public string? Name { get; internal init; }

    /// <summary>Gets the tonic, for example <c>"A"</c>, <c>"Eb"</c>, <c>"F#"</c>, or <see langword="null"/>.</summary>
    public string? Tonic { get; internal init; }

    /// <summary>Gets the mode, or <see langword="null"/>.</summary>
    public KeyMode? Mode { get; internal init; }

    /// <summary>Gets the confidence of <see cref="Name"/>, 0–1.</summary>
    public double Confidence { get; internal init; }

    /// <summary>Gets the estimated deviation of the tuning from A = 440 Hz, in cents (−50 to 50).</summary>
    public double TuningCents { get; internal init; }
}
