namespace MusicAI.Sdk.Captioning;

/// <summary>A section of the input; sections with the same <see cref="Label"/> have similar harmony and timbre.</summary>
public sealed class MusicSection
{
    internal MusicSection()
    {
    }

    /// <summary>Gets the start in seconds.</summary>
    public double Start { get; internal init; }

    /// <summary>Gets the end in seconds.</summary>
    public double End { get; internal init; }

    /// <summary>Gets the label: <c>"A"</c>, <c>"B"</c>, … in order of first appearance.</summary>
    public string Label { get; internal init; } = "A";

    /// <summary>Gets the loudness of the section in LUFS (power mean of its momentary blocks above −70 LUFS), or <see langword="null"/> when silent.</summary>
    public double? LoudnessLufs { get; internal init; }

    /// <summary>Gets the strength of the boundary that starts this section (for the first section: of the segmentation as a whole), 0–1.</summary>
    public double Confidence { get; internal init; }
}
