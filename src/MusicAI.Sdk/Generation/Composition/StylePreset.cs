namespace MusicAI.Sdk.Generation.Composition;

/// <summary>How the bass part moves (rhythm and note choice), per style.</summary>
internal enum BassStyle
{
    /// <summary>One long root per chord.</summary>
    Sustain,

    /// <summary>Root then fifth in half notes (orchestral).</summary>
    HalfNotes,

    /// <summary>Root, fifth and an approach note into the next chord (lo-fi, exploration).</summary>
    RootFifthApproach,

    /// <summary>Driving eighth-note roots with an approach note before chord changes (rock, synthwave).</summary>
    Pulse8,

    /// <summary>Eighth notes alternating root and octave (chiptune, disco).</summary>
    Octave8,

    /// <summary>Galloping eighth + two sixteenths ostinato (combat).</summary>
    Gallop16,
}

/// <summary>How the chords part is played, per style.</summary>
internal enum ChordRhythm
{
    /// <summary>Held for the chord's length.</summary>
    Sustain,

    /// <summary>Syncopated jazz-style hits (lo-fi).</summary>
    Comping,

    /// <summary>Sixteenth-note arpeggio through the voicing (chiptune, synthwave).</summary>
    Arpeggio16,

    /// <summary>Eighth-note arpeggio (harp-like, exploration).</summary>
    Arpeggio8,

    /// <summary>Eighth-note power-chord stabs (rock).</summary>
    Stabs8,

    /// <summary>Short eighth-note ostinato (combat, orchestral at high energy).</summary>
    Staccato8,
}

/// <summary>One drum voice of a groove: a General MIDI drum pitch and a 16-step (4/4) pattern.</summary>
/// <remarks>Pattern characters: <c>x</c> accent, <c>o</c> normal, <c>-</c> ghost, <c>.</c> rest.</remarks>
internal readonly record struct DrumLine(int Pitch, string Pattern);

/// <summary>
/// A style preset: everything the composer needs to write in one style. Immutable shared data.
/// </summary>
internal sealed class StylePreset
{
    public required MusicStyle Style { get; init; }

    /// <summary>The canonical name (<c>"lo-fi"</c>).</summary>
    public required string Name { get; init; }

    public required int MinTempo { get; init; }

    public required int MaxTempo { get; init; }

    /// <summary>Weights of 4/4, 3/4, 6/8.</summary>
    public required double[] MeterWeights { get; init; }

    /// <summary>Weights of the seven <see cref="MusicMode"/> values, in enum order.</summary>
    public required double[] ModeWeights { get; init; }

    /// <summary>Progressions (0-based scale degrees) used in major-family modes (major, Lydian, Mixolydian).</summary>
    public required int[][] MajorProgressions { get; init; }

    /// <summary>Progressions used in minor-family modes (minor, Dorian, Phrygian, harmonic minor).</summary>
    public required int[][] MinorProgressions { get; init; }

    /// <summary>Bars per chord: 0.5, 1 or 2.</summary>
    public required double BarsPerChord { get; init; }

    /// <summary>Probability that chords carry a seventh.</summary>
    public required double SeventhProbability { get; init; }

    /// <summary>Instruments per stem role (index = <see cref="StemRole"/>).</summary>
    public required InstrumentSpec[] Instruments { get; init; }

    /// <summary>The drum lines of the groove at medium energy, 4/4.</summary>
    public required DrumLine[] Groove { get; init; }

    /// <summary>Sixteenth-note swing: 0.5 straight, 0.6 lazy lo-fi swing.</summary>
    public double Swing { get; init; } = 0.5;

    public required BassStyle Bass { get; init; }

    public required ChordRhythm Chords { get; init; }

    /// <summary>Melody notes per bar (min, max).</summary>
    public required (int Min, int Max) MelodyNotesPerBar { get; init; }

    /// <summary>Motif length in bars (1, or 2 for slow, spacious styles).</summary>
    public int MotifBars { get; init; } = 1;

    /// <summary>Whether the melody rhythm may use sixteenth notes.</summary>
    public bool MelodySixteenths { get; init; }

    /// <summary>Melody register shift in octaves (bells and square leads sit higher).</summary>
    public int MelodyOctave { get; init; }

    /// <summary>Base energy 0–1: drum density, velocities, rhythmic activity.</summary>
    public required double Energy { get; init; }

    /// <summary>Reverb decay (RT60) in seconds: a room for lo-fi and chiptune, a hall for orchestral, a wash for ambient.</summary>
    public required float ReverbSeconds { get; init; }

    /// <summary>Reverb high-frequency damping, 0 (bright) to 1 (dark).</summary>
    public required float ReverbDamping { get; init; }

    /// <summary>Tempo-synced delay time in beats.</summary>
    public required float DelayBeats { get; init; }

    /// <summary>Delay feedback, 0 to 0.95.</summary>
    public required float DelayFeedback { get; init; }

    /// <summary>Whether percussion plays at all below medium energy.</summary>
    public bool QuietDrums { get; init; }

    /// <summary>Gets the instrument of a role.</summary>
    public InstrumentSpec Instrument(StemRole role) => Instruments[(int)role];
}
