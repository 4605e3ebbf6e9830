namespace MusicAI.Sdk.Generation.Composition;

/// <summary>Guesses a General MIDI program for a preset name (for MIDI export of user-chosen instruments).</summary>
internal static class InstrumentPrograms
{
    private static readonly (string Word, int Program)[] s_words =
    [
        ("piano", 0), ("rhodes", 4), ("electric-piano", 4), ("epiano", 4), ("organ", 16), ("harp", 46), ("guitar", 29),
        ("bass", 33), ("sub", 38), ("string", 48), ("violin", 40), ("cello", 42), ("choir", 52), ("brass", 61),
        ("horn", 60), ("trumpet", 56), ("flute", 73), ("bell", 14), ("vibraphone", 11), ("marimba", 12),
        ("square", 80), ("pulse", 80), ("saw", 81), ("lead", 81), ("pad", 89), ("pluck", 45),
    ];

    public static int Guess(string preset, int fallback)
    {
        foreach (var (word, program) in s_words)
        {
            if (preset.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return program;
            }
        }

        return fallback;
    }
}
