using MusicAI.Sdk.Captioning.Lyrics;

namespace MusicAI.Sdk.Tests.Captioning.Lyrics;

public sealed class LyricsAnalyzerTests
{
    public static TheoryData<string, string> Languages => new()
    {
        { "en", "I walk the empty streets at night\nAnd all the lights are gone\nYou know I'm waiting for the sun\nBut it's a long way home\nI can't forget the way you smiled\nWhen we were young and free" },
        { "es", "Camino por la calle sin ti\nY la noche no tiene final\nQuiero volver a verte otra vez\nPorque mi corazón está aquí\nNo hay nada que pueda cambiar\nTodo lo que soy es para ti" },
        { "fr", "Je marche dans la rue sans toi\nEt la nuit ne finit jamais\nJe veux te revoir encore une fois\nC'est toujours toi que j'attends\nIl n'y a plus rien dans mon cœur\nMais je suis là pour toi" },
        { "de", "Ich gehe durch die Straßen ohne dich\nUnd die Nacht hört niemals auf\nIch will dich noch einmal sehen\nDu bist nicht mehr bei mir\nWas ist mit uns passiert\nIch bin allein in dieser Stadt" },
        { "it", "Cammino per la strada senza te\nE la notte non finisce mai\nVoglio vederti ancora una volta\nPerché il mio cuore è qui con te\nNon c'è niente che possa cambiare\nSei tutto quello che ho" },
        { "pt", "Eu ando pela rua sem você\nE a noite não tem fim\nQuero te ver mais uma vez\nPorque o meu coração está aqui\nNão há nada que possa mudar\nVocê é tudo para mim" },
    };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Language_IsDetected(string expected, string lyrics)
    {
        var analysis = LyricsAnalyzer.Analyze(lyrics);

        Assert.Equal(expected, analysis.Language);
        Assert.True(analysis.LanguageConfidence > 0.3, $"confidence {analysis.LanguageConfidence:0.00}");
    }

    [Fact]
    public void RepeatedLines_AndHook_IgnoreCasePunctuationAndMarkers()
    {
        const string lyrics = """
            [Verse 1]
            Walking down the road tonight
            The city lights are burning bright

            [Chorus]
            Hold on, hold on to me!
            Hold on, hold on to me
            HOLD ON - hold on to me...
            Oh
            Oh

            [Verse 2]
            Walking down the road tonight
            """;

        var analysis = LyricsAnalyzer.Analyze(lyrics);

        Assert.Equal("Hold on, hold on to me!", analysis.Hook);
        Assert.Equal(3, analysis.RepeatedLines[0].Count);
        Assert.Contains(analysis.RepeatedLines, r => r.Text == "Walking down the road tonight" && r.Count == 2);
        Assert.Contains(analysis.RepeatedLines, r => r.Text == "Oh" && r.Count == 2);
        Assert.Equal(8, analysis.LineCount);
    }

    [Fact]
    public void Themes_ComeFromTheLexicon()
    {
        const string lyrics = "Under the moon tonight I feel your love\nMy heart is beating in the night\nKiss me under the stars, my love\nWe dance until the morning light";

        var analysis = LyricsAnalyzer.Analyze(lyrics);

        var names = analysis.Themes.Select(t => t.Name).ToArray();
        Assert.Contains("love", names);
        Assert.Contains("night", names);
        Assert.DoesNotContain("money", names);
        var love = analysis.Themes.First(t => t.Name == "love");
        Assert.Contains("love", love.Keywords);
        Assert.Contains("heart", love.Keywords);
        Assert.InRange(love.Score, 0.01, 1);
    }

    [Fact]
    public void ThemesInOtherLanguages()
    {
        var analysis = LyricsAnalyzer.Analyze("Bailando en la fiesta toda la noche\nLa luna y las estrellas\nBaila conmigo");

        var names = analysis.Themes.Select(t => t.Name).ToArray();
        Assert.Contains("party", names);
        Assert.Contains("night", names);
    }

    [Fact]
    public void EmptyOrTinyLyrics_HaveNoLanguage()
    {
        Assert.Null(LyricsAnalyzer.Analyze("").Language);
        Assert.Null(LyricsAnalyzer.Analyze("la la").Language);
        Assert.Empty(LyricsAnalyzer.Analyze("").RepeatedLines);
        Assert.Null(LyricsAnalyzer.Analyze("").Hook);
        Assert.Equal(0, LyricsAnalyzer.Analyze("\n\n").WordCount);
    }
}
