using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Prompts;

namespace MusicAI.Sdk.Tests.Generation.Prompts;

public sealed class PromptParserTests
{
    [Fact]
    public void TheIssueExample_MapsToStyleTempoKeyMoodAndLoop()
    {
        var p = TestGenerators.WithTestSynth().WithPrompt("dark 90 bpm combat loop in D minor").Resolve();

        Assert.Equal(MusicStyle.Combat, p.Style);
        Assert.Equal(90, p.TempoBpm);
        Assert.Equal(MusicKey.Parse("D minor"), p.Key);
        Assert.Equal("dark", p.Mood);
        Assert.True(p.IsLoop);
        Assert.Empty(p.Warnings);
        Assert.Empty(p.IgnoredWords);
    }

    [Theory]
    [InlineData("chill lo-fi beat", MusicStyle.LoFi)]
    [InlineData("lo fi hip hop", MusicStyle.LoFi)]
    [InlineData("80s synthwave", MusicStyle.Synthwave)]
    [InlineData("retrowave night drive", MusicStyle.Synthwave)]
    [InlineData("epic battle", MusicStyle.Combat)]
    [InlineData("epic", MusicStyle.Orchestral)]
    [InlineData("8-bit level theme", MusicStyle.Chiptune)]
    [InlineData("8 bit dungeon", MusicStyle.Chiptune)]
    [InlineData("peaceful forest", MusicStyle.Exploration)]
    [InlineData("ambient drone", MusicStyle.Ambient)]
    [InlineData("boss fight", MusicStyle.Combat)]
    [InlineData("tension", MusicStyle.Combat)]
    [InlineData("cinematic trailer", MusicStyle.Orchestral)]
    [InlineData("punk rock", MusicStyle.Rock)]
    public void StyleWords_SelectTheirPreset(string prompt, MusicStyle expected)
    {
        Assert.Equal(expected, PromptParser.Parse(prompt).Style);
    }

    [Theory]
    [InlineData("in A minor", 9, MusicMode.Minor)]
    [InlineData("Am groove", 9, MusicMode.Minor)]
    [InlineData("key of Eb", 3, MusicMode.Major)]
    [InlineData("F#m", 6, MusicMode.Minor)]
    [InlineData("C# dorian jam", 1, MusicMode.Dorian)]
    [InlineData("in B flat major", 10, MusicMode.Major)]
    [InlineData("e harmonic minor", 4, MusicMode.HarmonicMinor)]
    public void Keys_AreRead(string prompt, int tonic, MusicMode mode)
    {
        var key = PromptParser.Parse(prompt).Key;

        Assert.NotNull(key);
        Assert.Equal(tonic, key.Value.Tonic);
        Assert.Equal(mode, key.Value.Mode);
    }

    [Theory]
    [InlineData("a calm loop")]
    [InlineData("i am happy")]
    [InlineData("give me a beat")]
    public void EnglishWords_AreNotMistakenForKeys(string prompt)
    {
        Assert.Null(PromptParser.Parse(prompt).Key);
    }

    [Theory]
    [InlineData("90 bpm", 90)]
    [InlineData("90bpm", 90)]
    [InlineData("bpm 132", 132)]
    [InlineData("at 75.5 bpm", 75.5)]
    public void Tempi_AreRead(string prompt, double bpm)
    {
        Assert.Equal(bpm, PromptParser.Parse(prompt).Tempo);
    }

    [Theory]
    [InlineData("16 bars", 16, 0)]
    [InlineData("an 8-bar loop", 8, 0)]
    [InlineData("30 seconds", 0, 30)]
    [InlineData("30s", 0, 30)]
    [InlineData("2 minutes", 0, 120)]
    [InlineData("1:30 long", 0, 90)]
    [InlineData("10 hours", 0, 36000)]
    public void Lengths_AreRead(string prompt, int bars, double seconds)
    {
        var result = PromptParser.Parse(prompt);

        Assert.Equal(bars == 0 ? null : bars, result.Bars);
        Assert.Equal(seconds == 0 ? null : TimeSpan.FromSeconds(seconds), result.Duration);
    }

    [Fact]
    public void TwoTempi_TheLastWins_WithAWarning()
    {
        var p = TestGenerators.WithTestSynth().WithPrompt("120 bpm 90 bpm rock").Resolve();

        Assert.Equal(90, p.TempoBpm);
        Assert.Contains(p.Warnings, w => w.Contains("120", StringComparison.Ordinal) && w.Contains("last", StringComparison.Ordinal));
    }

    [Fact]
    public void CalmCombat_PlaysCombatAtLowerEnergy_WithAWarning()
    {
        var calm = TestGenerators.WithTestSynth().WithPrompt("calm combat").Resolve();
        var plain = TestGenerators.WithTestSynth().WithPrompt("combat").Resolve();

        Assert.Equal(MusicStyle.Combat, calm.Style);
        Assert.True(calm.Energy < plain.Energy);
        Assert.Contains(calm.Warnings, w => w.Contains("'calm'", StringComparison.Ordinal) && w.Contains("combat", StringComparison.Ordinal));
    }

