using System.Runtime.CompilerServices;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// Chooses a progression for each section kind from the style's vocabulary and lays chords out on the section's
/// half bars (harmonic rhythm from the style). Chords are diatonic to the key's mode; a diminished or augmented
/// chord the vocabulary would produce is borrowed from the parallel natural mode instead.
/// </summary>
internal static class HarmonyWriter
{
    /// <summary>
    /// Picks the progressions of a song: one per <see cref="SectionKind"/> (index = kind), verse, chorus and bridge
    /// different where the vocabulary allows. The result arrays are owned by the caller.
    /// </summary>
    public static int[][] ChooseProgressions(StylePreset style, MusicKey key, long seed)
    {
        var vocabulary = key.IsMinor ? style.MinorProgressions : style.MajorProgressions;
        var rng = new SeededRandom(seed, RandomPurpose.Harmony, 0);
        var verse = rng.Next(vocabulary.Length);
        var chorus = vocabulary.Length > 1 ? (verse + 1 + rng.Next(vocabulary.Length - 1)) % vocabulary.Length : verse;
        var bridgeIndex = verse;
        for (var attempt = 0; attempt < 8 && vocabulary.Length > 2 && (bridgeIndex == verse || bridgeIndex == chorus); attempt++)
        {
            bridgeIndex = rng.Next(vocabulary.Length);
        }

        // The bridge starts away from the tonic: rotate its progression to begin on its first non-tonic chord.
        var bridge = (int[])vocabulary[bridgeIndex].Clone();
        var rotation = Array.FindIndex(bridge, d => d != 0);
        if (rotation > 0)
        {
            bridge = [.. bridge[rotation..], .. bridge[..rotation]];
        }

        var result = new int[6][];
        result[(int)SectionKind.Intro] = vocabulary[verse];
        result[(int)SectionKind.Verse] = vocabulary[verse];
        result[(int)SectionKind.Chorus] = vocabulary[chorus];
        result[(int)SectionKind.Bridge] = bridge;
        result[(int)SectionKind.Outro] = vocabulary[verse];
        result[(int)SectionKind.Loop] = vocabulary[verse];
        return result;
    }

    /// <summary>Whether the song uses seventh chords (drawn once per song).</summary>
    public static bool ChooseSevenths(StylePreset style, long seed) =>
        new SeededRandom(seed, RandomPurpose.Harmony, 1).Chance(style.SeventhProbability);

    /// <summary>
    /// The chord on a degree, borrowed from the parallel natural mode when the mode's own is diminished or augmented.
    /// The tonic of a minor key (other than Dorian) stays a triad: i7 holds the whole relative-major triad and blurs
    /// the key.
    /// </summary>
    public static Chord ChordOn(MusicMode mode, int degree, bool seventh)
    {
        if (Scale.Mod(degree, 7) == 0 && Scale.IsMinorFamily(mode) && mode != MusicMode.Dorian)
        {
            seventh = false;
        }

        var chord = new Chord(mode, degree, seventh);
        if (!IsStable(chord))
        {
            var parallel = Scale.IsMinorFamily(mode) ? MusicMode.Minor : MusicMode.Major;
            var borrowed = new Chord(parallel, degree, seventh);
            if (IsStable(borrowed))
            {
                return borrowed;
            }
        }

        return chord;
    }

    /// <summary>
    /// Writes the chords of a section. <paramref name="closeOnTonic"/> replaces the last bar's chord with the tonic
    /// when it does not contain the tonic (a closed cadence).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Fill(SectionScore section, ReadOnlySpan<int> progression, MusicMode mode, bool sevenths, double barsPerChord, bool closeOnTonic)
    {
        var halves = section.Bars * 2;
        var halvesPerChord = Math.Max(1, (int)Math.Round(barsPerChord * 2));
        for (var h = 0; h < halves; h++)
        {
            var degree = progression[h / halvesPerChord % progression.Length];
            section.SetChord(h, ChordOn(mode, degree, sevenths));
        }

        if (closeOnTonic && !section.ChordOfHalfBar(halves - 1).Contains(0))
        {
            var tonic = ChordOn(mode, 0, sevenths);
            section.SetChord(halves - 2, tonic);
            section.SetChord(halves - 1, tonic);
        }
    }

    private static bool IsStable(Chord chord)
    {
        var fifth = Scale.Mod(chord.Fifth - chord.Root, 12);
        return fifth == 7;
    }
}
