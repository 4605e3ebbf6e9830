namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>Loudness figures of a whole input (BS.1770-4 / EBU R 128 via <see cref="Dsp.LoudnessMeter"/>).</summary>
/// <param name="IntegratedLufs">Integrated loudness; −∞ for silence.</param>
/// <param name="RangeLu">Loudness range (EBU Tech 3342).</param>
/// <param name="TruePeakDbtp">True peak, dBTP; −∞ for digital silence.</param>
/// <param name="SamplePeakDbfs">Sample peak, dBFS.</param>
/// <param name="RmsDbfs">RMS over all channels and samples, dBFS (a full-scale sine is −3 dBFS).</param>
/// <param name="Momentary">Momentary loudness every 100 ms (400 ms blocks).</param>
/// <param name="ShortTerm">Short-term loudness every 100 ms (3 s blocks).</param>
/// <param name="Exact">False when measured window by window (long streamed inputs; see <see cref="LoudnessAccumulator"/>).</param>
internal sealed record LoudnessSummary(
    double IntegratedLufs,
    double RangeLu,
    double TruePeakDbtp,
    double SamplePeakDbfs,
    double RmsDbfs,
    double[] Momentary,
    double[] ShortTerm,
    bool Exact);
