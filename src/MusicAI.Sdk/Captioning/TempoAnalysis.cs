namespace MusicAI.Sdk.Captioning;

/// <summary>Tempo, beats and meter.</summary>
/// <remarks>
/// Onset strength (spectral flux of log-mel bands) → autocorrelation tempogram with a harmonically enhanced salience
/// and a log-Gaussian tempo prior → octave-error handling (half and double tempo scored by beat-level evidence) →
/// dynamic-programming beat tracking (Ellis 2007). Meter (3 or 4 beats per bar) and downbeats come from harmonic
/// change, low-band accents and bar-level periodicity at the beats. Long inputs are analysed in 30 s regions and
/// report tempo changes. Details and measured accuracy: docs/captioning.md.
/// </remarks>
public sealed class TempoAnalysis
{
    internal TempoAnalysis()
    {
    }

    /// <summary>Gets the main tempo in beats per minute, or <see langword="null"/> when there is no pulse at all (silence).</summary>
    public double? Bpm { get; internal init; }

    /// <summary>Gets the confidence of <see cref="Bpm"/> and <see cref="Beats"/>, 0–1.</summary>
    public double Confidence { get; internal init; }

    /// <summary>Gets the beat times in seconds, in increasing order.</summary>
    public IReadOnlyList<double> Beats { get; internal init; } = [];

    /// <summary>Gets the times of the first beat of each bar, in seconds (empty when the meter is unknown).</summary>
    public IReadOnlyList<double> Downbeats { get; internal init; } = [];

    /// <summary>Gets the beats per bar (3 or 4), or <see langword="null"/> when there are too few beats.</summary>
    public int? BeatsPerBar { get; internal init; }

    /// <summary>Gets the confidence of <see cref="BeatsPerBar"/> and <see cref="Downbeats"/>, 0–1.</summary>
    public double MeterConfidence { get; internal init; }

    /// <summary>Gets the meter as a time signature (<c>"4/4"</c>, <c>"3/4"</c>), or <see langword="null"/>.</summary>
    public string? Meter => BeatsPerBar is int beats ? $"{beats}/4" : null;

    /// <summary>Gets the stretches of steady tempo (one entry when the tempo does not change; empty for silence).</summary>
    public IReadOnlyList<TempoChange> Changes { get; internal init; } = [];
}
