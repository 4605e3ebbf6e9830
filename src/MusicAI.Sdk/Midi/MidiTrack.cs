namespace MusicAI.Sdk.Midi;

/// <summary>
/// A named instrument part: its notes, General MIDI program and whether it is a drum part.
/// </summary>
/// <remarks>Immutable; the notes are copied and sorted by onset on construction.</remarks>
public sealed class MidiTrack
{
    /// <summary>
    /// Creates a track.
    /// </summary>
    /// <param name="name">The track name written to the file (for example <c>"bass"</c>).</param>
    /// <param name="notes">The notes; pitches 0–127, velocities 1–127, onsets ≥ 0, durations &gt; 0.</param>
    /// <param name="program">General MIDI program 0–127 (0 = acoustic grand piano). Ignored for drums.</param>
    /// <param name="isDrums">Whether this is a percussion part (written on MIDI channel 10, General MIDI drum map).</param>
    /// <exception cref="ArgumentOutOfRangeException">A note or the program is out of range.</exception>
    public MidiTrack(string name, IEnumerable<MidiNote> notes, int program = 0, bool isDrums = false)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(notes);
        ArgumentOutOfRangeException.ThrowIfNegative(program);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(program, 127);
        var list = notes.ToList();
        foreach (var note in list)
        {
            if (note.Pitch is < 0 or > 127)
            {
                throw new ArgumentOutOfRangeException(nameof(notes), $"Note pitch {note.Pitch} is outside 0–127.");
            }

            if (note.Velocity is < 1 or > 127)
            {
                throw new ArgumentOutOfRangeException(nameof(notes), $"Note velocity {note.Velocity} is outside 1–127.");
            }

            if (!double.IsFinite(note.Start) || note.Start < 0 || !double.IsFinite(note.Duration) || note.Duration <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(notes), $"Note at {note.Start} s lasting {note.Duration} s: onsets must be ≥ 0 and durations > 0.");
            }
        }

        list.Sort(static (a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Pitch.CompareTo(b.Pitch));
        Name = name;
        Notes = list.AsReadOnly();
        Program = program;
        IsDrums = isDrums;
    }

    /// <summary>Gets the track name.</summary>
    public string Name { get; }

    /// <summary>Gets the notes, sorted by onset then pitch.</summary>
    public IReadOnlyList<MidiNote> Notes { get; }

    /// <summary>Gets the General MIDI program (0–127).</summary>
    public int Program { get; }

    /// <summary>Gets a value indicating whether this is a percussion part.</summary>
    public bool IsDrums { get; }
}
