using System.Runtime.CompilerServices;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// Writes the bassline: chord roots on strong beats, fifths and octaves, and approach notes (a semitone below or a
/// scale step above the next root) just before chord changes, in the style's rhythm. Allocation-free.
/// </summary>
internal static class BassWriter
{
    private enum Role : byte
    {
        Root,
        Fifth,
        Octave,
        Approach,
    }

    /// <summary>Lowest and highest bass pitch relative to the song's reference tonic (about F1–B2).</summary>
    public const int LowOffset = -29;

    public const int HighOffset = -12;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(SectionScore section, NoteList output, StylePreset style, MeterInfo meter, int tonicMidi, MusicMode mode, bool isLoop, SeededRandom rng, double swing)
    {
        var energy = section.Energy;
        var barTicks = meter.TicksPerBar;
        var length = section.LengthTicks;
        var energyScale = 0.8 + (0.25 * energy);
        if (style.Bass == BassStyle.Sustain || energy < 0.15)
        {
            for (var tick = 0; tick < length;)
            {
                var end = Math.Min(length, section.ChordSpanEndHalfBar(tick) * (barTicks / 2));
                output.Add(tick, end - tick, RootPitch(section.ChordAt(tick), tonicMidi), (int)(92 * energyScale));
                tick = end;
            }

            return;
        }

        Span<int> ticks = stackalloc int[32];
        Span<int> durations = stackalloc int[32];
        Span<Role> roles = stackalloc Role[32];
        var count = Pattern(style.Bass, meter, energy, ticks, durations, roles);
        var detached = style.Bass is BassStyle.Pulse8 or BassStyle.Octave8 or BassStyle.Gallop16;
        for (var bar = 0; bar < section.Bars; bar++)
        {
            var barStart = bar * barTicks;
            for (var e = 0; e < count; e++)
            {
                var tick = barStart + ticks[e];
                var chord = section.ChordAt(tick);
                var spanEnd = section.ChordSpanEndHalfBar(tick) * (barTicks / 2);
                var nextTick = e + 1 < count ? barStart + ticks[e + 1] : barStart + barTicks;
                var lastInSpan = nextTick >= spanEnd;
                var root = RootPitch(chord, tonicMidi);
                var pitch = roles[e] switch
                {
                    Role.Fifth => root + 7 <= tonicMidi + HighOffset ? root + 7 : root - 5,
                    Role.Octave => root + 12,
                    _ => root,
                };

                var approachAllowed = roles[e] == Role.Approach || (lastInSpan && style.Bass is BassStyle.Pulse8 or BassStyle.Gallop16 && durations[e] <= meter.EighthTicks);
                if (approachAllowed && lastInSpan)
                {
                    Chord? next = spanEnd < length ? section.ChordAt(spanEnd) : isLoop ? section.ChordAt(0) : null;
                    if (next is { } n && n.Root != chord.Root)
                    {
                        var target = RootPitch(n, tonicMidi);
                        pitch = rng.Chance(0.5)
                            ? target - 1 // chromatic from below
                            : tonicMidi + Scale.Semitones(mode, Scale.NearestDegree(mode, target - tonicMidi) + (target > root ? -1 : 1));
                    }
                    else if (roles[e] == Role.Approach)
                    {
                        pitch = root + 7 <= tonicMidi + HighOffset ? root + 7 : root;
                    }
                }

                var duration = detached ? Math.Max(4, durations[e] - 3) : durations[e];
                var start = Swinger.Apply(tick, swing, meter);
                var end = Swinger.Apply(Math.Min(tick + duration, length), swing, meter);
                var velocity = MeterInfo.IsPulse(ticks[e]) ? (ticks[e] == 0 ? 104 : 96) : 84;
                velocity += rng.Next(-4, 4);
                output.Add(start, Math.Max(4, end - start), pitch, (int)(velocity * energyScale));
            }
        }
    }

