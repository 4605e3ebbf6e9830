using System.Runtime.CompilerServices;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Generation.Composition;

/// <summary>What the melody does in one motif-length slot of a phrase.</summary>
internal enum MelodyOp : byte
{
    Rest,

    /// <summary>The motif as composed, at its home pitch when the harmony allows.</summary>
    Statement,

    /// <summary>The motif transposed by a scale step (a sequence).</summary>
    Sequence,

    /// <summary>The motif upside down (its steps negated).</summary>
    Inversion,

    /// <summary>The first half of the motif, twice, the second time a step higher.</summary>
    Fragment,

    /// <summary>The motif at half speed over two slots.</summary>
    Augment,

    /// <summary>The second slot of an augmentation.</summary>
    Hold,

    /// <summary>The motif with one note moved by a step and one long note split (ornamented).</summary>
    Variation,

    /// <summary>First half of the motif, then a long note on an unstable degree (antecedent, half cadence).</summary>
    Open,

    /// <summary>First half of the motif, then a long note on the tonic where the chord allows (consequent).</summary>
    Close,

    /// <summary>First half of the motif, then a long note close to the loop's first note (seamless wrap).</summary>
    Wrap,
}

/// <summary>
/// Writes melodies by motif development: the motif is stated, repeated, sequenced to fit the harmony, inverted,
/// augmented and fragmented, in antecedent/consequent phrases; notes on pulses are chord tones, notes between
/// pulses may be passing or neighbour tones (approached or left by step). Allocation-free after construction.
/// </summary>
internal sealed class MelodyWriter
{
    /// <summary>Melody range in scale steps around the melody tonic.</summary>
    public const int LowDegree = -3;

    public const int HighDegree = 10;

    private const int CenterDegree = 2;
    private const int MaxOccurrenceNotes = 64;

    private static readonly MelodyOp[] s_verse = [MelodyOp.Statement, MelodyOp.Sequence, MelodyOp.Variation, MelodyOp.Open, MelodyOp.Statement, MelodyOp.Sequence, MelodyOp.Fragment, MelodyOp.Close];
    private static readonly MelodyOp[] s_chorus = [MelodyOp.Statement, MelodyOp.Sequence, MelodyOp.Statement, MelodyOp.Open, MelodyOp.Statement, MelodyOp.Sequence, MelodyOp.Fragment, MelodyOp.Close];
    private static readonly MelodyOp[] s_bridge = [MelodyOp.Inversion, MelodyOp.Inversion, MelodyOp.Fragment, MelodyOp.Open, MelodyOp.Augment, MelodyOp.Hold, MelodyOp.Fragment, MelodyOp.Open];
    private static readonly MelodyOp[] s_intro = [MelodyOp.Rest, MelodyOp.Rest, MelodyOp.Fragment, MelodyOp.Open];
    private static readonly MelodyOp[] s_outro = [MelodyOp.Augment, MelodyOp.Hold, MelodyOp.Fragment, MelodyOp.Close];
    private static readonly MelodyOp[] s_loop = [MelodyOp.Statement, MelodyOp.Sequence, MelodyOp.Variation, MelodyOp.Open, MelodyOp.Statement, MelodyOp.Sequence, MelodyOp.Fragment, MelodyOp.Wrap];

    private readonly MotifNote[] _occurrence = new MotifNote[MaxOccurrenceNotes];
    private readonly int[] _degrees = new int[MaxOccurrenceNotes];
    private readonly MelodyOp[] _ops = new MelodyOp[SectionScore.MaxBars];
    private readonly SeededRandom _rng = new(0);
    private readonly int?[] _home = new int?[2];
    private int? _previousEnd;

