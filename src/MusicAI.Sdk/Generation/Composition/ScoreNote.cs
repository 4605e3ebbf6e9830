namespace MusicAI.Sdk.Generation.Composition;

/// <summary>One note of a section, timed in composer ticks from the section start (48 ticks per pulse).</summary>
/// <remarks>Ordered by start, then pitch (<see cref="IComparable{T}"/> lets <c>Span.Sort()</c> sort without allocating).</remarks>
internal struct ScoreNote : IComparable<ScoreNote>
{
    public int Start;
    public int Duration;
    public int Pitch;
    public int Velocity;

    public ScoreNote(int start, int duration, int pitch, int velocity)
    {
        Start = start;
        Duration = duration;
        Pitch = pitch;
        Velocity = velocity;
    }

    public readonly int End => Start + Duration;

    public readonly int CompareTo(ScoreNote other) => Start != other.Start ? Start.CompareTo(other.Start) : Pitch.CompareTo(other.Pitch);

    public override readonly string ToString() => $"{Pitch}@{Start}+{Duration} v{Velocity}";
}
