using System.Runtime.CompilerServices;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// Writes the harmony parts: the chords stem (voice-led voicings played in the style's rhythm: sustained, comping,
/// arpeggios, stabs, staccato ostinato), the pad (sustained voicings above) and the optional strings (sustained,
/// higher still). Each part keeps its previous voicing, so voice leading continues across sections.
/// Allocation-free after construction.
/// </summary>
internal sealed class ChordWriter
{
    private readonly int[] _previous = new int[4];
    private readonly int[] _voicing = new int[4];
    private int _previousCount;

    public ChordWriter(StemRole role) => Role = role;

    public StemRole Role { get; }

    /// <summary>Lowest and highest pitch of this part relative to the reference tonic.</summary>
    public (int Low, int High) Range => Role switch
    {
        StemRole.Chords => (-5, 14),
        StemRole.Pad => (2, 21),
        _ => (9, 28),
    };

    /// <summary>
    /// Runs the voice leading over the section without writing notes, so that a loop starts from the voicing its end
    /// leads into (the wrap is voice-led too).
    /// </summary>
    public void WarmUp(SectionScore section, int tonicMidi, int voices)
    {
        var half = section.TicksPerBar / 2;
        for (var tick = 0; tick < section.LengthTicks;)
        {
            NextVoicing(section.ChordAt(tick), tonicMidi, voices);
            tick = Math.Min(section.LengthTicks, section.ChordSpanEndHalfBar(tick) * half);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(SectionScore section, NoteList output, StylePreset style, MeterInfo meter, int tonicMidi, int voices, double swing, SeededRandom rng)
    {
        var half = section.TicksPerBar / 2;
        var energy = section.Energy;
        var rhythm = Role == StemRole.Chords && energy >= 0.3 ? style.Chords : ChordRhythm.Sustain;
        var baseVelocity = Role switch
        {
            StemRole.Chords => 78,
            StemRole.Pad => 62,
            _ => 68,
        };
        var energyScale = 0.75 + (0.3 * energy);
        for (var spanStart = 0; spanStart < section.LengthTicks;)
        {
            var chord = section.ChordAt(spanStart);
            var spanEnd = Math.Min(section.LengthTicks, section.ChordSpanEndHalfBar(spanStart) * half);
            NextVoicing(chord, tonicMidi, voices);
            var voicing = _voicing.AsSpan(0, voices);
            switch (rhythm)
            {
                case ChordRhythm.Sustain:
                    foreach (var pitch in voicing)
                    {
                        output.Add(spanStart, spanEnd - spanStart, pitch, (int)(baseVelocity * energyScale) + rng.Next(-3, 3));
                    }

                    break;
                case ChordRhythm.Comping:
                    WriteComping(output, meter, spanStart, spanEnd, voicing, baseVelocity * energyScale, swing, rng);
                    break;
                case ChordRhythm.Arpeggio16:
                case ChordRhythm.Arpeggio8:
                    var grid = rhythm == ChordRhythm.Arpeggio16 ? meter.SixteenthTicks : meter.EighthTicks;
                    if (energy < 0.5 && rhythm == ChordRhythm.Arpeggio16)
                    {
                        grid = meter.EighthTicks;
                    }

                    WriteArpeggio(output, spanStart, spanEnd, grid, voicing, baseVelocity * energyScale, swing, meter);
                    break;
                case ChordRhythm.Stabs8:
                case ChordRhythm.Staccato8:
                    var step = energy < 0.5 ? MeterInfo.TicksPerPulse : meter.EighthTicks;
                    if (rhythm == ChordRhythm.Staccato8 && energy >= 0.9 && !meter.IsCompound)
                    {
                        step = meter.SixteenthTicks;
                    }

                    var length = rhythm == ChordRhythm.Stabs8 ? step - 4 : Math.Max(6, step / 2);
                    for (var t = spanStart; t < spanEnd; t += step)
                    {
                        var accent = MeterInfo.IsPulse(t) ? 1.0 : 0.8;
                        var count = rhythm == ChordRhythm.Stabs8 ? Math.Min(3, voicing.Length) : voicing.Length;
                        for (var v = 0; v < count; v++)
                        {
                            output.Add(Swinger.Apply(t, swing, meter), length, voicing[v], (int)(baseVelocity * energyScale * accent) + rng.Next(-3, 3));
                        }
                    }

                    break;
            }

            spanStart = spanEnd;
        }
    }

    private void NextVoicing(Chord chord, int tonicMidi, int voices)
    {
        var (low, high) = Range;
        var result = _voicing.AsSpan(0, voices);
        VoiceLeader.Choose(chord, tonicMidi, tonicMidi + low, tonicMidi + high, _previous.AsSpan(0, _previousCount == voices ? voices : 0), result);
        result.CopyTo(_previous);
        _previousCount = voices;
    }

    private static void WriteComping(NoteList output, MeterInfo meter, int spanStart, int spanEnd, ReadOnlySpan<int> voicing, double velocity, double swing, SeededRandom rng)
    {
        const int P = MeterInfo.TicksPerPulse;
        var bar = meter.TicksPerBar;
        Span<int> hits = stackalloc int[2];
        Span<int> lengths = stackalloc int[2];
        for (var barStart = spanStart - (spanStart % bar); barStart < spanEnd; barStart += bar)
        {
            if (meter.Meter == MusicMeter.FourFour)
            {
                hits[0] = 0;
                lengths[0] = (3 * P / 2) - 6;
                hits[1] = (5 * P / 2) + 12; // the "and" after beat 3, pushed a sixteenth: a lazy lo-fi hit
                lengths[1] = P;
            }
            else if (meter.Meter == MusicMeter.ThreeFour)
            {
                hits[0] = P;
                lengths[0] = P - 8;
                hits[1] = 2 * P;
                lengths[1] = P - 8;
            }
            else
            {
                hits[0] = 0;
                lengths[0] = P - 8;
                hits[1] = P;
                lengths[1] = P - 8;
            }

            for (var h = 0; h < 2; h++)
            {
                var tick = barStart + hits[h];
                if (tick < spanStart || tick >= spanEnd)
                {
                    continue;
                }

                var end = Math.Min(tick + lengths[h], spanEnd);
                var start = Swinger.Apply(tick, swing, meter);
                for (var v = 0; v < voicing.Length; v++)
                {
                    // Roll the chord slightly, lowest voice first.
                    output.Add(start + v, Math.Max(6, end - start - v), voicing[v], (int)(velocity * (h == 0 ? 1.0 : 0.85)) + rng.Next(-4, 4));
                }
            }
        }
    }

    private static void WriteArpeggio(NoteList output, int spanStart, int spanEnd, int grid, ReadOnlySpan<int> voicing, double velocity, double swing, MeterInfo meter)
    {
        // Up through the voicing and the lowest voice an octave higher, then down again.
        Span<int> tones = stackalloc int[5];
        voicing.CopyTo(tones);
        tones[voicing.Length] = voicing[0] + 12;
        var count = voicing.Length + 1;
        var cycle = (2 * count) - 2;
        var i = 0;
        for (var t = spanStart; t < spanEnd; t += grid, i++)
        {
            var position = i % cycle;
            var index = position < count ? position : cycle - position;
            var accent = MeterInfo.IsPulse(t) ? 1.0 : 0.82;
            output.Add(Swinger.Apply(t, swing, meter), grid - 2, tones[index], (int)(velocity * accent));
        }
    }
}