    /// <summary>Composes a motif: a rhythm on the style's grid and a mostly stepwise contour (leaps recover by step).</summary>
    public static void ComposeMotif(SeededRandom rng, StylePreset style, MeterInfo meter, Motif motif)
    {
        motif.Clear();
        var bars = style.MotifBars;
        var length = bars * meter.TicksPerBar;
        motif.LengthTicks = length;
        var grid = style.MelodySixteenths ? meter.SixteenthTicks : meter.EighthTicks;
        var slots = length / grid;
        var count = rng.Next(style.MelodyNotesPerBar.Min, style.MelodyNotesPerBar.Max) * bars;
        count = Math.Clamp(count, 2, Math.Min(slots, Motif.MaxNotes));

        Span<double> weights = stackalloc double[slots];
        for (var s = 1; s < slots; s++)
        {
            var tick = s * grid;
            weights[s] = tick % meter.TicksPerBar == 0 ? 3.5 : MeterInfo.IsPulse(tick) ? 3 : tick % meter.EighthTicks == 0 ? 1.6 : 0.8;
        }

        weights[slots - 1] *= 0.5;
        Span<bool> chosen = stackalloc bool[slots];
        chosen[0] = true;
        for (var n = 1; n < count; n++)
        {
            var s = rng.PickWeighted(weights);
            chosen[s] = true;
            weights[s] = 0;
        }

        Span<int> onsets = stackalloc int[count];
        var k = 0;
        for (var s = 0; s < slots; s++)
        {
            if (chosen[s])
            {
                onsets[k++] = s * grid;
            }
        }

        var step = 0;
        var previousMove = 0;
        var allRepeats = true;
        for (var i = 0; i < k; i++)
        {
            var next = i + 1 < k ? onsets[i + 1] : length;
            var gap = next - onsets[i];
            var duration = gap;
            if (i == k - 1 && gap > MeterInfo.TicksPerPulse)
            {
                duration = Math.Max(grid, gap - meter.EighthTicks);
            }
            else if (gap >= 2 * grid && rng.Chance(0.25))
            {
                duration = gap - grid;
            }

            if (i > 0)
            {
                int move;
                if (Math.Abs(previousMove) >= 2)
                {
                    move = -Math.Sign(previousMove); // a leap is followed by a step back
                }
                else
                {
                    var r = rng.NextDouble();
                    var size = r < 0.08 ? 0 : r < 0.68 ? 1 : r < 0.88 ? 2 : r < 0.96 ? 3 : 4;
                    var up = step >= 4 ? false : step <= -2 || rng.Chance(0.55);
                    move = up ? size : -size;
                }

                step += move;
                previousMove = move;
                allRepeats &= move == 0;
            }

            motif.Add(onsets[i], duration, step);
        }

        HarmonizeStrongBeats(motif, meter);

        if (allRepeats && motif.Count > 1)
        {
            // A motif of one repeated pitch has no contour to develop: give its last note a step.
            var last = motif.Notes[^1];
            motif.Clear();
            for (var i = 0; i < k; i++)
            {
                var note = i == k - 1 ? last with { Step = 1 } : new MotifNote(onsets[i], i + 1 < k ? onsets[i + 1] - onsets[i] : last.Duration, 0);
                motif.Add(note.Onset, note.Duration, note.Step);
            }
        }
    }

    /// <summary>
    /// Makes the notes on strong beats of each bar fit one triad: two chord tones are never a scale step (or a
    /// seventh) apart, so a strong-beat note a step from the bar's first strong-beat note moves one more step the way
    /// the line goes. Then every statement of the motif can be placed on a chord without changing its shape.
    /// </summary>
    private static void HarmonizeStrongBeats(Motif motif, MeterInfo meter)
    {
        var notes = motif.Notes;
        Span<MotifNote> copy = stackalloc MotifNote[notes.Length];
        notes.CopyTo(copy);
        var referenceBar = -1;
        var reference = 0;
        for (var i = 0; i < copy.Length; i++)
        {
            if (!meter.IsStrongBeat(copy[i].Onset))
            {
                continue;
            }

            var bar = copy[i].Onset / meter.TicksPerBar;
            if (bar != referenceBar)
            {
                referenceBar = bar;
                reference = copy[i].Step;
                continue;
            }

            var difference = Scale.Mod(copy[i].Step - reference, 7);
            if (difference is 1 or 6)
            {
                var direction = i > 0 && copy[i].Step < copy[i - 1].Step ? -1 : 1;
                var candidate = copy[i].Step + direction;
                if (Scale.Mod(candidate - reference, 7) is 1 or 6)
                {
                    candidate = copy[i].Step - direction;
                }

                // Move the note and everything after it in the bar by the same amount: the contour keeps its shape.
                var delta = candidate - copy[i].Step;
                for (var j = i; j < copy.Length && copy[j].Onset / meter.TicksPerBar == bar; j++)
                {
                    copy[j].Step += delta;
                }
            }
        }

        motif.Clear();
        foreach (var note in copy)
        {
            motif.Add(note.Onset, note.Duration, note.Step);
        }
    }