    [Fact]
    public void TwoStyles_TheLastWins_WithAWarning()
    {
        var p = TestGenerators.WithTestSynth().WithPrompt("rock chiptune").Resolve();

        Assert.Equal(MusicStyle.Chiptune, p.Style);
        Assert.Single(p.Warnings);
    }

    [Fact]
    public void DarkThenBright_TheLastMoodWins_WithAWarning()
    {
        var result = PromptParser.Parse("dark bright synthwave");

        Assert.Equal(1, result.Brightness);
        Assert.Single(result.Warnings);
    }

    [Fact]
    public void ExplicitNumbers_BeatTempoWords()
    {
        var p = TestGenerators.WithTestSynth().WithPrompt("slow 150 bpm rock").Resolve();

        Assert.Equal(150, p.TempoBpm);
        Assert.Contains(p.Warnings, w => w.Contains("'slow' ignored", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("10000 bpm", 240)]
    [InlineData("0 bpm", 40)]
    public void OutOfRangeTempi_AreClamped_WithAWarning(string prompt, double expected)
    {
        var p = TestGenerators.WithTestSynth().WithPrompt(prompt).Resolve();

        Assert.Equal(expected, p.TempoBpm);
        Assert.Contains(p.Warnings, w => w.Contains("clamped", StringComparison.Ordinal));
    }

    [Fact]
    public void UnknownWords_AreIgnoredButReported()
    {
        var p = TestGenerators.WithTestSynth().WithPrompt("purple synthwave with kazoos").Resolve();

        Assert.Equal(MusicStyle.Synthwave, p.Style);
        Assert.Equal(["purple", "kazoos"], p.IgnoredWords);
    }

    [Fact]
    public void SlowAndFastWords_ShiftTheTempoInsideTheStyleRange()
    {
        var generator = TestGenerators.WithTestSynth();
        var preset = StyleCatalog.Get(MusicStyle.Rock);
        for (var seed = 0; seed < 10; seed++)
        {
            var slow = generator.WithPrompt("slow rock").WithSeed(seed).Resolve().TempoBpm;
            var fast = generator.WithPrompt("fast rock").WithSeed(seed).Resolve().TempoBpm;
            Assert.InRange(slow, preset.MinTempo, preset.MinTempo + ((preset.MaxTempo - preset.MinTempo) * 0.36));
            Assert.InRange(fast, preset.MinTempo + ((preset.MaxTempo - preset.MinTempo) * 0.64), preset.MaxTempo);
        }
    }

    [Fact]
    public void DarkAndBright_ChooseTheModeFamily()
    {
        var generator = TestGenerators.WithTestSynth();
        for (var seed = 0; seed < 20; seed++)
        {
            Assert.True(generator.WithPrompt("dark synthwave").WithSeed(seed).Resolve().Key.IsMinor);
            Assert.False(generator.WithPrompt("happy synthwave").WithSeed(seed).Resolve().Key.IsMinor);
        }
    }

    [Fact]
    public void StemWords_MuteAndAdd()
    {
        var p = TestGenerators.WithTestSynth().WithPrompt("ambient with strings and no drums").Resolve();

        Assert.Contains("strings", p.Stems);
        Assert.DoesNotContain("drums", p.Stems);
    }

    [Fact]
    public void MetreWords_SetTheMetre()
    {
        Assert.Equal(MusicMeter.ThreeFour, TestGenerators.WithTestSynth().WithPrompt("orchestral waltz").Resolve().Meter);
        Assert.Equal(MusicMeter.SixEight, TestGenerators.WithTestSynth().WithPrompt("exploration in 6/8").Resolve().Meter);
    }

    [Fact]
    public void ExplicitRequestValues_BeatThePrompt_WithAWarning()
    {
        var p = TestGenerators.WithTestSynth().WithPrompt("rock 100 bpm in A minor").WithTempo(120).WithKey("E minor").WithStyle(MusicStyle.Chiptune).Resolve();

        Assert.Equal(120, p.TempoBpm);
        Assert.Equal(MusicKey.Parse("E minor"), p.Key);
        Assert.Equal(MusicStyle.Chiptune, p.Style);
        Assert.Equal(3, p.Warnings.Count);
    }

    [Fact]
    public void TheDefaultSeed_IsStableForARequest_AndDiffersBetweenPrompts()
    {
        var generator = TestGenerators.WithTestSynth();

        Assert.Equal(generator.WithPrompt("rock").Resolve().Seed, TestGenerators.WithTestSynth().WithPrompt("rock").Resolve().Seed);
        Assert.NotEqual(generator.WithPrompt("rock").Resolve().Seed, generator.WithPrompt("rock anthem").Resolve().Seed);
    }
}
