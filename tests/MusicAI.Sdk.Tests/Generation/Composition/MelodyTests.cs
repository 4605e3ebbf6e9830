using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Tests.Generation.Composition;

public sealed class MelodyTests
{
    private static readonly long[] s_seeds = [1, 2, 3, 42, 1234];

    public static TheoryData<MusicStyle> Styles() => new(TestGenerators.AllStyles);

    [Theory]
    [MemberData(nameof(Styles))]
    public void NotesOnStrongBeats_AreChordTones(MusicStyle style)
    {
        var onPulse = 0;
        var chordTones = 0;
        foreach (var seed in s_seeds)
        {
            var (p, _, sections) = TestGenerators.Compose(TestGenerators.WithTestSynth().WithStyle(style).WithSeed(seed).WithBars(40));
            foreach (var section in sections)
            {
                foreach (var note in section.Stem(StemRole.Melody).Notes)
                {
                    if (!p.MeterInfo.IsStrongBeat(note.Start))
                    {
                        continue;
                    }

                    onPulse++;
                    chordTones += section.ChordAt(note.Start).Contains(note.Pitch - p.TonicMidi) ? 1 : 0;
                }
            }
        }

        Assert.True(onPulse > 50, $"only {onPulse} melody notes on strong beats");
        var ratio = (double)chordTones / onPulse;
        Assert.True(ratio >= 0.95, $"{ratio:P0} of the melody notes on strong beats are chord tones");
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void WeakBeatNonChordTones_AreApproachedOrLeftByStep(MusicStyle style)
    {
        var nonChordTones = 0;
        var stepwise = 0;
        foreach (var seed in s_seeds)
        {
            var (p, _, sections) = TestGenerators.Compose(TestGenerators.WithTestSynth().WithStyle(style).WithSeed(seed).WithBars(24));
            var tonic = TestGenerators.MelodyTonic(p);
            foreach (var section in sections)
            {
                var notes = section.Stem(StemRole.Melody).Notes;
                for (var i = 0; i < notes.Length; i++)
                {
                    if (section.ChordAt(notes[i].Start).Contains(notes[i].Pitch - p.TonicMidi))
                    {
                        continue;
                    }

                    nonChordTones++;
                    var degree = TestGenerators.Degree(notes[i].Pitch, tonic, p.Key.Mode)!.Value;
                    var before = i > 0 ? TestGenerators.Degree(notes[i - 1].Pitch, tonic, p.Key.Mode) : null;
                    var after = i + 1 < notes.Length ? TestGenerators.Degree(notes[i + 1].Pitch, tonic, p.Key.Mode) : null;
                    stepwise += (before is { } b && Math.Abs(degree - b) <= 1) || (after is { } a && Math.Abs(a - degree) <= 1) ? 1 : 0;
                }
            }
        }

        if (nonChordTones > 0)
        {
            Assert.True(stepwise >= nonChordTones * 0.85, $"{stepwise} of {nonChordTones} non-chord tones move by step");
        }
    }

    [Theory]
    [MemberData(nameof(Styles))]
    public void TheMotif_RecursAcrossTheVerse_FarMoreThanInAShuffledMelody(MusicStyle style)
    {
        var recurrences = 0;
        var shuffledRecurrences = 0;
        var slots = 0;
        foreach (var seed in s_seeds)
        {
            var (p, composer, sections) = TestGenerators.Compose(TestGenerators.WithTestSynth().WithStyle(style).WithSeed(seed).WithBars(40));
            var motif = composer.MotifA;
            var tonic = TestGenerators.MelodyTonic(p);
            var motifIntervals = Intervals(motif.Notes.ToArray().Select(n => n.Step).ToList());
            foreach (var section in sections.Where(s => s.Kind == SectionKind.Verse))
            {
                var notes = section.Stem(StemRole.Melody).Notes.ToArray();
                slots += section.LengthTicks / motif.LengthTicks;
                recurrences += CountOccurrences(notes, motif.LengthTicks, section.LengthTicks, tonic, p.Key.Mode, motifIntervals);

                // Control: the same notes with their pitches shuffled (fixed seed) lose the motif.
                var random = new SeededRandom(seed);
                var pitches = notes.Select(n => n.Pitch).ToArray();
                for (var i = pitches.Length - 1; i > 0; i--)
                {
                    var j = random.Next(i + 1);
                    (pitches[i], pitches[j]) = (pitches[j], pitches[i]);
                }

                var shuffled = notes.Select((n, i) => new ScoreNote(n.Start, n.Duration, pitches[i], n.Velocity)).ToArray();
                shuffledRecurrences += CountOccurrences(shuffled, motif.LengthTicks, section.LengthTicks, tonic, p.Key.Mode, motifIntervals);
            }
        }

        // A verse states the motif, its sequence, and restates both: 4 of its 8 slots (2 of 4 for two-bar motifs), less
        // where a second verse varies a restatement.
        Assert.True(recurrences >= slots * 0.4, $"motif found in {recurrences} of {slots} verse slots");
        Assert.True(recurrences >= 2 * Math.Max(1, shuffledRecurrences), $"motif {recurrences} vs shuffled {shuffledRecurrences}");
    }

    [Fact]
    public void Verses_EndTheAntecedentOpenAndTheConsequentOnTheTonic()
    {
        var checkedPhrases = 0;
        foreach (var style in TestGenerators.AllStyles)
        {
            foreach (var seed in s_seeds)
            {
                var (p, composer, sections) = TestGenerators.Compose(TestGenerators.WithTestSynth().WithStyle(style).WithSeed(seed).WithBars(40));
                if (composer.MotifA.LengthTicks != p.MeterInfo.TicksPerBar)
                {
                    continue; // two-bar motifs: the 8-bar verse is a single 4-slot phrase
                }

                var tonic = TestGenerators.MelodyTonic(p);
                foreach (var verse in sections.Where(s => s.Kind == SectionKind.Verse && s.Bars == 8))
                {
                    var notes = verse.Stem(StemRole.Melody).Notes.ToArray();
                    var antecedentEnd = notes.Last(n => n.Start < 4 * verse.TicksPerBar);
                    var consequentEnd = notes[^1];
                    var openDegree = Scale.Mod(TestGenerators.Degree(antecedentEnd.Pitch, tonic, p.Key.Mode)!.Value, 7);
                    var closeDegree = Scale.Mod(TestGenerators.Degree(consequentEnd.Pitch, tonic, p.Key.Mode)!.Value, 7);
                    Assert.NotEqual(0, openDegree);
                    Assert.Equal(0, closeDegree);
                    Assert.True(consequentEnd.Duration >= MeterInfo.TicksPerPulse, "the phrase ends on a long note");
                    checkedPhrases++;
                }
            }
        }

        Assert.True(checkedPhrases >= 20, $"{checkedPhrases} phrases checked");
    }

    [Fact]
    public void DifferentSeeds_GiveDifferentMelodies_AndTheSameSeedTheSameOne()
    {
        var generator = TestGenerators.WithTestSynth();
        var melodies = new List<string>();
        foreach (var seed in s_seeds)
        {
            var (_, _, sections) = TestGenerators.Compose(generator.WithStyle(MusicStyle.Synthwave).WithSeed(seed).WithBars(16));
            melodies.Add(string.Join(",", sections.SelectMany(s => s.Stem(StemRole.Melody).Notes.ToArray().Select(n => n.Pitch))));
        }

        Assert.Equal(s_seeds.Length, melodies.Distinct().Count());
        var (_, _, again) = TestGenerators.Compose(generator.WithStyle(MusicStyle.Synthwave).WithSeed(s_seeds[0]).WithBars(16));
        Assert.Equal(melodies[0], string.Join(",", again.SelectMany(s => s.Stem(StemRole.Melody).Notes.ToArray().Select(n => n.Pitch))));
    }

    [Fact]
    public void Melody_StaysInItsRangeAndInTheScale()
    {
        foreach (var style in TestGenerators.AllStyles)
        {
            var (p, _, sections) = TestGenerators.Compose(TestGenerators.WithTestSynth().WithStyle(style).WithSeed(9).WithBars(32));
            var tonic = TestGenerators.MelodyTonic(p);
            foreach (var note in sections.SelectMany(s => s.Stem(StemRole.Melody).Notes.ToArray()))
            {
                var degree = TestGenerators.Degree(note.Pitch, tonic, p.Key.Mode);
                Assert.NotNull(degree);
                Assert.InRange(degree.Value, MelodyWriter.LowDegree, MelodyWriter.HighDegree);
            }
        }
    }

    private static List<int> Intervals(List<int> steps) => steps.Zip(steps.Skip(1), (a, b) => b - a).ToList();

    /// <summary>Slots whose scale-step intervals match the motif's (or its inversion's): exactly, or with one difference for motifs of 5+ notes.</summary>
    private static int CountOccurrences(ScoreNote[] notes, int slotTicks, int length, int tonic, MusicMode mode, List<int> motifIntervals)
    {
        var count = 0;
        var inverted = motifIntervals.Select(i => -i).ToList();
        for (var start = 0; start < length; start += slotTicks)
        {
            var degrees = notes.Where(n => n.Start >= start && n.Start < start + slotTicks)
                .Select(n => TestGenerators.Degree(n.Pitch, tonic, mode) ?? int.MinValue).ToList();
            if (degrees.Count != motifIntervals.Count + 1 || degrees.Contains(int.MinValue))
            {
                continue;
            }

            var intervals = Intervals(degrees);
            var differences = Math.Min(
                intervals.Zip(motifIntervals, (a, b) => a == b ? 0 : 1).Sum(),
                intervals.Zip(inverted, (a, b) => a == b ? 0 : 1).Sum());
            if (differences <= (motifIntervals.Count >= 4 ? 1 : 0))
            {
                count++;
            }
        }

        return count;
    }
}
