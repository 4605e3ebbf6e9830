using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Generation.Composition;

namespace MusicAI.Sdk.Tests.Generation.Prompts;

public sealed class EditInstructionsTests
{
    private static GenerationRequest Base() =>
        TestGenerators.WithTestSynth().WithStyle(MusicStyle.Synthwave).WithSeed(11).WithTempo(100).WithKey("A minor").WithBars(16);

    [Fact]
    public void RemoveDrums_MutesOnlyTheDrums_AndKeepsEveryOtherNote()
    {
        var (_, _, before) = TestGenerators.Compose(Base());
        var edited = Base().Edit("remove drums");
        var (p, _, after) = TestGenerators.Compose(edited);

        Assert.DoesNotContain("drums", p.Stems);
        Assert.All(after, s => Assert.Equal(0, s.Stem(StemRole.Drums).Count));
        foreach (var role in new[] { StemRole.Bass, StemRole.Chords, StemRole.Pad, StemRole.Melody })
        {
            Assert.Equal(Notes(before, role), Notes(after, role));
        }
    }

    [Fact]
    public void TransposeUp2_MovesEveryPitchedNoteUpTwoSemitones_AndLeavesDrumsAlone()
    {
        var (p0, _, before) = TestGenerators.Compose(Base());
        var (p1, _, after) = TestGenerators.Compose(Base().Edit("transpose up 2"));

        Assert.Equal(MusicKey.Parse("B minor"), p1.Key);
        Assert.Equal(p0.TonicMidi + 2, p1.TonicMidi);
        foreach (var role in new[] { StemRole.Bass, StemRole.Chords, StemRole.Pad, StemRole.Melody })
        {
            Assert.Equal(Notes(before, role).Select(n => (n.Start, n.Duration, n.Pitch + 2)), Notes(after, role).Select(n => (n.Start, n.Duration, n.Pitch)));
        }

        Assert.Equal(Notes(before, StemRole.Drums), Notes(after, StemRole.Drums));
    }

    [Fact]
    public void FasterAndSlower_ChangeOnlyTheTempo()
    {
        var faster = Base().Edit("faster").Resolve();
        var slower = Base().Edit("slow down").Resolve();

        Assert.Equal(115, faster.TempoBpm);
        Assert.True(slower.TempoBpm < 100);
        Assert.Equal(Notes(TestGenerators.Compose(Base()).Sections, StemRole.Melody), Notes(TestGenerators.Compose(Base().Edit("faster")).Sections, StemRole.Melody));
    }

    [Fact]
    public void MakeItCalmer_LowersTheEnergy_AndThinsTheDrums()
    {
        var before = TestGenerators.Compose(Base());
        var after = TestGenerators.Compose(Base().Edit("make it calmer"));

        Assert.True(after.Parameters.Energy < before.Parameters.Energy);
        Assert.True(Notes(after.Sections, StemRole.Drums).Count < Notes(before.Sections, StemRole.Drums).Count);
        Assert.Equal("calm", after.Parameters.Mood);
    }

    [Fact]
    public void AddStrings_AddsAStringsStem_WithoutChangingTheOthers()
    {
        var before = TestGenerators.Compose(Base());
        var after = TestGenerators.Compose(Base().Edit("add strings"));

        Assert.Contains("strings", after.Parameters.Stems);
        Assert.True(Notes(after.Sections, StemRole.Strings).Count > 0);
        Assert.Equal(Notes(before.Sections, StemRole.Melody), Notes(after.Sections, StemRole.Melody));
    }

    [Fact]
    public void SeveralInstructions_ApplyInOrder()
    {
        var p = Base().Edit("remove drums, transpose down 3 and tempo 90").Resolve();

        Assert.DoesNotContain("drums", p.Stems);
        Assert.Equal(MusicKey.Parse("F# minor"), p.Key);
        Assert.Equal(90, p.TempoBpm);
    }

    [Theory]
    [InlineData("in E minor", "E minor")]
    [InlineData("make it major", "A major")]
    [InlineData("brighter", "A major")]
    [InlineData("darker", "A phrygian")]
    public void KeyAndModeEdits(string instruction, string expectedKey)
    {
        Assert.Equal(MusicKey.Parse(expectedKey), Base().Edit(instruction).Resolve().Key);
    }

    [Fact]
    public void SoloAndStyleAndLengthEdits()
    {
        Assert.Equal(["melody"], Base().Edit("solo melody").Resolve().Stems);
        Assert.Equal(["bass"], Base().Edit("bass only").Resolve().Stems);
        var rock = Base().Edit("rock").Resolve();
        Assert.Equal(MusicStyle.Rock, rock.Style);
        Assert.Equal(100, rock.TempoBpm);
        Assert.Equal(32, Base().Edit("longer").Resolve().Bars);
        Assert.Equal(4, Base().Edit("4 bars").Resolve().Bars);
        Assert.True(Base().Edit("loop").Resolve().IsLoop);
    }

    [Fact]
    public void UseInstrument_SetsThePreset()
    {
        var p = Base().Edit("use flute-lead for melody").Resolve();

        Assert.Equal("flute-lead", p.Instruments["melody"]);
        Assert.Throws<ArgumentException>(() => Base().Edit("use kazoo for melody").Resolve());
        Assert.Throws<ArgumentException>(() => Base().Edit("use drums-808 for melody").Resolve());
        Assert.Throws<ArgumentException>(() => Base().Edit("use saw-lead for drums").Resolve());
    }

    [Theory]
    [InlineData("make it purple")]
    [InlineData("remove the kazoo")]
    [InlineData("transpose up 30")]
    [InlineData("in H minor")]
    [InlineData("tempo 1000")]
    [InlineData("")]
    public void UnknownInstructions_ThrowAMessageListingWhatIsUnderstood(string instruction)
    {
        var error = Assert.Throws<ArgumentException>(() => Base().Edit(instruction));

        Assert.True(
            error.Message.Contains("Understood instructions", StringComparison.Ordinal) || error.Message.Contains("at most", StringComparison.Ordinal)
            || error.Message.Contains("'Am'", StringComparison.Ordinal) || error.Message.Contains("BPM", StringComparison.Ordinal),
            error.Message);
    }

    [Fact]
    public void AnEditedRequest_KeepsTheSeed()
    {
        Assert.Equal(11, Base().Edit("remove drums").Resolve().Seed);
        var unseeded = TestGenerators.WithTestSynth().WithPrompt("rock");
        Assert.Equal(unseeded.Resolve().Seed, unseeded.Edit("faster").Resolve().Seed);
    }

    private static List<ScoreNote> Notes(IEnumerable<SectionScore> sections, StemRole role) =>
        sections.SelectMany(s => s.Stem(role).Notes.ToArray()).ToList();
}
