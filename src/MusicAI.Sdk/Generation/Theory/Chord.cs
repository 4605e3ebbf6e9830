namespace MusicAI.Sdk.Generation.Theory;

/// <summary>
/// A diatonic chord: built by stacking thirds on a scale degree of a mode. Pitch classes are relative to the tonic
/// (0 = tonic). Immutable value; no allocation.
/// </summary>
internal readonly struct Chord : IEquatable<Chord>
{
    public Chord(MusicMode mode, int degree, bool seventh)
    {
        Mode = mode;
        Degree = Scale.Mod(degree, 7);
        HasSeventh = seventh;
    }

    public MusicMode Mode { get; }

    /// <summary>The scale degree of the root, 0–6 (0 = I).</summary>
    public int Degree { get; }

    public bool HasSeventh { get; }

    /// <summary>Number of distinct chord tones (3 or 4).</summary>
    public int ToneCount => HasSeventh ? 4 : 3;

    /// <summary>Pitch class of the root, relative to the tonic.</summary>
    public int Root => Scale.PitchClass(Mode, Degree);

    /// <summary>Pitch class of the third.</summary>
    public int Third => Scale.PitchClass(Mode, Degree + 2);

    /// <summary>Pitch class of the fifth.</summary>
    public int Fifth => Scale.PitchClass(Mode, Degree + 4);

    /// <summary>Pitch class of chord tone <paramref name="index"/> (0 root, 1 third, 2 fifth, 3 seventh).</summary>
    public int Tone(int index) => Scale.PitchClass(Mode, Degree + (2 * index));

    /// <summary>Whether the chord's fifth is diminished (vii° in major, ii° in minor).</summary>
    public bool IsDiminished => Scale.Mod(Fifth - Root, 12) == 6;

    /// <summary>Whether the third is minor.</summary>
    public bool IsMinor => Scale.Mod(Third - Root, 12) == 3;

    /// <summary>Whether a pitch (semitones relative to the tonic, any octave) is a chord tone.</summary>
    public bool Contains(int semitones)
    {
        var pc = Scale.Mod(semitones, 12);
        for (var i = 0; i < ToneCount; i++)
        {
            if (Tone(i) == pc)
            {
                return true;
            }
        }

        return false;
    }

    public bool Equals(Chord other) => Mode == other.Mode && Degree == other.Degree && HasSeventh == other.HasSeventh;

    public override bool Equals(object? obj) => obj is Chord other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Mode, Degree, HasSeventh);

    public override string ToString()
    {
        ReadOnlySpan<string> numerals = ["I", "II", "III", "IV", "V", "VI", "VII"];
        var numeral = numerals[Degree];
        var name = IsMinor || IsDiminished ? numeral.ToLowerInvariant() : numeral;
        return name + (IsDiminished ? "°" : string.Empty) + (HasSeventh ? "7" : string.Empty);
    }

    public static bool operator ==(Chord left, Chord right) => left.Equals(right);

    public static bool operator !=(Chord left, Chord right) => !left.Equals(right);
}
