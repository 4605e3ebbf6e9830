namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>One section found by <see cref="SectionSegmenter"/>.</summary>
/// <param name="StartFrame">First analysis frame.</param>
/// <param name="EndFrame">One past the last analysis frame.</param>
/// <param name="LabelIndex">0 for the first label (A), 1 for B, …; equal indices mean similar material.</param>
/// <param name="Confidence">Strength of the boundary that starts the section (the first section: of the segmentation as a whole), 0–1.</param>
internal sealed record SectionEstimate(int StartFrame, int EndFrame, int LabelIndex, double Confidence);
