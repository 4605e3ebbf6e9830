namespace MusicAI.Sdk.Captioning.Text;

/// <summary>Pitch-class and key names as MIR tools write them (C, C#, D, Eb, E, F, F#, G, Ab, A, Bb, B).</summary>
internal static class KeyNames
{
    private static readonly string[] s_names = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"];

    /// <summary>Name of pitch class <paramref name="pitchClass"/> (0 = C).</summary>
    public static string PitchClass(int pitchClass) => s_names[((pitchClass % 12) + 12) % 12];

    /// <summary>Key name such as <c>"A minor"</c>.</summary>
    public static string Key(int tonic, bool minor) => $"{PitchClass(tonic)} {(minor ? "minor" : "major")}";

    /// <summary>
    /// Parses a key written as <c>"A minor"</c>, <c>"Eb major"</c>, <c>"Am"</c>, <c>"Ebmaj"</c>, <c>"F#m"</c>, <c>"Bb min"</c>,
    /// <c>"a:min"</c> (MIREX) or a bare tonic (major); flats and sharps in any spelling (Db = C#).
    /// </summary>
    public static bool TryParse(string? text, out int tonic, out bool minor)
    {
        tonic = 0;
        minor = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var s = text.Trim().Replace('♯', '#').Replace('♭', 'b').Replace(':', ' ').Replace('_', ' ');
        var letter = char.ToUpperInvariant(s[0]);
        var natural = letter switch { 'C' => 0, 'D' => 2, 'E' => 4, 'F' => 5, 'G' => 7, 'A' => 9, 'B' => 11, _ => -1 };
        if (natural < 0)
        {
            return false;
        }

        var i = 1;
        var accidental = 0;
        while (i < s.Length && (s[i] == '#' || s[i] == 'b'))
        {
            // "b" right after the letter is a flat unless it starts a word (handled below by the mode parse).
            accidental += s[i] == '#' ? 1 : -1;
            i++;
        }

        var rest = s[i..].Trim().ToLowerInvariant();
        (minor, var ok) = rest switch
        {
            "" or "maj" or "major" or "dur" => (false, true),
            "m" or "min" or "minor" or "moll" or "-" => (true, true),
            _ => (false, false),
        };
        if (!ok)
        {
            return false;
        }

        tonic = (((natural + accidental) % 12) + 12) % 12;
        return true;
    }
}
