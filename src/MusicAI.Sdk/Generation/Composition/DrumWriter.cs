using System.Runtime.CompilerServices;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// Writes drum parts (General MIDI drum pitches) from the style's groove, thinned at low energy and thickened at high
/// energy (sixteenth hats, open hats, extra kicks, a crash on the section's downbeat), with a fill in the last bar.
/// 3/4 and 6/8 use metre-specific grooves in the style's kit. Allocation-free.
/// </summary>
internal static class DrumWriter
{
    private enum Family : byte
    {
        Kick,
        Snare,
        Hat,
        OpenHat,
        Tom,
        Cymbal,
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(SectionScore section, NoteList output, StylePreset style, MeterInfo meter, SeededRandom rng, double swing, bool isLoop)
    {
        var energy = section.Energy;
        if (style.QuietDrums && energy < 0.2)
        {
            return;
        }

        var steps = meter.StepsPerBar;
        var step16 = meter.SixteenthTicks;
        var energyScale = 0.75 + (0.3 * energy);
        var fillBar = section.Bars >= 4 && energy >= 0.45 && section.Kind != SectionKind.Intro ? section.Bars - 1 : -1;
        var fillStartStep = steps - (meter.IsCompound ? 6 : 4);
        for (var bar = 0; bar < section.Bars; bar++)
        {
            var barStart = bar * meter.TicksPerBar;
            foreach (var line in style.Groove)
            {
                var family = FamilyOf(line.Pitch);
                var pattern = meter.Meter == MusicMeter.FourFour ? line.Pattern.AsSpan() : GenericPattern(family, meter.Meter);
                for (var s = 0; s < steps; s++)
                {
                    if (bar == fillBar && s >= fillStartStep && family != Family.Hat)
                    {
                        continue;
                    }

                    var c = s < pattern.Length ? pattern[s] : '.';
                    var tick = s * step16;
                    var pulse = MeterInfo.IsPulse(tick);
                    if (energy < 0.3)
                    {
                        // Low energy: the downbeat kick and hats on pulses only.
                        var keep = (family == Family.Kick && s == 0) || (family == Family.Hat && pulse && c != '.');
                        if (!keep)
                        {
                            continue;
                        }
                    }
                    else if (energy >= 0.7 && c == '.' && family == Family.Hat)
                    {
                        var eighth = tick % meter.EighthTicks == 0;
                        c = eighth ? 'o' : energy >= 0.85 ? '-' : '.';
                    }

                    if (c == '.')
                    {
                        continue;
                    }

                    var velocity = c switch
                    {
                        'x' => 112,
                        'o' => 92,
                        _ => 52,
                    };
                    velocity = (int)((velocity + rng.Next(-6, 6)) * energyScale);
                    var start = Swinger.Apply(barStart + tick, swing, meter);
                    output.Add(start, step16, line.Pitch, velocity);
                }
            }

            if (energy >= 0.7 && bar % 2 == 1 && bar != fillBar && meter.Meter == MusicMeter.FourFour)
            {
                output.Add(Swinger.Apply(barStart + (14 * step16), swing, meter), step16, StyleCatalog.Kick, (int)(80 * energyScale));
                output.Add(Swinger.Apply(barStart + (14 * step16), swing, meter), step16, StyleCatalog.OpenHat, (int)(70 * energyScale));
            }

            if (bar == fillBar)
            {
                WriteFill(output, style, meter, barStart + (fillStartStep * step16), steps - fillStartStep, energyScale, swing);
            }
        }

        var crash = energy >= 0.6 && (section.Kind is SectionKind.Chorus or SectionKind.Bridge or SectionKind.Verse || (isLoop && energy >= 0.8));
        if (crash)
        {
            output.Add(0, 4 * step16, StyleCatalog.Crash, (int)(105 * energyScale));
            output.Add(0, step16, StyleCatalog.Kick, (int)(110 * energyScale));
        }
    }

    private static void WriteFill(NoteList output, StylePreset style, MeterInfo meter, int start, int stepCount, double energyScale, double swing)
    {
        var toms = style.Style is MusicStyle.Rock or MusicStyle.Combat or MusicStyle.Orchestral;
        ReadOnlySpan<int> tomOrder = [StyleCatalog.HighTom, StyleCatalog.HighTom, StyleCatalog.MidTom, StyleCatalog.MidTom, StyleCatalog.LowTom, StyleCatalog.LowFloorTom];
        for (var i = 0; i < stepCount; i++)
        {
            var pitch = toms ? tomOrder[i * tomOrder.Length / stepCount] : StyleCatalog.Snare;
            var velocity = (int)((70 + (40 * i / Math.Max(1, stepCount - 1))) * energyScale);
            var tick = start + (i * meter.SixteenthTicks);
            output.Add(Swinger.Apply(tick, swing, meter), meter.SixteenthTicks, pitch, velocity);
        }
    }

    private static Family FamilyOf(int pitch) => pitch switch
    {
        StyleCatalog.Kick or 35 => Family.Kick,
        StyleCatalog.Snare or StyleCatalog.SideStick or StyleCatalog.Clap or 40 => Family.Snare,
        StyleCatalog.Crash or 57 or 55 or 52 => Family.Cymbal,
        StyleCatalog.OpenHat => Family.OpenHat,
        >= 41 and <= 50 and not 42 and not 44 and not 46 => Family.Tom,
        _ => Family.Hat,
    };

    private static ReadOnlySpan<char> GenericPattern(Family family, MusicMeter meter) => (meter, family) switch
    {
        (MusicMeter.ThreeFour, Family.Kick) => "x...........",
        (MusicMeter.ThreeFour, Family.Snare) => "....o...o...",
        (MusicMeter.ThreeFour, Family.Hat) => "o.o.o.o.o.o.",
        (MusicMeter.ThreeFour, Family.Tom) => "........-.-.",
        (_, Family.OpenHat) => "..........-.",
        (MusicMeter.SixEight, Family.Kick) => "x.....o.....",
        (MusicMeter.SixEight, Family.Snare) => "......x.....",
        (MusicMeter.SixEight, Family.Hat) => "o.o.o.o.o.o.",
        (MusicMeter.SixEight, Family.Tom) => "....-.....-.",
        _ => "............",
    };
}
