namespace MusicAI.Sdk.Separation;

/// <summary>The vocal-presence score of one analysis frame.</summary>
/// <param name="Time">The frame's centre, from the start of the audio.</param>
/// <param name="Probability">The score in [0, 1]: 0 no voice, 1 clear voice (a heuristic, not a calibrated probability).</param>
public readonly record struct VocalActivityFrame(TimeSpan Time, float Probability);
