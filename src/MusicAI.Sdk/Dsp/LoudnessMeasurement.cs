namespace MusicAI.Sdk.Dsp;

/// <summary>The result of <see cref="LoudnessMeter"/> (all loudness values in LUFS/LU, peaks in dB).</summary>
/// <param name="IntegratedLufs">Gated integrated loudness (BS.1770-4); −∞ when every block is below −70 LUFS.</param>
/// <param name="LoudnessRangeLu">Loudness range (EBU Tech 3342); 0 when fewer than two short-term blocks pass the gates.</param>
/// <param name="MaxMomentaryLufs">Largest momentary (400 ms) loudness.</param>
/// <param name="MaxShortTermLufs">Largest short-term (3 s) loudness; −∞ for signals shorter than 3 s.</param>
/// <param name="TruePeakDbtp">Largest true peak over channels, dBTP.</param>
/// <param name="SamplePeakDbfs">Largest absolute sample over channels, dBFS.</param>
/// <param name="Momentary">Momentary loudness of every complete 400 ms block, one per <paramref name="SeriesInterval"/>.</param>
/// <param name="ShortTerm">Short-term loudness of every complete 3 s block, one per <paramref name="SeriesInterval"/>.</param>
/// <param name="SeriesInterval">Seconds between consecutive series values (≈ 0.1 s); entry i ends at (i·interval + block length).</param>
internal sealed record LoudnessMeasurement(
    double IntegratedLufs,
    double LoudnessRangeLu,
    double MaxMomentaryLufs,
    double MaxShortTermLufs,
    double TruePeakDbtp,
    double SamplePeakDbfs,
    double[] Momentary,
    double[] ShortTerm,
    double SeriesInterval);
