namespace MusicAI.Sdk.Generation.Composition;

/// <summary>One note of a motif: onset and length in ticks from the motif start, pitch as scale steps from its first note.</summary>
internal struct MotifNote
{
    public int Onset;
    public int Duration;
    public int Step;

    public MotifNote(int onset, int duration, int step)
    {
        Onset = onset;
        Duration = duration;
        Step = step;
    }
}

/// <summary>
/// A short melodic idea (one or two bars): a rhythm and a contour in scale steps. The melody writer states it,
/// repeats it transposed to fit the harmony, inverts, augments and fragments it.
/// </summary>
internal sealed class Motif
{
    public const int MaxNotes = 24;

    private readonly MotifNote[] _notes = new MotifNote[MaxNotes];

    public int Count { get; private set; }

    /// <summary>Length in ticks (a whole number of bars).</summary>
    public int LengthTicks { get; set; }

    public ReadOnlySpan<MotifNote> Notes => _notes.AsSpan(0, Count);

    public void Clear() => Count = 0;

    public void CopyFrom(Motif other)
    {
        other._notes.AsSpan(0, other.Count).CopyTo(_notes);
        Count = other.Count;
        LengthTicks = other.LengthTicks;
    }

    public void Add(int onset, int duration, int step)
    {
        if (Count < MaxNotes && duration > 0)
        {
            _notes[Count++] = new MotifNote(onset, duration, step);
        }
    }
}
