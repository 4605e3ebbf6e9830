using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>Writes the short one-shot stingers of an adaptive stream, in the key of the state that plays them.</summary>
internal static class StingerWriter
{
    /// <summary>Writes a stinger into two note lists (pitched and drums); returns its length in ticks.</summary>
    public static int Write(StingerKind kind, NoteList pitched, NoteList drums, MusicMode mode, int tonicMidi, MeterInfo meter)
    {
        pitched.Clear();
        drums.Clear();
        const int P = MeterInfo.TicksPerPulse;
        var e8 = meter.EighthTicks;
        var s16 = meter.SixteenthTicks;
        var root = tonicMidi + 12;
        int Degree(int d) => root + Scale.Semitones(mode, d);
        switch (kind)
        {
            case StingerKind.Triumph:
            {
                // A rising tonic arpeggio, landing on a held octave with the fifth below; snare pickup into a crash.
                var major = Scale.IsMinorFamily(mode) ? MusicMode.Major : mode;
                ReadOnlySpan<int> steps = [0, 2, 4];
                for (var i = 0; i < steps.Length; i++)
                {
                    pitched.Add(i * s16 * 2, s16 * 2, root + Scale.Semitones(major, steps[i]), 100);
                    drums.Add(i * s16 * 2, s16, StyleCatalog.Snare, 70 + (i * 12));
                }

                var land = 3 * s16 * 2;
                pitched.Add(land, 2 * P, root + 12, 118);
                pitched.Add(land, 2 * P, root + 7, 105);
                pitched.Add(land, 2 * P, root + Scale.Semitones(major, 2), 100);
                drums.Add(land, 4 * s16, StyleCatalog.Crash, 120);
                drums.Add(land, s16, StyleCatalog.Kick, 120);
                return land + (2 * P);
            }

            case StingerKind.Danger:
            {
                // Low tonic hits against the flat second, a tritone cluster, toms underneath.
                var low = tonicMidi - 12;
                for (var i = 0; i < 3; i++)
                {
                    pitched.Add(i * e8, e8 - 4, low, 110);
                    pitched.Add(i * e8, e8 - 4, low + 1, 95);
                    drums.Add(i * e8, s16, i == 2 ? StyleCatalog.LowFloorTom : StyleCatalog.LowTom, 110);
                }

                var hit = 3 * e8;
                pitched.Add(hit, 2 * P, low, 118);
                pitched.Add(hit, 2 * P, low + 6, 105);
                pitched.Add(hit, 2 * P, low + 13, 100);
                drums.Add(hit, 4 * s16, StyleCatalog.Crash, 115);
                drums.Add(hit, s16, StyleCatalog.Kick, 120);
                return hit + (2 * P);
            }

            default:
            {
                // Accent: one tonic chord stab with a crash.
                pitched.Add(0, P, Degree(0), 115);
                pitched.Add(0, P, Degree(2), 105);
                pitched.Add(0, P, Degree(4), 105);
                pitched.Add(0, P, Degree(7), 110);
                drums.Add(0, 4 * s16, StyleCatalog.Crash, 118);
                drums.Add(0, s16, StyleCatalog.Kick, 118);
                return 2 * P;
            }
        }
    }
}
