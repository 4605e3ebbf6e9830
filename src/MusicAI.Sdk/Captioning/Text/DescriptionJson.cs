using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MusicAI.Sdk.Captioning.Text;

/// <summary>
/// JSON of a <see cref="MusicDescription"/>: snake_case names, times in seconds as numbers, non-finite or unknown
/// values as <c>null</c>. The field list is in docs/captioning.md.
/// </summary>
internal static class DescriptionJson
{
    public static string Write(MusicDescription d, bool indented)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteNumber("duration", Math.Round(d.Duration.TotalSeconds, 3));
            w.WriteNumber("sample_rate", d.SampleRate);
            w.WriteNumber("channels", d.ChannelCount);
            w.WriteString("caption", d.Caption);
            w.WriteString("caption_style", d.Style.ToString().ToLowerInvariant());
            w.WriteStartArray("tags");
            foreach (var tag in d.Tags)
            {
                w.WriteStringValue(tag);
            }

            w.WriteEndArray();

            var tempo = d.Tempo;
            Number(w, "tempo_bpm", tempo.Bpm);
            w.WriteNumber("tempo_confidence", tempo.Confidence);
            String(w, "meter", tempo.Meter);
            Number(w, "beats_per_bar", tempo.BeatsPerBar);
            w.WriteNumber("meter_confidence", tempo.MeterConfidence);
            Numbers(w, "beats", tempo.Beats);
            Numbers(w, "downbeats", tempo.Downbeats);
            w.WriteStartArray("tempo_changes");
            foreach (var change in tempo.Changes)
            {
                w.WriteStartObject();
                w.WriteNumber("time", change.Time);
                w.WriteNumber("bpm", change.Bpm);
                w.WriteEndObject();
            }

            w.WriteEndArray();

            String(w, "key", d.Key.Name);
            String(w, "key_tonic", d.Key.Tonic);
            String(w, "key_mode", d.Key.Mode?.ToString().ToLowerInvariant());
            w.WriteNumber("key_confidence", d.Key.Confidence);
            w.WriteNumber("tuning_cents", d.Key.TuningCents);

            Number(w, "loudness_lufs", d.Loudness.IntegratedLufs);
            Number(w, "loudness_range_lu", d.Loudness.RangeLu);
            Number(w, "true_peak_dbtp", d.Loudness.TruePeakDbtp);
            w.WriteNumber("loudness_confidence", d.Loudness.Confidence);

            w.WriteStartObject("dynamics");
            Number(w, "crest_factor_db", d.Dynamics.CrestFactorDb);
            Number(w, "plr_db", d.Dynamics.PeakToLoudnessRatioDb);
            Number(w, "loudness_variation_lu", d.Dynamics.LoudnessVariationLu);
            w.WriteNumber("confidence", d.Dynamics.Confidence);
            w.WriteEndObject();

            w.WriteStartObject("spectral");
            w.WriteNumber("centroid_hz", d.Spectral.CentroidHz);
            w.WriteNumber("brightness", d.Spectral.Brightness);
            w.WriteNumber("bass_weight", d.Spectral.BassWeight);
            w.WriteNumber("flatness", d.Spectral.Flatness);
            w.WriteNumber("confidence", d.Spectral.Confidence);
            w.WriteEndObject();

            w.WriteStartObject("vocals");
            w.WriteBoolean("present", d.Vocals.Present);
            w.WriteNumber("probability", d.Vocals.Probability);
            w.WriteNumber("sung_fraction", d.Vocals.SungFraction);
            w.WriteBoolean("speech_like", d.Vocals.SpeechLike);
            w.WriteString("register", d.Vocals.Register.ToString().ToLowerInvariant());
            Number(w, "median_pitch_hz", d.Vocals.MedianPitchHz);
            w.WriteNumber("confidence", d.Vocals.Confidence);
            w.WriteEndObject();

            w.WriteStartObject("instrumentation");
            w.WriteNumber("percussive_share", d.Instrumentation.PercussiveShare);
            w.WriteNumber("harmonic_share", d.Instrumentation.HarmonicShare);
            w.WriteBoolean("drums", d.Instrumentation.Drums);
            w.WriteNumber("bass_presence", d.Instrumentation.BassPresence);
            w.WriteBoolean("vocals", d.Instrumentation.Vocals);
            w.WriteNumber("confidence", d.Instrumentation.Confidence);
            w.WriteEndObject();

            w.WriteStartObject("mood");
            w.WriteString("label", d.Mood.Label);
            w.WriteNumber("valence", d.Mood.Valence);
            w.WriteNumber("arousal", d.Mood.Arousal);
            w.WriteNumber("confidence", d.Mood.Confidence);
            w.WriteEndObject();

            w.WriteStartArray("sections");
            foreach (var section in d.Sections)
            {
                w.WriteStartObject();
                w.WriteNumber("start", section.Start);
                w.WriteNumber("end", section.End);
                w.WriteString("label", section.Label);
                Number(w, "loudness_lufs", section.LoudnessLufs);
                w.WriteNumber("confidence", section.Confidence);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            WriteLyrics(w, d.Lyrics);
            if (d.ZeroShotTags is { } tags)
            {
                w.WriteStartArray("zero_shot_tags");
                foreach (var tag in tags.OrderByDescending(t => t.Score))
                {
                    w.WriteStartObject();
                    w.WriteString("label", tag.Label);
                    w.WriteNumber("score", Math.Round(tag.Score, 4));
                    w.WriteNumber("similarity", Math.Round(tag.Similarity, 4));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("zero_shot_tags");
            }

            if (d.Melody is { } melody)
            {
                w.WriteStartArray("melody");
                foreach (var note in melody)
                {
                    w.WriteStartObject();
                    w.WriteNumber("pitch", note.Pitch);
                    w.WriteNumber("start", Math.Round(note.Start, 4));
                    w.WriteNumber("end", Math.Round(note.End, 4));
                    w.WriteNumber("velocity", note.Velocity);
                    w.WriteNumber("amplitude", Math.Round(note.Amplitude, 4));
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }
            else
            {
                w.WriteNull("melody");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteLyrics(Utf8JsonWriter w, LyricsAnalysis? lyrics)
    {
        if (lyrics is null)
        {
            w.WriteNull("lyrics");
            return;
        }

        w.WriteStartObject("lyrics");
        String(w, "language", lyrics.Language);
        w.WriteNumber("language_confidence", lyrics.LanguageConfidence);
        String(w, "hook", lyrics.Hook);
        w.WriteStartArray("repeated_lines");
        foreach (var line in lyrics.RepeatedLines)
        {
            w.WriteStartObject();
            w.WriteString("text", line.Text);
            w.WriteNumber("count", line.Count);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("themes");
        foreach (var theme in lyrics.Themes)
        {
            w.WriteStartObject();
            w.WriteString("name", theme.Name);
            w.WriteNumber("score", theme.Score);
            w.WriteStartArray("keywords");
            foreach (var keyword in theme.Keywords)
            {
                w.WriteStringValue(keyword);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("line_count", lyrics.LineCount);
        w.WriteNumber("word_count", lyrics.WordCount);
        w.WriteEndObject();
    }

    private static void Numbers(Utf8JsonWriter w, string name, IReadOnlyList<double> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteNumberValue(value);
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void String(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
