namespace MusicAI.Sdk.Captioning.Lyrics;

/// <summary>
/// Analyses lyrics text: language (<see cref="LanguageDetector"/>), repeated lines and hook (lines compared after
/// <see cref="LyricsText.Normalize"/>), themes (<see cref="ThemeLexicon"/>: a theme is reported when at least two
/// keyword occurrences are found; score = occurrences per 100 words / 5, capped at 1).
/// </summary>
internal static class LyricsAnalyzer
{
    /// <summary>Analyses lyrics.</summary>
    public static LyricsAnalysis Analyze(string lyrics)
    {
        var lines = LyricsText.Lines(lyrics).ToArray();
        var normalizedLines = lines.Select(LyricsText.Normalize).ToArray();
        var words = normalizedLines.SelectMany(LyricsText.Words).ToArray();
        var normalizedText = string.Join("\n", normalizedLines);
        var (language, confidence) = LanguageDetector.Detect(words, normalizedText);

        var counts = new Dictionary<string, (string Text, int Count, int First)>(StringComparer.Ordinal);
        for (var i = 0; i < lines.Length; i++)
        {
            var key = normalizedLines[i];
            if (key.Length == 0)
            {
                continue;
            }

            counts[key] = counts.TryGetValue(key, out var entry) ? (entry.Text, entry.Count + 1, entry.First) : (lines[i], 1, i);
        }

        var repeated = counts.Values
            .Where(c => c.Count > 1)
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.First)
            .Select(c => new RepeatedLine(c.Text, c.Count))
            .ToArray();
        var hook = repeated.FirstOrDefault(r => LyricsText.Words(LyricsText.Normalize(r.Text)).Length >= 3)?.Text;

        var themes = new List<LyricTheme>();
        foreach (var (name, keywords) in ThemeLexicon.Themes)
        {
            var matched = new List<string>();
            var hits = 0;
            foreach (var word in words)
            {
                var keyword = keywords.FirstOrDefault(k => k.EndsWith('*') ? word.StartsWith(k[..^1], StringComparison.Ordinal) : word == k);
                if (keyword is null)
                {
                    continue;
                }

                hits++;
                if (!matched.Contains(word))
                {
                    matched.Add(word);
                }
            }

            if (hits >= 2)
            {
                var perHundred = 100.0 * hits / Math.Max(1, words.Length);
                themes.Add(new LyricTheme { Name = name, Score = Math.Round(Math.Min(1, perHundred / 5), 3), Keywords = matched });
            }
        }

        return new LyricsAnalysis
        {
            Language = language,
            LanguageConfidence = Math.Round(confidence, 3),
            RepeatedLines = repeated,
            Hook = hook,
            Themes = [.. themes.OrderByDescending(t => t.Score)],
            LineCount = lines.Length,
            WordCount = words.Length,
        };
    }
}
