namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>The tempo analysis of a whole input, on the <see cref="AnalysisGrid"/>.</summary>
/// <param name="Bpm">The main tempo, or null when there is no pulse at all (silence).</param>
/// <param name="Confidence">0–1.</param>
/// <param name="Beats">Beat frames in increasing order.</param>
/// <param name="Changes">Tempo segments: start time in seconds and tempo (one entry when the tempo is steady).</param>
/// <param name="Clarity">Height of the autocorrelation peak at the chosen period (pulse clarity), 0–1.</param>
internal sealed record TempoEstimate(double? Bpm, double Confidence, int[] Beats, IReadOnlyList<(double Time, double Bpm)> Changes, double Clarity);
