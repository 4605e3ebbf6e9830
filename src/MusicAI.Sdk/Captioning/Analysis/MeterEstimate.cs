namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>Meter and downbeats.</summary>
/// <param name="BeatsPerBar">3 or 4, or null when there are too few beats.</param>
/// <param name="Confidence">0–1.</param>
/// <param name="Downbeats">Indices into the beat list of the first beat of each bar.</param>
internal sealed record MeterEstimate(int? BeatsPerBar, double Confidence, int[] Downbeats);
