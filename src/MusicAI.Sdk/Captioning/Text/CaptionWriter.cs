using System.Globalization;
using System.Text;

namespace MusicAI.Sdk.Captioning.Text;

/// <summary>
/// Writes captions. <see cref="CaptionStyle.Full"/> and <see cref="CaptionStyle.Short"/> use only <see cref="Claims"/>
/// (confident measurements); <see cref="CaptionStyle.Technical"/> prints every figure with its confidence.
/// </summary>
internal static class CaptionWriter
{
    private static readonly CultureInfo s_invariant = CultureInfo.InvariantCulture;

    /// <summary>Writes the caption of a description in a style.</summary>
    public static string Write(MusicDescription description, CaptionStyle style) => style switch
    {
        CaptionStyle.Short => Short(description),
        CaptionStyle.Technical => Technical(description),
        _ => Full(description),
    };

    private static string Full(MusicDescription d)
    {
        var claims = new Claims(d);
        if (claims.Silent)
        {
            return "Silence: nothing audible.";
        }

        var text = new StringBuilder();
        var adjectives = new List<string>();
        Add(adjectives, claims.Mood);
        Add(adjectives, claims.TempoClass);
        var noun = d.Duration.TotalSeconds < 5 ? "short clip"
            : claims.SpokenVoice ? "recording"
            : claims.Vocals switch { true => "song", false => "instrumental", _ => "piece" };
        var head = string.Join(" ", [.. adjectives, noun]);
        text.Append(Article(head)).Append(' ').Append(head);
        if (claims.Key is not null)
        {
            text.Append(" in ").Append(claims.Key);
        }

        if (claims.Bpm is double bpm)
        {
            text.Append(s_invariant, $" at {Math.Round(bpm):0} BPM");
        }

        if (claims.Meter == "3/4")
        {
            text.Append(" in 3/4 time");
        }

        var with = new List<string>();
        if (claims.SpokenVoice)
        {
            with.Add(claims.Register is null ? "a spoken voice" : "a spoken " + claims.Register + " voice");
        }
        else if (claims.Vocals == true)
        {
            with.Add(claims.Register is null ? "vocals" : claims.Register + " vocals");
        }

        if (claims.Drums)
        {
            with.Add("drums");
        }

        if (claims.BassHeavy)
        {
            with.Add("a heavy low end");
        }

        if (with.Count > 0)
        {
            text.Append(" with ").Append(JoinAnd(with));
        }

        var missing = new List<string>();
        if (claims.Bpm is null)
        {
            missing.Add("beat");
        }

        if (claims.Key is null)
        {
            missing.Add("key");
        }

        if (missing.Count > 0)
        {
            text.Append(with.Count > 0 ? " and" : " with").Append(" no clear ").Append(string.Join(" or ", missing));
        }

        if (claims.Chorus)
        {
            text.Append(", building to a loud chorus");
        }

        text.Append('.');

        var sound = new List<string>();
        if (claims.Level is not null && claims.LoudnessLufs is double lufs)
        {
            sound.Add(string.Create(s_invariant, $"{claims.Level} ({lufs:0.0} LUFS)"));
        }

        if (claims.Compressed)
        {
            sound.Add("heavily compressed");
        }

        if (claims.Dynamic)
        {
            sound.Add("wide in dynamic range");
        }

        Add(sound, claims.Timbre);
        if (sound.Count > 0)
        {
            text.Append(" It sounds ").Append(JoinAnd(sound)).Append('.');
        }

        if (d.Lyrics is { } lyrics)
        {
            var about = new List<string>();
            if (lyrics.Language is not null && lyrics.LanguageConfidence >= d.ClaimThreshold)
            {
                about.Add("in " + LanguageName(lyrics.Language));
            }

            if (lyrics.Themes.Count > 0)
            {
                about.Add("about " + JoinAnd([.. lyrics.Themes.Take(3).Select(t => t.Name)]));
            }

            if (about.Count > 0 || lyrics.Hook is not null)
            {
                text.Append(" The lyrics are ");
                text.Append(about.Count > 0 ? string.Join(", ", about) : "given");
                if (lyrics.Hook is not null)
                {
                    text.Append(", with the hook \u201C").Append(lyrics.Hook).Append('\u201D');
                }

                text.Append('.');
            }
        }

        AppendZeroShot(text, d);
        return text.ToString();
    }

    private static string Short(MusicDescription d)
    {
        var claims = new Claims(d);
        if (claims.Silent)
        {
            return "silence";
        }

        var parts = new List<string>();
        Add(parts, claims.Mood);
        Add(parts, claims.TempoClass);
        Add(parts, claims.Key);
        if (claims.Bpm is double bpm)
        {
            parts.Add(string.Create(s_invariant, $"{Math.Round(bpm):0} BPM"));
        }

        if (claims.Meter == "3/4")
        {
            parts.Add("3/4");
        }

        if (claims.Vocals is bool vocals)
        {
            parts.Add(!vocals ? "instrumental" : claims.SpokenVoice ? "spoken voice" : claims.Register is null ? "vocals" : claims.Register + " vocals");
        }

        if (claims.Drums)
        {
            parts.Add("drums");
        }

        Add(parts, claims.Level);
        Add(parts, claims.Timbre);
        if (claims.Bpm is null)
        {
            parts.Add("no clear beat");
        }

        if (claims.Key is null)
        {
            parts.Add("no clear key");
        }

        return string.Join(" · ", parts);
    }

