using System.Globalization;
using System.Text;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Cli.Commands;

/// <summary>Text and JSON output of <c>musicai transcribe</c>.</summary>
internal static class TranscribeOutput
{
    private static readonly string[] s_pitchClasses = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"];

    /// <summary>Scientific pitch name of a MIDI note: 60 → C4, 69 → A4 (sharps only).</summary>
    public static string PitchName(int midi) => s_pitchClasses[midi % 12] + ((midi / 12) - 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>A summary line, the MIDI path when one was written, and (without <c>-o</c>) one line per note.</summary>
    public static string ToText(TranscribeRequest request, Transcription transcription)
    {
        var text = new StringBuilder();
        var notes = transcription.Notes;
        text.AppendLine(CultureInfo.InvariantCulture, $"{notes.Count} note{(notes.Count == 1 ? "" : "s")} in {transcription.Duration.TotalSeconds:0.00} s ({request.Model}).");
        if (request.OutputPath is { } output)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Wrote {Path.GetFullPath(output)}");
            return text.ToString();
        }

        if (notes.Count > 0)
        {
            text.AppendLine("  START     END       NOTE        VELOCITY");
            foreach (var note in notes)
            {
                var name = $"{PitchName(note.Pitch)} ({note.Pitch})";
                text.AppendLine(CultureInfo.InvariantCulture, $"  {note.Start,8:0.000}  {note.End,8:0.000}  {name,-10}  {note.Velocity,8}");
            }
        }

        return text.ToString();
    }

    /// <summary>Every note with times in seconds, MIDI pitch and name, velocity and amplitude; snake_case names.</summary>
    public static string ToJson(TranscribeRequest request, Transcription transcription)
    {
        return CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("audio", Path.GetFullPath(request.AudioPath));
            writer.WriteString("model", request.Model);
            writer.WriteNumber("duration_seconds", transcription.Duration.TotalSeconds);
            if (request.OutputPath is { } output)
            {
                writer.WriteString("midi", Path.GetFullPath(output));
            }
            else
            {
                writer.WriteNull("midi");
            }

            writer.WriteNumber("note_count", transcription.Notes.Count);
            writer.WriteStartArray("notes");
            foreach (var note in transcription.Notes)
            {
                writer.WriteStartObject();
                writer.WriteNumber("start", Math.Round(note.Start, 6));
                writer.WriteNumber("end", Math.Round(note.End, 6));
                writer.WriteNumber("pitch", note.Pitch);
                writer.WriteString("name", PitchName(note.Pitch));
                writer.WriteNumber("velocity", note.Velocity);
                writer.WriteNumber("amplitude", Math.Round(note.Amplitude, 6));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        });
    }
}
