using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Generation.Theory;

public sealed class MusicKeyTests
{
    [Theory]
    [InlineData("D minor", 2, MusicMode.Minor)]
    [InlineData("d minor", 2, MusicMode.Minor)]
    [InlineData("Dm", 2, MusicMode.Minor)]
    [InlineData("Dmin", 2, MusicMode.Minor)]
    [InlineData("Am", 9, MusicMode.Minor)]
    [InlineData("F#m", 6, MusicMode.Minor)]
    [InlineData("F♯ minor", 6, MusicMode.Minor)]
    [InlineData("Ebmaj", 3, MusicMode.Major)]
    [InlineData("Eb major", 3, MusicMode.Major)]
    [InlineData("E♭", 3, MusicMode.Major)]
    [InlineData("Bb minor", 10, MusicMode.Minor)]
    [InlineData("bbm", 10, MusicMode.Minor)]
    [InlineData("B flat major", 10, MusicMode.Major)]
    [InlineData("C sharp minor", 1, MusicMode.Minor)]
    [InlineData("G", 7, MusicMode.Major)]
    [InlineData("DM", 2, MusicMode.Major)]
    [InlineData("C# dorian", 1, MusicMode.Dorian)]
    [InlineData("E phrygian", 4, MusicMode.Phrygian)]
    [InlineData("F lydian", 5, MusicMode.Lydian)]
    [InlineData("G mixolydian", 7, MusicMode.Mixolydian)]
    [InlineData("A harmonic minor", 9, MusicMode.HarmonicMinor)]
    [InlineData("A aeolian", 9, MusicMode.Minor)]
    [InlineData("C ionian", 0, MusicMode.Major)]
    [InlineData("Cb major", 11, MusicMode.Major)]
    [InlineData("  A minor  ", 9, MusicMode.Minor)]
    public void Parse_AcceptsFullAndShortForms(string text, int tonic, MusicMode mode)
    {
        var key = MusicKey.Parse(text);

        Assert.Equal(tonic, key.Tonic);
        Assert.Equal(mode, key.Mode);
    }

    [Theory]
    [InlineData("H minor")]
    [InlineData("")]
    [InlineData("D superlocrian")]
    [InlineData("minor")]
    [InlineData("X#m")]
    [InlineData("D minor minor")]
    public void Parse_RejectsNonKeys_WithAMessageShowingTheAcceptedForms(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => MusicKey.Parse(text));

        Assert.Contains("'Am'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'Eb major'", error.Message, StringComparison.Ordinal);
        Assert.False(MusicKey.TryParse(text, out _));
    }

    [Theory]
    [InlineData(3, MusicMode.Major, "Eb major")]
    [InlineData(9, MusicMode.Minor, "A minor")]
    [InlineData(6, MusicMode.Minor, "F# minor")]
    [InlineData(10, MusicMode.Minor, "Bb minor")]
    [InlineData(3, MusicMode.Minor, "Eb minor")]
    [InlineData(6, MusicMode.Major, "F# major")]
    [InlineData(1, MusicMode.Major, "Db major")]
    [InlineData(1, MusicMode.Minor, "C# minor")]
    [InlineData(8, MusicMode.Minor, "G# minor")]
    [InlineData(2, MusicMode.Dorian, "D dorian")]
    [InlineData(10, MusicMode.Mixolydian, "Bb mixolydian")]
    [InlineData(9, MusicMode.HarmonicMinor, "A harmonic minor")]
    public void ToString_SpellsTheTonicWithTheKeySignaturesAccidentals(int tonic, MusicMode mode, string expected)
    {
        Assert.Equal(expected, new MusicKey(tonic, mode).ToString());
    }

    [Fact]
    public void EveryKey_RoundTripsThroughItsName()
    {
        foreach (var mode in Enum.GetValues<MusicMode>())
        {
            for (var tonic = 0; tonic < 12; tonic++)
            {
                var key = new MusicKey(tonic, mode);
                Assert.Equal(key, MusicKey.Parse(key.ToString()));
            }
        }
    }

    [Fact]
    public void Transpose_WrapsAroundTheOctave()
    {
        var key = MusicKey.Parse("A minor");

        Assert.Equal(MusicKey.Parse("B minor"), key.Transpose(2));
        Assert.Equal(MusicKey.Parse("G minor"), key.Transpose(-2));
        Assert.Equal(MusicKey.Parse("C# minor"), key.Transpose(28));
    }

    [Fact]
    public void Constructor_RejectsOutOfRangeTonics()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new MusicKey(12, MusicMode.Major));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MusicKey(-1, MusicMode.Major));
    }
}
