using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Theory;

namespace MusicAI.Sdk.Tests.Generation.Theory;

public sealed class VoiceLeaderTests
{
    private const int Tonic = 60;

    public static TheoryData<MusicMode, bool> Modes()
    {
        var data = new TheoryData<MusicMode, bool>();
        foreach (var mode in Enum.GetValues<MusicMode>())
        {
            data.Add(mode, false);
            data.Add(mode, true);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void EveryStyleProgression_MovesLessThanRootPositionChords(MusicMode mode, bool sevenths)
    {
        var voices = sevenths ? 4 : 3;
        var voiceLed = 0;
        var baseline = 0;
        foreach (var style in StyleCatalog.All)
        {
            foreach (var progression in Scale.IsMinorFamily(mode) ? style.MinorProgressions : style.MajorProgressions)
            {
                var previous = new int[voices];
                var current = new int[voices];
                var rootPrevious = new int[voices];
                var rootCurrent = new int[voices];
                var first = true;
                for (var repeat = 0; repeat < 2; repeat++)
                {
                    foreach (var degree in progression)
                    {
                        var chord = HarmonyWriter.ChordOn(mode, degree, sevenths);
                        VoiceLeader.Choose(chord, Tonic, Tonic - 5, Tonic + 14, first ? ReadOnlySpan<int>.Empty : previous, current);
                        VoiceLeader.RootPosition(chord, Tonic, Tonic - 5, rootCurrent);
                        if (!first)
                        {
                            voiceLed += VoiceLeader.Movement(previous, current);
                            baseline += VoiceLeader.Movement(rootPrevious, rootCurrent);
                        }

                        current.CopyTo(previous);
                        rootCurrent.CopyTo(rootPrevious);
                        first = false;
                    }
                }
            }
        }

        Assert.True(baseline > 0);
        Assert.True(voiceLed < baseline * 0.7, $"voice-led movement {voiceLed} should be well below the root-position baseline {baseline}");
    }

    [Fact]
    public void Voicings_ContainTheChordTonesInsideTheRange()
    {
        foreach (var mode in Enum.GetValues<MusicMode>())
        {
            for (var degree = 0; degree < 7; degree++)
            {
                foreach (var sevenths in new[] { false, true })
                {
                    var chord = new Chord(mode, degree, sevenths);
                    var voicing = new int[sevenths ? 4 : 3];
                    VoiceLeader.Choose(chord, Tonic, Tonic - 5, Tonic + 14, [], voicing);
                    var covered = new HashSet<int>();
                    for (var v = 0; v < voicing.Length; v++)
                    {
                        Assert.InRange(voicing[v], Tonic - 5, Tonic + 14);
                        Assert.True(chord.Contains(voicing[v] - Tonic), $"{voicing[v]} is not in {chord}");
                        covered.Add(Scale.Mod(voicing[v] - Tonic, 12));
                        if (v > 0)
                        {
                            Assert.True(voicing[v] > voicing[v - 1]);
                        }
                    }

                    Assert.Contains(chord.Root, covered);
                    Assert.Contains(chord.Third, covered);
                }
            }
        }
    }

    [Fact]
    public void CommonTones_AreHeldBetweenChords()
    {
        // I–vi–IV–V in C: every pair of neighbours shares tones; the voice-led voicing keeps them in place.
        int[] progression = [0, 5, 3, 4, 0, 3, 4, 0];
        Span<int> previous = stackalloc int[3];
        Span<int> current = stackalloc int[3];
        var shared = 0;
        var held = 0;
        for (var i = 0; i < progression.Length; i++)
        {
            var chord = new Chord(MusicMode.Major, progression[i], false);
            VoiceLeader.Choose(chord, Tonic, Tonic - 5, Tonic + 14, i == 0 ? ReadOnlySpan<int>.Empty : previous, current);
            if (i > 0)
            {
                foreach (var pitch in previous)
                {
                    if (chord.Contains(pitch - Tonic))
                    {
                        shared++;
                        held += current.Contains(pitch) ? 1 : 0;
                    }
                }
            }

            current.CopyTo(previous);
        }

        Assert.True(shared >= 7);
        Assert.True(held >= shared - 1, $"{held} of {shared} common tones held");
    }
}
