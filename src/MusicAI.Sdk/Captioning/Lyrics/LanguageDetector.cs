namespace MusicAI.Sdk.Captioning.Lyrics;

/// <summary>
/// Language of lyrics among English, Spanish, French, German, Italian and Portuguese: stop-word hits (words the
/// languages share count for each) plus distinctive letters and letter groups.
/// </summary>
/// <remarks>
/// Score of a language = (stop words of that language among the words + 0.5 × occurrences of its distinctive
/// letter groups) / words. The best language wins; confidence = clip((best − second) / best × 2) × clip(words / 20).
/// Fewer than 3 words, or no hit at all, give no language.
/// </remarks>
internal static class LanguageDetector
{
    private static readonly (string Code, HashSet<string> StopWords, string[] Markers)[] s_languages =
    [
        ("en", Set("the and you i to a of in my me it is that on your for we be with all so but are this was can't don't i'm it's what when not no do just like will know now out up at have got oh yeah baby gonna wanna"),
            ["th", "wh", "ght"]),
        ("es", Set("el la los las de que y en un una por con no es mi tu me te se lo para más como pero yo sin cuando todo del al su muy está soy eres qué quiero tengo nada ya hay vida"),
            ["ñ", "¿", "¡", "ción"]),
        ("fr", Set("le la les de des et je tu il elle nous vous que qui dans pour pas ne un une est sur avec mon ma mes ton ta moi toi au du ce c'est j'ai plus mais comme suis sont toujours rien veux"),
            ["ç", "è", "ê", "eau", "qu'", "j'"]),
        ("de", Set("der die das und ich du nicht ist ein eine zu mit dem den mich dich wir sie es auf für von wie was auch noch mein dein nur bin sind kein im hab mir dir uns wenn"),
            ["ß", "ä", "ö", "ü", "sch"]),
        ("it", Set("il lo la le gli di che e un una non per con mi ti si io tu è sono del della nel ma come più anche questo sei ho cosa quando tutto mio tuo ci sempre"),
            ["zz", "gli", "cch", "ggi", "zione"]),
        ("pt", Set("o a os as de que e um uma não para com meu minha você eu se me te do da no na mais como mas por é sou tudo quando seu sua está vou nós tem ser"),
            ["ã", "õ", "ção", "nh", "lh"]),
    ];

    /// <summary>Detects the language of normalised lyrics words.</summary>
    public static (string? Code, double Confidence) Detect(IReadOnlyList<string> words, string normalizedText)
    {
        if (words.Count < 3)
        {
            return (null, 0);
        }

        var scores = new double[s_languages.Length];
        for (var l = 0; l < s_languages.Length; l++)
        {
            var (_, stopWords, markers) = s_languages[l];
            double hits = words.Count(stopWords.Contains);
            foreach (var marker in markers)
            {
                hits += 0.5 * Occurrences(normalizedText, marker);
            }

            scores[l] = hits / words.Count;
        }

        var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var best = scores[order[0]];
        if (best <= 0)
        {
            return (null, 0);
        }

        var margin = (best - scores[order[1]]) / best;
        var confidence = Math.Clamp(margin * 2, 0, 1) * Math.Clamp(words.Count / 20.0, 0, 1);
        return (s_languages[order[0]].Code, confidence);
    }

    private static HashSet<string> Set(string words) => new(words.Split(' '), StringComparer.Ordinal);

    private static int Occurrences(string text, string marker)
    {
        var count = 0;
        for (var i = text.IndexOf(marker, StringComparison.Ordinal); i >= 0; i = text.IndexOf(marker, i + marker.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
