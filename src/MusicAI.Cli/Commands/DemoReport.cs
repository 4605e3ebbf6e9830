using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary>The <c>--json</c> output of <c>musicai demo</c> (snake_case names).</summary>
internal static class DemoReport
{
    public static string ToJson(string directory, DemoCommand.GenerationStep generation, DemoCommand.CaptionStep caption, DemoCommand.SeparationStep separation, IReadOnlyList<string> files)
    {
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("output", directory);
            writer.WriteBoolean("downloads", false);
            writer.WriteStartObject("generate");
            writer.WriteString("prompt", generation.Prompt);
            writer.WriteString("style", generation.Style);
            writer.WriteNumber("tempo_bpm", generation.TempoBpm);
            writer.WriteString("key", generation.Key);
            writer.WriteNumber("duration_seconds", Math.Round(generation.DurationSeconds, 3));
            writer.WriteNumber("stems", generation.StemCount);
            writer.WriteNumber("elapsed_seconds", Math.Round(generation.Seconds, 3));
            writer.WriteEndObject();
            writer.WriteStartObject("caption");
            writer.WriteString("caption", caption.Caption);
            CliJson.WriteNumberOrNull(writer, "tempo_bpm", caption.TempoBpm, 2);
            writer.WriteBoolean("tempo_matches", caption.TempoMatches);
            writer.WriteString("key", caption.Key);
            writer.WriteBoolean("key_matches", caption.KeyMatches);
            writer.WriteNumber("elapsed_seconds", Math.Round(caption.Seconds, 3));
            writer.WriteEndObject();
            writer.WriteStartObject("separate");
            writer.WriteString("engine", separation.Engine);
            writer.WriteNumber("elapsed_seconds", Math.Round(separation.Seconds, 3));
            CliJson.WriteNumberOrNull(writer, "drums_sdr_db", separation.DrumsSdr, 2);
            CliJson.WriteNumberOrNull(writer, "bass_sdr_db", separation.BassSdr, 2);
            writer.WriteNumber("other_sdr_db", Math.Round(separation.OtherSdr, 2));
            writer.WriteNumber("vocals_energy_share", Math.Round(separation.VocalsShare, 5));
            writer.WriteNumber("max_sum_error", separation.MaxSumError);
            writer.WriteEndObject();
            writer.WriteStartArray("files");
            foreach (var file in files)
            {
                writer.WriteStringValue(file);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }) + Environment.NewLine;
    }
}
