namespace MusicAI.Sdk.Captioning;

/// <summary>Programme loudness per ITU-R BS.1770-4 / EBU R 128.</summary>
/// <remarks>
/// Measured on the input at its own rate and channel layout. In-memory inputs are measured exactly; long inputs read
/// from a file are measured window by window with identical gating blocks (see docs/captioning.md).
/// Silence gives <see cref="double.NegativeInfinity"/> values (JSON <c>null</c>) and confidence 0.
/// </remarks>
public sealed class LoudnessAnalysis
{
    internal LoudnessAnalysis()
    {
    }

    /// <summary>Gets the gated integrated loudness in LUFS (−∞ for silence).</summary>
    public double IntegratedLufs { get; internal init; }

    /// <summary>Gets the loudness range in LU (EBU Tech 3342).</summary>
    public double RangeLu { get; internal init; }

    /// <summary>Gets the true peak in dBTP (4× oversampled below 96 kHz; −∞ for digital silence).</summary>
    public double TruePeakDbtp { get; internal init; }

    /// <summary>Gets the confidence, 0–1: 1 when at least one 400 ms block was above the −70 LUFS gate and the input lasts at least 3 s.</summary>
    public double Confidence { get; internal init; }
}
