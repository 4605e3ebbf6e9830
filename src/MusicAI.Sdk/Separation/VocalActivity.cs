namespace MusicAI.Sdk.Separation;

/// <summary>
/// Where singing (or speech) is present in a song: a probability every <see cref="FrameDuration"/> and the segments
/// where it is on. Produced by <see cref="Separator.DetectVocalActivityAsync"/> and
/// <see cref="SeparationResult.DetectVocalActivity"/>; meant for lyric alignment and captioning.
/// </summary>
/// <remarks>
/// Immutable and thread-safe. The probability is a heuristic score in [0, 1] (not calibrated): it rises with the
/// separated vocals' level relative to the track's loudest vocal passages and to the accompaniment at the same time.
/// Segments are where the smoothed score crosses 0.5 (and stays above 0.35), at least 0.15 s long, with gaps shorter
/// than 0.3 s closed. <c>docs/separation.md</c> gives the definition and measured accuracy.
/// </remarks>
public sealed class VocalActivity
{
    internal VocalActivity(TimeSpan frameDuration, IReadOnlyList<VocalActivityFrame> frames, IReadOnlyList<VocalSegment> segments)
    {
        FrameDuration = frameDuration;
        Frames = frames;
        Segments = segments;
    }

    /// <summary>Gets the distance between frames: 10 ms rounded to whole samples of the audio (9.977 ms at 22,050 Hz).</summary>
    public TimeSpan FrameDuration { get; }

    /// <summary>Gets one value per frame, in time order; frame k is centred at k × <see cref="FrameDuration"/>.</summary>
    public IReadOnlyList<VocalActivityFrame> Frames { get; }

    /// <summary>Gets the vocal segments in time order, not overlapping.</summary>
    public IReadOnlyList<VocalSegment> Segments { get; }

    /// <summary>Gets whether a time lies inside a vocal segment.</summary>
    /// <param name="time">A time from the start of the audio.</param>
    /// <returns><see langword="true"/> inside a segment (start inclusive, end exclusive).</returns>
    public bool IsVocalAt(TimeSpan time)
    {
        var lo = 0;
        var hi = Segments.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            var segment = Segments[mid];
            if (time < segment.Start)
            {
                hi = mid - 1;
            }
            else if (time >= segment.End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }
}