    private static string Technical(MusicDescription d)
    {
        var c = s_invariant;
        var text = new StringBuilder();
        text.Append(c, $"Duration {d.Duration.TotalSeconds:0.0} s, {d.SampleRate} Hz, {d.ChannelCount} ch. ");
        var tempo = d.Tempo;
        text.Append(tempo.Bpm is double bpm
            ? string.Create(c, $"Tempo {bpm:0.0} BPM (confidence {tempo.Confidence:0.00}), {tempo.Beats.Count} beats")
            : "Tempo: no pulse");
        if (tempo.Changes.Count > 1)
        {
            text.Append(c, $", {tempo.Changes.Count} tempo segments ({string.Join(", ", tempo.Changes.Select(t => string.Create(c, $"{t.Time:0}s {t.Bpm:0.0}")))})");
        }

        if (tempo.Meter is not null)
        {
            text.Append(c, $"; meter {tempo.Meter} ({tempo.MeterConfidence:0.00})");
        }

        text.Append(". ");
        text.Append(d.Key.Name is null
            ? string.Create(c, $"Key: none (tuning {d.Key.TuningCents:+0;-0;0} cents). ")
            : string.Create(c, $"Key {d.Key.Name} ({d.Key.Confidence:0.00}), tuning {d.Key.TuningCents:+0;-0;0} cents. "));
        text.Append(double.IsFinite(d.Loudness.IntegratedLufs)
            ? string.Create(c, $"Loudness {d.Loudness.IntegratedLufs:0.0} LUFS integrated, LRA {d.Loudness.RangeLu:0.0} LU, true peak {d.Loudness.TruePeakDbtp:0.0} dBTP; crest {d.Dynamics.CrestFactorDb:0.0} dB, PLR {d.Dynamics.PeakToLoudnessRatioDb:0.0} dB, short-term variation {d.Dynamics.LoudnessVariationLu:0.0} LU. ")
            : "Loudness: silent. ");
        text.Append(c, $"Spectrum: centroid {d.Spectral.CentroidHz:0} Hz, brightness {d.Spectral.Brightness:0.00}, bass weight {d.Spectral.BassWeight:0.00}, flatness {d.Spectral.Flatness:0.00}. ");
        text.Append(c, $"Vocals {(d.Vocals.Present ? d.Vocals.SpeechLike ? "present, speech-like" : "present" : "absent")} ({d.Vocals.Confidence:0.00}), {d.Vocals.SungFraction * 100:0}% of the time");
        if (d.Vocals.MedianPitchHz is double pitch)
        {
            text.Append(c, $", register {d.Vocals.Register.ToString().ToLowerInvariant()} (median {pitch:0} Hz)");
        }

        text.Append(c, $". Percussive share {d.Instrumentation.PercussiveShare:0.00}{(d.Instrumentation.Drums ? ", drums" : "")}, bass presence {d.Instrumentation.BassPresence:0.00}. ");
        text.Append(c, $"Mood {d.Mood.Label} (valence {d.Mood.Valence:+0.00;-0.00;0.00}, arousal {d.Mood.Arousal:+0.00;-0.00;0.00}, {d.Mood.Confidence:0.00}). ");
        text.Append(c, $"Sections: {(d.Sections.Count == 0 ? "none" : string.Join(" ", d.Sections.Select(s => s.Label)))} ({d.Sections.Count}).");
        if (d.Lyrics is { } lyrics)
        {
            text.Append(c, $" Lyrics: {lyrics.Language ?? "unknown language"} ({lyrics.LanguageConfidence:0.00}), {lyrics.LineCount} lines, {lyrics.RepeatedLines.Count} repeated");
            if (lyrics.Themes.Count > 0)
            {
                text.Append(", themes ").Append(string.Join(", ", lyrics.Themes.Select(t => string.Create(c, $"{t.Name} {t.Score:0.00}"))));
            }

            text.Append('.');
        }

        AppendZeroShot(text, d);
        return text.ToString();
    }

    private static void AppendZeroShot(StringBuilder text, MusicDescription d)
    {
        if (d.ZeroShotTags is not { Count: > 0 } tags)
        {
            return;
        }

        var top = tags.OrderByDescending(t => t.Score).Take(3).Select(t => string.Create(s_invariant, $"{t.Label} ({t.Score:0.00})"));
        text.Append(" Zero-shot tags: ").Append(string.Join(", ", top)).Append('.');
    }

    private static string LanguageName(string code) => code switch
    {
        "en" => "English",
        "es" => "Spanish",
        "fr" => "French",
        "de" => "German",
        "it" => "Italian",
        "pt" => "Portuguese",
        _ => code,
    };

    private static string Article(string phrase) =>
        phrase.Length > 0 && "aeiou".Contains(char.ToLowerInvariant(phrase[0]), StringComparison.Ordinal) ? "An" : "A";

    private static string JoinAnd(List<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    private static void Add(List<string> list, string? item)
    {
        if (item is not null)
        {
            list.Add(item);
        }
    }
}