    /// <summary>Writes the melody of a section into <paramref name="output"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Write(SectionScore section, NoteList output, Motif motifA, Motif motifB, in MelodyContext context)
    {
        var useB = section.Kind == SectionKind.Chorus || (section.Kind == SectionKind.Loop && section.Occurrence % 2 == 1);
        var motif = useB ? motifB : motifA;
        var homeIndex = useB ? 1 : 0;
        var slotTicks = motif.LengthTicks;
        var slots = Math.Max(1, section.LengthTicks / slotTicks);
        if (section.LengthTicks < slotTicks)
        {
            slotTicks = section.LengthTicks;
        }

        _rng.Reset(context.Seed, RandomPurpose.Melody, context.RandomIndex);
        PlanOps(section.Kind, slots, context.IsVariation, context.EndsLoop);
        var sequenceShift = _rng.Chance(0.5) ? 1 : _rng.Chance(0.5) ? -1 : 2;
        int? lastStart = null;
        int? sectionFirst = null;

        for (var slot = 0; slot < slots; slot++)
        {
            var op = _ops[slot];
            if (op is MelodyOp.Rest or MelodyOp.Hold)
            {
                continue;
            }

            var slotStart = slot * slotTicks;
            var count = Transform(op, motif, slotTicks, context.Meter, out var targetIndex);
            if (count == 0)
            {
                continue;
            }

            var anchor = op switch
            {
                MelodyOp.Statement => _home[homeIndex] ?? _previousEnd ?? CenterDegree,
                MelodyOp.Sequence => (lastStart ?? _home[homeIndex] ?? CenterDegree) + sequenceShift,
                _ => _previousEnd ?? _home[homeIndex] ?? CenterDegree,
            };
            var start = ChooseStart(section, context.Mode, context.Meter, slotStart, count, targetIndex, anchor);
            for (var i = 0; i < count; i++)
            {
                _degrees[i] = start + _occurrence[i].Step;
            }

            FixNonChordTones(section, context.Mode, context.Meter, slotStart, count, targetIndex);
            if (targetIndex >= 0)
            {
                var previous = targetIndex > 0 ? _degrees[targetIndex - 1] : start;
                _degrees[targetIndex] = ChooseCadence(section, context.Mode, slotStart + _occurrence[targetIndex].Onset, previous, op, sectionFirst ?? start);
            }

            if (op == MelodyOp.Statement && _home[homeIndex] is null)
            {
                _home[homeIndex] = start;
            }

            lastStart = start;
            sectionFirst ??= _degrees[0];
            _previousEnd = _degrees[count - 1];
            Emit(output, section, context, slotStart, count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void PlanOps(SectionKind kind, int slots, bool variation, bool endsLoop)
    {
        var template = kind switch
        {
            SectionKind.Verse => s_verse,
            SectionKind.Chorus => s_chorus,
            SectionKind.Bridge => s_bridge,
            SectionKind.Intro => s_intro,
            SectionKind.Outro => s_outro,
            _ => s_loop,
        };
        var cadence = template[^1];
        if (kind == SectionKind.Loop)
        {
            cadence = endsLoop ? MelodyOp.Wrap : MelodyOp.Open;
        }

        if (slots == 1)
        {
            _ops[0] = kind == SectionKind.Intro ? MelodyOp.Fragment : MelodyOp.Statement;
            return;
        }

        for (var i = 0; i < slots; i++)
        {
            var op = template[i % template.Length];
            if (i >= template.Length && op == MelodyOp.Statement)
            {
                op = MelodyOp.Variation;
            }

            if (variation && i > 0 && op == MelodyOp.Statement && _rng.Chance(0.4))
            {
                op = MelodyOp.Variation;
            }

            _ops[i] = op;
        }

        _ops[slots - 1] = cadence;

        // An augmentation needs its hold slot; a hold needs its augmentation.
        for (var i = 0; i < slots; i++)
        {
            if (_ops[i] == MelodyOp.Augment && (i + 1 >= slots - 1 || _ops[i + 1] != MelodyOp.Hold))
            {
                _ops[i] = MelodyOp.Fragment;
            }
            else if (_ops[i] == MelodyOp.Hold && (i == 0 || _ops[i - 1] != MelodyOp.Augment))
            {
                _ops[i] = i == slots - 1 ? cadence : MelodyOp.Variation;
            }
        }
    }

    /// <summary>Writes the transformed motif into <see cref="_occurrence"/>; returns the note count.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Transform(MelodyOp op, Motif motif, int slotTicks, MeterInfo meter, out int targetIndex)
    {
        targetIndex = -1;
        var notes = motif.Notes;
        var n = 0;
        var half = slotTicks / 2;
        switch (op)
        {
            case MelodyOp.Statement:
            case MelodyOp.Sequence:
            case MelodyOp.Variation:
                foreach (var note in notes)
                {
                    if (note.Onset < slotTicks)
                    {
                        _occurrence[n++] = note with { Duration = Math.Min(note.Duration, slotTicks - note.Onset) };
                    }
                }

                if (op == MelodyOp.Variation && n > 1)
                {
                    var j = 1 + _rng.Next(n - 1);
                    _occurrence[j].Step += _rng.Chance(0.5) ? 1 : -1;
                    var longest = 0;
                    for (var i = 1; i < n; i++)
                    {
                        if (_occurrence[i].Duration > _occurrence[longest].Duration)
                        {
                            longest = i;
                        }
                    }

                    var d = _occurrence[longest].Duration;
                    if (d >= 2 * meter.EighthTicks && n < MaxOccurrenceNotes)
                    {
                        // Split the longest note: its second half moves a step towards the next note (a passing tone).
                        var next = longest + 1 < n ? _occurrence[longest + 1].Step : _occurrence[longest].Step + 1;
                        var direction = Math.Sign(next - _occurrence[longest].Step);
                        var firstHalf = d / 2 / meter.EighthTicks * meter.EighthTicks;
                        Array.Copy(_occurrence, longest + 1, _occurrence, longest + 2, n - longest - 1);
                        _occurrence[longest].Duration = firstHalf;
                        _occurrence[longest + 1] = new MotifNote(_occurrence[longest].Onset + firstHalf, d - firstHalf, _occurrence[longest].Step + (direction == 0 ? 1 : direction));
                        n++;
                    }
                }

                break;
            case MelodyOp.Inversion:
                foreach (var note in notes)
                {
                    if (note.Onset < slotTicks)
                    {
                        _occurrence[n++] = new MotifNote(note.Onset, Math.Min(note.Duration, slotTicks - note.Onset), -note.Step);
                    }
                }

                break;
            case MelodyOp.Augment:
                foreach (var note in notes)
                {
                    if (note.Onset * 2 < 2 * slotTicks)
                    {
                        _occurrence[n++] = new MotifNote(note.Onset * 2, Math.Min(note.Duration * 2, (2 * slotTicks) - (note.Onset * 2)), note.Step);
                    }
                }

                break;
            case MelodyOp.Fragment:
                var shift = 1;
                for (var copy = 0; copy < 2; copy++)
                {
                    foreach (var note in notes)
                    {
                        if (note.Onset < half)
                        {
                            _occurrence[n++] = new MotifNote(note.Onset + (copy * half), Math.Min(note.Duration, half - note.Onset), note.Step + (copy * shift));
                        }
                    }
                }

                break;
            case MelodyOp.Open:
            case MelodyOp.Close:
            case MelodyOp.Wrap:
                var cadenceStart = (half + MeterInfo.TicksPerPulse - 1) / MeterInfo.TicksPerPulse * MeterInfo.TicksPerPulse;
                if (cadenceStart >= slotTicks)
                {
                    cadenceStart = half;
                }

                var lastStep = 0;
                foreach (var note in notes)
                {
                    if (note.Onset < cadenceStart)
                    {
                        _occurrence[n++] = note with { Duration = Math.Min(note.Duration, cadenceStart - note.Onset) };
                        lastStep = note.Step;
                    }
                }

                targetIndex = n;
                _occurrence[n++] = new MotifNote(cadenceStart, slotTicks - cadenceStart, lastStep);
                break;
        }

        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int ChooseStart(SectionScore section, MusicMode mode, MeterInfo meter, int slotStart, int count, int targetIndex, int anchor)
    {
        var best = anchor;
        var bestScore = double.MinValue;
        for (var d = anchor - 5; d <= anchor + 5; d++)
        {
            var score = -0.6 * Math.Abs(d - anchor);
            for (var i = 0; i < count; i++)
            {
                if (i == targetIndex)
                {
                    continue;
                }

                var degree = d + _occurrence[i].Step;
                if (degree < LowDegree || degree > HighDegree)
                {
                    score -= 10;
                }

                var tick = slotStart + _occurrence[i].Onset;
                var chordTone = section.ChordAt(tick).Contains(Scale.Semitones(mode, degree));
                if (meter.IsStrongBeat(tick))
                {
                    score += chordTone ? 3 : -6;
                }
                else if (!chordTone && !StepNeighbour(i, count, targetIndex))
                {
                    score -= 4; // a non-chord tone reached and left by leaps would have to be moved: prefer a start that keeps the motif
                }
                else if (MeterInfo.IsPulse(tick))
                {
                    score += chordTone ? 1 : -0.5;
                }
                else if (chordTone)
                {
                    score += 0.5;
                }
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = d;
            }
        }

        return best;
    }

    /// <summary>Whether occurrence note <paramref name="i"/> is approached or left by a scale step (in the motif's contour).</summary>
    private bool StepNeighbour(int i, int count, int targetIndex) =>
        (i > 0 && Math.Abs(_occurrence[i].Step - _occurrence[i - 1].Step) <= 1)
        || (i + 1 < count && i + 1 != targetIndex && Math.Abs(_occurrence[i + 1].Step - _occurrence[i].Step) <= 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void FixNonChordTones(SectionScore section, MusicMode mode, MeterInfo meter, int slotStart, int count, int targetIndex)
    {
        for (var i = 0; i < count; i++)
        {
            if (i == targetIndex)
            {
                continue;
            }

            var tick = slotStart + _occurrence[i].Onset;
            var chord = section.ChordAt(tick);
            var degree = _degrees[i];
            if (chord.Contains(Scale.Semitones(mode, degree)))
            {
                continue;
            }

            if (!meter.IsStrongBeat(tick))
            {
                // A weak-beat non-chord tone is fine as a passing or neighbour tone: approached or left by step.
                var byStepFrom = i > 0 && Math.Abs(degree - _degrees[i - 1]) <= 1;
                var byStepTo = i + 1 < count && i + 1 != targetIndex && Math.Abs(_degrees[i + 1] - degree) <= 1;
                if (byStepFrom || byStepTo)
                {
                    continue;
                }
            }

            // Move to the nearest chord tone, preferring the direction the line is heading.
            var direction = i + 1 < count ? Math.Sign(_degrees[i + 1] - degree) : 0;
            if (direction == 0)
            {
                direction = 1;
            }

            for (var distance = 1; distance <= 3; distance++)
            {
                var preferred = degree + (direction * distance);
                var other = degree - (direction * distance);
                if (preferred is >= LowDegree and <= HighDegree && chord.Contains(Scale.Semitones(mode, preferred)))
                {
                    _degrees[i] = preferred;
                    break;
                }

                if (other is >= LowDegree and <= HighDegree && chord.Contains(Scale.Semitones(mode, other)))
                {
                    _degrees[i] = other;
                    break;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ChooseCadence(SectionScore section, MusicMode mode, int tick, int previous, MelodyOp op, int sectionFirst)
    {
        var chord = section.ChordAt(tick);
        var best = previous;
        var bestScore = double.MinValue;
        for (var d = previous - 5; d <= previous + 5; d++)
        {
            if (d is < LowDegree or > HighDegree || !chord.Contains(Scale.Semitones(mode, d)))
            {
                continue;
            }

            var degreeInOctave = Scale.Mod(d, 7);
            var score = -0.5 * Math.Abs(d - previous);
            switch (op)
            {
                case MelodyOp.Close:
                    score += degreeInOctave == 0 ? 10 : 0;
                    break;
                case MelodyOp.Open:
                    score += degreeInOctave is 4 or 1 ? 6 : 0;
                    score -= degreeInOctave == 0 ? 4 : 0;
                    break;
                default:
                    score -= 1.5 * Math.Abs(d - sectionFirst);
                    break;
            }

            if (score > bestScore)
            {
                bestScore = score;
                best = d;
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Emit(NoteList output, SectionScore section, in MelodyContext context, int slotStart, int count)
    {
        var energyScale = 0.8 + (0.25 * section.Energy);
        for (var i = 0; i < count; i++)
        {
            var note = _occurrence[i];
            var tick = slotStart + note.Onset;
            if (tick >= section.LengthTicks)
            {
                break;
            }

            var start = context.Swing(tick);
            var end = context.Swing(Math.Min(tick + note.Duration, section.LengthTicks));
            var velocity = tick % section.TicksPerBar == 0 ? 100 : MeterInfo.IsPulse(tick) ? 90 : 78;
            var pitch = context.MelodyTonicMidi + Scale.Semitones(context.Mode, _degrees[i]);
            output.Add(start, Math.Max(6, end - start), pitch, (int)(velocity * energyScale));
        }
    }
}

/// <summary>What the melody writer needs to know about the song (passed by reference; no allocation).</summary>
internal readonly struct MelodyContext
{
    public MelodyContext(long seed, MusicMode mode, MeterInfo meter, int melodyTonicMidi, double swing, int randomIndex, bool isVariation, bool endsLoop)
    {
        Seed = seed;
        Mode = mode;
        Meter = meter;
        MelodyTonicMidi = melodyTonicMidi;
        SwingAmount = swing;
        RandomIndex = randomIndex;
        IsVariation = isVariation;
        EndsLoop = endsLoop;
    }

    public long Seed { get; }

    public MusicMode Mode { get; }

    public MeterInfo Meter { get; }

    public int MelodyTonicMidi { get; }

    public double SwingAmount { get; }

    /// <summary>The index of this section's random stream (distinct per section kind, occurrence and variation).</summary>
    public int RandomIndex { get; }

    /// <summary>Whether this is a repeat that should vary the phrase (second verse, later loop iterations).</summary>
    public bool IsVariation { get; }

    public bool EndsLoop { get; }

    /// <summary>Applies the swing time warp (simple metres only).</summary>
    public int Swing(int tick) => Swinger.Apply(tick, SwingAmount, Meter);
}

/// <summary>
/// Eighth-note swing as a time warp of each pulse: the off-beat eighth moves late by <c>(swing − 0.5) × 2</c> of an
/// eighth, and the sixteenths around it move proportionally (monotonic, so notes never change order).
/// </summary>
internal static class Swinger
{
    public static int Apply(int tick, double swing, MeterInfo meter)
    {
        if (swing <= 0.5 || meter.IsCompound)
        {
            return tick;
        }

        const int Pulse = MeterInfo.TicksPerPulse;
        const int Eighth = Pulse / 2;
        var pulseStart = tick - (tick % Pulse);
        var t = tick - pulseStart;
        var delay = (swing - 0.5) * 2 * Eighth;
        var warped = t < Eighth
            ? t * (Eighth + delay) / Eighth
            : Eighth + delay + ((t - Eighth) * (Eighth - delay) / Eighth);
        return pulseStart + (int)Math.Round(warped);
    }
}
