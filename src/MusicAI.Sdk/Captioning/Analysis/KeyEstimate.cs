namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>The key analysis of a whole input.</summary>
/// <param name="Tonic">Pitch class of the tonic (0 = C … 11 = B), or null when there is no tonal content.</param>
/// <param name="IsMinor">Whether the mode is minor.</param>
/// <param name="Confidence">0–1.</param>
/// <param name="Correlation">Correlation of the chroma profile with the chosen key profile.</param>
/// <param name="TuningCents">Estimated deviation of the tuning from A = 440 Hz, in cents (−50..50).</param>
/// <param name="Profile">The 12-bin chroma profile of the whole input (C first), normalised to sum 1.</param>
internal sealed record KeyEstimate(int? Tonic, bool IsMinor, double Confidence, double Correlation, double TuningCents, double[] Profile);
