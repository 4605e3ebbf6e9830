namespace MusicAI.Sdk.Separation;

/// <summary>A stretch of audio where a voice is present.</summary>
/// <param name="Start">Where the voice starts, from the start of the audio.</param>
/// <param name="End">Where it stops (exclusive).</param>
public readonly record struct VocalSegment(TimeSpan Start, TimeSpan End)
{
    /// <summary>Gets the segment's length.</summary>
    public TimeSpan Duration => End - Start;
}
