namespace MusicAI.Sdk.Separation.Activity;

/// <summary>Parameters of <see cref="VocalActivityDetector"/>; the defaults are the tuned values (<c>docs/separation.md</c>).</summary>
internal sealed record VocalActivitySettings
{
    /// <summary>Gets the default settings.</summary>
    public static VocalActivitySettings Default { get; } = new();

    /// <summary>Gets the frame hop in seconds.</summary>
    public double HopSeconds { get; init; } = 0.01;

    /// <summary>Gets the analysis window in hops.</summary>
    public int WindowHops { get; init; } = 4;

    /// <summary>Gets the lower edge of the band the energies are measured in.</summary>
    public double LowHz { get; init; } = 150;

    /// <summary>Gets the upper edge of that band.</summary>
    public double HighHz { get; init; } = 5000;

    /// <summary>Gets the percentile of the vocal level taken as the track's reference loudness.</summary>
    public double ReferencePercentile { get; init; } = 0.95;

    /// <summary>Gets the level below the reference (dB, negative) at which the level term is one half.</summary>
    public double LevelThresholdDb { get; init; } = -25;

    /// <summary>Gets the slope of the level term per dB.</summary>
    public double LevelSlope { get; init; } = 0.4;

    /// <summary>Gets the vocal-to-accompaniment ratio (dB) at which the ratio term is one half.</summary>
    public double RatioThresholdDb { get; init; } = -12;

    /// <summary>Gets the slope of the ratio term per dB.</summary>
    public double RatioSlope { get; init; } = 0.4;

    /// <summary>Gets the spectral flatness of the vocals (in the band) at which the harmonicity term is one half.</summary>
    public double FlatnessThreshold { get; init; } = 0.25;

    /// <summary>Gets the slope of the harmonicity term per unit of flatness; 0 turns the term off.</summary>
    public double FlatnessSlope { get; init; } = 20;

    /// <summary>Gets the absolute level (dB re a full-scale sine) below which nothing counts as voice.</summary>
    public double FloorDb { get; init; } = -60;

    /// <summary>Gets the length of the moving median that smooths the score, in frames (odd).</summary>
    public int SmoothingFrames { get; init; } = 15;

    /// <summary>Gets the score that opens a segment.</summary>
    public double OnThreshold { get; init; } = 0.5;

    /// <summary>Gets the score below which an open segment closes.</summary>
    public double OffThreshold { get; init; } = 0.35;

    /// <summary>Gets the shortest segment kept, in seconds.</summary>
    public double MinSegmentSeconds { get; init; } = 0.15;

    /// <summary>Gets the longest gap closed between two segments, in seconds.</summary>
    public double MaxGapSeconds { get; init; } = 0.4;
}