    /// <summary>The root of a chord in the bass register.</summary>
    public static int RootPitch(Chord chord, int tonicMidi)
    {
        var pitch = tonicMidi - 24 + chord.Root;
        if (pitch > tonicMidi + HighOffset - 5)
        {
            pitch -= 12;
        }

        return Math.Max(pitch, tonicMidi + LowOffset);
    }

    private static int Pattern(BassStyle style, MeterInfo meter, double energy, Span<int> ticks, Span<int> durations, Span<Role> roles)
    {
        const int P = MeterInfo.TicksPerPulse;
        var e8 = meter.EighthTicks;
        var s16 = meter.SixteenthTicks;
        var bar = meter.TicksPerBar;
        var n = 0;
        void Add(Span<int> t, Span<int> d, Span<Role> r, int tick, int duration, Role role)
        {
            t[n] = tick;
            d[n] = duration;
            r[n] = role;
            n++;
        }

        var low = energy < 0.35;
        switch (style)
        {
            case BassStyle.HalfNotes:
                if (meter.Meter == MusicMeter.ThreeFour)
                {
                    Add(ticks, durations, roles, 0, 2 * P, Role.Root);
                    Add(ticks, durations, roles, 2 * P, P, Role.Fifth);
                }
                else
                {
                    var halfBar = bar / 2;
                    Add(ticks, durations, roles, 0, halfBar, Role.Root);
                    Add(ticks, durations, roles, halfBar, halfBar, low ? Role.Root : Role.Fifth);
                }

                break;
            case BassStyle.RootFifthApproach:
                if (low)
                {
                    Add(ticks, durations, roles, 0, bar, Role.Root);
                }
                else if (meter.Meter == MusicMeter.FourFour)
                {
                    Add(ticks, durations, roles, 0, 3 * e8, Role.Root);
                    Add(ticks, durations, roles, 3 * e8, e8, Role.Root);
                    Add(ticks, durations, roles, 2 * P, P, Role.Fifth);
                    Add(ticks, durations, roles, 3 * P, P, Role.Approach);
                }
                else if (meter.Meter == MusicMeter.ThreeFour)
                {
                    Add(ticks, durations, roles, 0, P, Role.Root);
                    Add(ticks, durations, roles, P, P, Role.Fifth);
                    Add(ticks, durations, roles, 2 * P, P, Role.Approach);
                }
                else
                {
                    Add(ticks, durations, roles, 0, 2 * e8, Role.Root);
                    Add(ticks, durations, roles, 2 * e8, e8, Role.Root);
                    Add(ticks, durations, roles, P, 2 * e8, Role.Fifth);
                    Add(ticks, durations, roles, P + (2 * e8), e8, Role.Approach);
                }

                break;
            case BassStyle.Pulse8:
            case BassStyle.Octave8:
                var grid = low ? P : e8;
                for (var t = 0; t < bar; t += grid)
                {
                    var role = style == BassStyle.Octave8 && (t / grid % 2 == 1) ? Role.Octave : Role.Root;
                    Add(ticks, durations, roles, t, grid, role);
                }

                break;
            case BassStyle.Gallop16:
                for (var pulse = 0; pulse < bar; pulse += P)
                {
                    if (low)
                    {
                        Add(ticks, durations, roles, pulse, e8, Role.Root);
                        Add(ticks, durations, roles, pulse + e8, P - e8, Role.Root);
                    }
                    else if (meter.IsCompound)
                    {
                        Add(ticks, durations, roles, pulse, e8, Role.Root);
                        Add(ticks, durations, roles, pulse + e8, e8, Role.Root);
                        Add(ticks, durations, roles, pulse + (2 * e8), e8, Role.Root);
                    }
                    else
                    {
                        Add(ticks, durations, roles, pulse, e8, Role.Root);
                        Add(ticks, durations, roles, pulse + e8, s16, Role.Root);
                        Add(ticks, durations, roles, pulse + e8 + s16, s16, Role.Root);
                    }
                }

                break;
            default:
                Add(ticks, durations, roles, 0, bar, Role.Root);
                break;
        }

        return n;
    }
}
