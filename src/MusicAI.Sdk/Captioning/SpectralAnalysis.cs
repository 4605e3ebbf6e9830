namespace MusicAI.Sdk.Captioning;

/// <summary>Spectral character of the whole input (power-weighted over time).</summary>
public sealed class SpectralAnalysis
{
    internal SpectralAnalysis()
    {
    }

    /// <summary>Gets the power-weighted mean spectral centroid in Hz.</summary>
    public double CentroidHz { get; internal init; }

    /// <summary>Gets the brightness: share of the power above 2 kHz, 0–1.</summary>
    public double Brightness { get; internal init; }

    /// <summary>Gets the bass weight: share of the power below 250 Hz, 0–1.</summary>
    public double BassWeight { get; internal init; }

    /// <summary>Gets the mean spectral flatness of 300–6000 Hz over non-silent frames, 0 (tonal) to 1 (noise-like).</summary>
    public double Flatness { get; internal init; }

    /// <summary>Gets the confidence, 0–1 (0 for silence).</summary>
    public double Confidence { get; internal init; }
}
