using System.Text;
using System.Text.Json;

namespace MusicAI.Cli.Infrastructure;

/// <summary>The <c>--json</c> output of every command: indented UTF-8 JSON written by one callback, and its null rules.</summary>
internal static class CliJson
{
    /// <summary>Runs <paramref name="write"/> on an indented writer and returns the JSON text (no trailing newline).</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <paramref name="value"/> (rounded to <paramref name="digits"/> when given), or null when it is missing or not finite.</summary>
    public static void WriteNumberOrNull(Utf8JsonWriter writer, string name, double? value, int? digits = null)
    {
        if (value is { } v && double.IsFinite(v))
        {
            writer.WriteNumber(name, digits is { } d ? Math.Round(v, d) : v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    /// <summary>Writes <paramref name="value"/>, or null when it is missing.</summary>
    public static void WriteNumberOrNull(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
