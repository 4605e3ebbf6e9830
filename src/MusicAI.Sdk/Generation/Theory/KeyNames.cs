namespace MusicAI.Sdk.Generation.Theory;

/// <summary>Parses and spells key names (see <see cref="MusicKey"/>).</summary>
internal static class KeyNames
{
    public const string AcceptedForms =
        "Write a tonic A–G with an optional # or b (or 'sharp'/'flat'), then a mode: 'A minor', 'Eb major', 'F# dorian', " +
        "'Bb harmonic minor', or a short form: 'Am', 'Ebmaj', 'F#m', 'Dmin', 'G' (major). " +
        "Modes: major, minor, dorian, phrygian, lydian, mixolydian, harmonic minor (also ionian, aeolian).";

    private static readonly string[] s_sharpNames = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];
    private static readonly string[] s_flatNames = ["C", "Db", "D", "Eb", "E", "F", "Gb", "G", "Ab", "A", "Bb", "B"];

    /// <summary>Mode words as written in names (lower case).</summary>
    public static string ModeName(MusicMode mode) => mode switch
    {
        MusicMode.Major => "major",
        MusicMode.Minor => "minor",
        MusicMode.Dorian => "dorian",
        MusicMode.Phrygian => "phrygian",
        MusicMode.Lydian => "lydian",
        MusicMode.Mixolydian => "mixolydian",
        MusicMode.HarmonicMinor => "harmonic minor",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
    };

    /// <summary>Parses a mode word (or short form); null when it is not one.</summary>
    public static MusicMode? ParseMode(string text) => text.Trim().ToLowerInvariant() switch
    {
        "" or "maj" or "major" or "ionian" => MusicMode.Major,
        "m" or "min" or "minor" or "aeolian" => MusicMode.Minor,
        "dorian" or "dor" => MusicMode.Dorian,
        "phrygian" or "phryg" => MusicMode.Phrygian,
        "lydian" or "lyd" => MusicMode.Lydian,
        "mixolydian" or "mixo" or "mix" => MusicMode.Mixolydian,
        "harmonic minor" or "harmonic-minor" or "harmonicminor" or "harm minor" or "harmonic" => MusicMode.HarmonicMinor,
        _ => null,
    };

    public static bool TryParse(string text, out MusicKey key)
    {
        key = default;
        var s = text.Trim().Replace('♯', '#').Replace('♭', 'b');
        if (s.Length == 0)
        {
            return false;
        }

        var letter = char.ToUpperInvariant(s[0]);
        int pc;
        switch (letter)
        {
            case 'C': pc = 0; break;
            case 'D': pc = 2; break;
            case 'E': pc = 4; break;
            case 'F': pc = 5; break;
            case 'G': pc = 7; break;
            case 'A': pc = 9; break;
            case 'B': pc = 11; break;
            default: return false;
        }

        var rest = s[1..];
        if (rest.StartsWith('#'))
        {
            pc++;
            rest = rest[1..];
        }
        else if (rest.StartsWith('b'))
        {
            // No mode word starts with 'b', so a 'b' right after the letter is always a flat ("Eb", "Ebm", "Bb minor").
            pc--;
            rest = rest[1..];
        }
        else
        {
            var trimmed = rest.TrimStart(' ', '-');
            if (trimmed.StartsWith("sharp", StringComparison.OrdinalIgnoreCase))
            {
                pc++;
                rest = trimmed[5..];
            }
            else if (trimmed.StartsWith("flat", StringComparison.OrdinalIgnoreCase))
            {
                pc--;
                rest = trimmed[4..];
            }
        }

        // "DM" (capital M) is a common short form for major; every other spelling is case-insensitive.
        var mode = rest == "M" ? MusicMode.Major : ParseMode(rest.Replace('-', ' ').Replace("  ", " ", StringComparison.Ordinal));
        if (mode is null)
        {
            return false;
        }

        key = new MusicKey(Scale.Mod(pc, 12), mode.Value);
        return true;
    }

    public static string Format(MusicKey key)
    {
        // Spell the tonic with the accidentals of the key signature: find the relative major (Ionian) tonic.
        var ionianOffset = key.Mode switch
        {
            MusicMode.Major => 0,
            MusicMode.Dorian => 2,
            MusicMode.Phrygian => 4,
            MusicMode.Lydian => 5,
            MusicMode.Mixolydian => 7,
            _ => 9, // minor and harmonic minor
        };
        var relativeMajor = Scale.Mod(key.Tonic - ionianOffset, 12);
        var useFlats = relativeMajor switch
        {
            5 or 10 or 3 or 8 or 1 => true, // F, Bb, Eb, Ab, Db
            6 => key.IsMinor, // F# major / Eb minor
            _ => false,
        };
        var names = useFlats ? s_flatNames : s_sharpNames;
        return names[key.Tonic] + " " + ModeName(key.Mode);
    }
}
