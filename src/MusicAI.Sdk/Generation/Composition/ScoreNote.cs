namespace MusicAI.Sdk.Generation.Composition;

/// <summary>One note of a section, timed in composer ticks from the section start (48 ticks per pulse).</summary>
internal struct ScoreNote
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

    public override readonly string ToString() => $"{Pitch}@{Start}+{Duration} v{Velocity}";
}

/// <summary>Orders notes by start, then pitch (no allocation: a struct comparer).</summary>
internal readonly struct ScoreNoteOrder : IComparer<ScoreNote>
{
    public int Compare(ScoreNote x, ScoreNote y) => x.Start != y.Start ? x.Start.CompareTo(y.Start) : x.Pitch.CompareTo(y.Pitch);
}
