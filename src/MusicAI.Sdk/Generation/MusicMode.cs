using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// A diatonic mode (scale) of a key.
/// </summary>
/// <remarks>
/// Chords are built from the mode's own notes, so the mode decides the flavour of every progression: Dorian gives a
/// major IV in minor, Mixolydian a major ♭VII in major, Phrygian a ♭II, harmonic minor a major V (tension).
/// </remarks>
[Experimental("MUSICAI001")]
public enum MusicMode
{
    /// <summary>Major (Ionian): 0 2 4 5 7 9 11.</summary>
    Major = 0,

    /// <summary>Natural minor (Aeolian): 0 2 3 5 7 8 10.</summary>
    Minor = 1,

    /// <summary>Dorian: minor with a raised sixth, 0 2 3 5 7 9 10.</summary>
    Dorian = 2,

    /// <summary>Phrygian: minor with a lowered second, 0 1 3 5 7 8 10.</summary>
    Phrygian = 3,

    /// <summary>Lydian: major with a raised fourth, 0 2 4 6 7 9 11.</summary>
    Lydian = 4,

    /// <summary>Mixolydian: major with a lowered seventh, 0 2 4 5 7 9 10.</summary>
    Mixolydian = 5,

    /// <summary>Harmonic minor: minor with a raised seventh, 0 2 3 5 7 8 11.</summary>
    HarmonicMinor = 6,
}
