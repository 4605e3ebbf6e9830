using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Generation;

namespace MusicAI.Cli.Commands;

/// <summary>The text and JSON output of <c>musicai generate</c>.</summary>
internal static class GenerateReport
{
    public static string ToText(SongParameters p, IReadOnlyList<SongSection> sections, IReadOnlyList<string> files, bool streamed)
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"{p}");
        if (sections.Count > 0)
        {
            text.AppendLine("sections: " + string.Join(", ", sections.Select(s => string.Create(c, $"{s.Name} {s.Start.TotalSeconds:0.0}–{s.End.TotalSeconds:0.0} s"))));
        }

        if (streamed)
        {
            text.AppendLine("streamed (longer than offline rendering allows): the adaptive explore state with varied repeats");
        }

        foreach (var warning in p.Warnings)
        {
            text.AppendLine("warning: " + warning);
        }

        if (p.IgnoredWords.Count > 0)
        {
            text.AppendLine("ignored words: " + string.Join(", ", p.IgnoredWords));
        }

        foreach (var file in files)
        {
            text.AppendLine("wrote " + file);
        }

        return text.ToString();
    }

    public static string ToJson(SongParameters p, IReadOnlyList<SongSection> sections, IReadOnlyList<string> files, bool streamed)
    {
        return CliJson.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("style", p.Preset.Name);
            json.WriteNumber("tempo_bpm", p.TempoBpm);
            json.WriteString("key", p.Key.ToString());
            json.WriteString("meter", p.Meter switch { MusicMeter.ThreeFour => "3/4", MusicMeter.SixEight => "6/8", _ => "4/4" });
            json.WriteNumber("bars", p.Bars);
            json.WriteBoolean("loop", p.IsLoop);
            json.WriteNumber("seed", p.Seed);
            json.WriteString("mood", p.Mood);
            json.WriteNumber("energy", Math.Round(p.Energy, 3));
            json.WriteNumber("sample_rate", p.SampleRate);
            json.WriteNumber("duration_seconds", p.Duration.TotalSeconds);
            json.WriteBoolean("streamed", streamed);
            json.WriteStartObject("instruments");
            foreach (var stem in p.Stems)
            {
                json.WriteString(stem, p.Instruments[stem]);
            }

            json.WriteEndObject();
            json.WriteStartArray("sections");
            foreach (var section in sections)
            {
                json.WriteStartObject();
                json.WriteString("name", section.Name);
                json.WriteNumber("start", section.Start.TotalSeconds);
                json.WriteNumber("end", section.End.TotalSeconds);
                json.WriteNumber("start_bar", section.StartBar);
                json.WriteNumber("bars", section.Bars);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            WriteStrings(json, "files", files);
            WriteStrings(json, "warnings", p.Warnings);
            WriteStrings(json, "ignored_words", p.IgnoredWords);
            json.WriteEndObject();
        }) + Environment.NewLine;
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
