namespace MusicAI.Sdk.Captioning;

/// <summary>Dynamics: how peaky and how variable the level is.</summary>
public sealed class DynamicsAnalysis
{
    internal DynamicsAnalysis()
    {
    }

    /// <summary>Gets the crest factor in dB: sample peak minus RMS (≈ 3 dB for a sine, 20+ dB for open acoustic recordings, under 10 dB for heavily limited masters).</summary>
    public double CrestFactorDb { get; internal init; }

    /// <summary>Gets the peak-to-loudness ratio in dB: true peak minus integrated loudness (EBU/AES streaming practice; small values mean heavy limiting).</summary>
    public double PeakToLoudnessRatioDb { get; internal init; }

    /// <summary>Gets the standard deviation of the short-term (3 s) loudness in LU, over blocks that pass the loudness-range gates.</summary>
    public double LoudnessVariationLu { get; internal init; }

    /// <summary>Gets the confidence, 0–1 (0 for silence, lower for very short inputs).</summary>
    public double Confidence { get; internal init; }
}
