using System.Globalization;
using System.Text;

namespace MusicAI.Sdk.Captioning.Lyrics;

/// <summary>Normalisation and tokenisation of lyrics text.</summary>
internal static class LyricsText
{
    /// <summary>Lower case, apostrophes unified, every character that is not a letter, digit or apostrophe a space, spaces collapsed.</summary>
    public static string Normalize(string line)
    {
        var text = new StringBuilder(line.Length);
        var space = true;
        foreach (var raw in line.Normalize(NormalizationForm.FormC))
        {
            var ch = raw is '\u2019' or '\u2018' or '`' ? '\'' : char.ToLower(raw, CultureInfo.InvariantCulture);
            if (char.IsLetterOrDigit(ch) || ch == '\'')
            {
                text.Append(ch);
                space = false;
            }
            else if (!space)
            {
                text.Append(' ');
                space = true;
            }
        }

        return text.ToString().Trim();
    }

    /// <summary>Words of normalised text (apostrophes kept inside words).</summary>
    public static string[] Words(string normalized) =>
        normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.Trim('\''))
            .Where(w => w.Length > 0)
            .ToArray();

    /// <summary>The lines of a text with section markers such as "[Chorus]" or "(x2)" removed.</summary>
    public static IEnumerable<string> Lines(string text)
    {
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim().TrimEnd('\r');
            if (line.Length == 0 || (line.StartsWith('[') && line.EndsWith(']')))
            {
                continue;
            }

            yield return line;
        }
    }
}
