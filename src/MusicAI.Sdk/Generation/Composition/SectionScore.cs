using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// The composed notes of one section: a chord per half bar and one <see cref="NoteList"/> per stem role. Reused
/// across compositions (the stream double-buffers two per lane), so it allocates nothing once warmed up.
/// </summary>
internal sealed class SectionScore
{
    public const int MaxBars = 64;

    private readonly Chord[] _chords = new Chord[MaxBars * 2];
    private readonly NoteList[] _stems = new NoteList[StemRoles.Count];

    public SectionScore()
    {
        for (var i = 0; i < _stems.Length; i++)
        {
            _stems[i] = new NoteList(i == (int)StemRole.Drums || i == (int)StemRole.Chords ? 1024 : 256);
        }
    }

    public SectionKind Kind { get; private set; }

    public int Bars { get; private set; }

    public int TicksPerBar { get; private set; }

    public int LengthTicks => Bars * TicksPerBar;

    public double Energy { get; private set; }

    /// <summary>How many sections of this kind came before this one (0 for the first verse, 1 for the second…).</summary>
    public int Occurrence { get; private set; }

    public void Reset(SectionKind kind, int bars, int ticksPerBar, double energy, int occurrence)
    {
        if (bars is < 1 or > MaxBars)
        {
            throw new ArgumentOutOfRangeException(nameof(bars), bars, $"A section has 1 to {MaxBars} bars.");
        }

        Kind = kind;
        Bars = bars;
        TicksPerBar = ticksPerBar;
        Energy = energy;
        Occurrence = occurrence;
        foreach (var stem in _stems)
        {
            stem.Clear();
        }
    }

    public NoteList Stem(StemRole role) => _stems[(int)role];

    /// <summary>Sets the chord of a half bar (index = bar × 2 + half).</summary>
    public void SetChord(int halfBar, Chord chord) => _chords[halfBar] = chord;

    /// <summary>The chord of a half bar.</summary>
    public Chord ChordOfHalfBar(int halfBar) => _chords[Math.Clamp(halfBar, 0, (Bars * 2) - 1)];

    /// <summary>The chord sounding at a tick of this section.</summary>
    public Chord ChordAt(int tick)
    {
        var half = TicksPerBar / 2;
        return ChordOfHalfBar(tick / half);
    }

    /// <summary>Half-bar index where the chord sounding at <paramref name="tick"/> ends (exclusive).</summary>
    public int ChordSpanEndHalfBar(int tick)
    {
        var half = TicksPerBar / 2;
        var index = tick / half;
        var chord = ChordOfHalfBar(index);
        var end = index + 1;
        while (end < Bars * 2 && _chords[end] == chord)
        {
            end++;
        }

        return end;
    }

    public void Normalize()
    {
        foreach (var stem in _stems)
        {
            stem.Normalize(LengthTicks);
        }
    }

    public void CopyFrom(SectionScore other)
    {
        Kind = other.Kind;
        Bars = other.Bars;
        TicksPerBar = other.TicksPerBar;
        Energy = other.Energy;
        Occurrence = other.Occurrence;
        other._chords.AsSpan().CopyTo(_chords);
        for (var i = 0; i < _stems.Length; i++)
        {
            _stems[i].CopyFrom(other._stems[i]);
        }
    }
}
