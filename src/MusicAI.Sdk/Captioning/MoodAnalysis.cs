namespace MusicAI.Sdk.Captioning;

/// <summary>A mood estimate on the valence/arousal plane, from a documented formula (not a model).</summary>
/// <remarks>
/// Arousal rises with tempo, loudness, brightness, percussiveness and onset density; valence with the major mode,
/// tempo and brightness. Each input is weighted by its own confidence. The exact formula is in docs/captioning.md.
/// </remarks>
public sealed class MoodAnalysis
{
    internal MoodAnalysis()
    {
    }

    /// <summary>Gets the valence, −1 (negative, sad, tense) to 1 (positive, happy).</summary>
    public double Valence { get; internal init; }

    /// <summary>Gets the arousal, −1 (calm) to 1 (energetic).</summary>
    public double Arousal { get; internal init; }

    /// <summary>Gets a one-word label for the quadrant and intensity, for example <c>"melancholic"</c>, <c>"energetic"</c>, <c>"calm"</c>, <c>"tense"</c>.</summary>
    public string Label { get; internal init; } = "neutral";

    /// <summary>Gets the confidence, 0–1.</summary>
    public double Confidence { get; internal init; }
}
