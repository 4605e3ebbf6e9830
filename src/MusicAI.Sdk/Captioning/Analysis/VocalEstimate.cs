namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>Vocal presence of a whole input.</summary>
/// <param name="Probability">Mean vocal probability over the non-silent frames, 0–1.</param>
/// <param name="SungFraction">Share of the non-silent time classified as voice, 0–1.</param>
/// <param name="MedianPitchHz">Median pitch of the confidently pitched voice frames, or null.</param>
/// <param name="PitchLowHz">10th percentile of that pitch, or null.</param>
/// <param name="PitchHighHz">90th percentile of that pitch, or null.</param>
/// <param name="VoiceHarmonicShare">Mean harmonic share of the frames classified as voice (speech is low, singing high).</param>
/// <param name="Confidence">0–1.</param>
/// <param name="FrameProbability">Smoothed vocal probability per analysis frame.</param>
internal sealed record VocalEstimate(
    double Probability,
    double SungFraction,
    double? MedianPitchHz,
    double? PitchLowHz,
    double? PitchHighHz,
    double VoiceHarmonicShare,
    double Confidence,
    float[] FrameProbability);
