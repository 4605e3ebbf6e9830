using System.Globalization;
using System.Text;
using System.Text.Json;
using MusicAI.Cli.Infrastructure;
using MusicAI.Sdk.Models;

namespace MusicAI.Cli.Commands;

/// <summary>Text and JSON output of the <c>models</c> commands.</summary>
internal static class ModelsOutput
{
    /// <summary>One word for a model's cache state (JSON form; the text form replaces '-' with ' ').</summary>
    public static string State(ModelVerification verification)
    {
        if (!verification.IsPartlyCached)
        {
            return "not-cached";
        }

        if (verification.HasMismatch)
        {
            return "corrupt";
        }

        if (!verification.IsCached)
        {
            return "partial";
        }

        if (verification.Files.Any(f => f.Status == ModelFileStatus.Unverifiable))
        {
            return "unverifiable";
        }

        return verification.Files.Any(f => f.Status == ModelFileStatus.MatchesRecordedHash) ? "recorded-hash" : "verified";
    }

    public static string FileState(ModelFileStatus status) => status switch
    {
        ModelFileStatus.Missing => "missing",
        ModelFileStatus.Verified => "verified",
        ModelFileStatus.MatchesRecordedHash => "recorded-hash",
        ModelFileStatus.Unverifiable => "unverifiable",
        ModelFileStatus.SizeMismatch => "size-mismatch",
        ModelFileStatus.HashMismatch => "hash-mismatch",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static async Task WriteTableAsync(TextWriter output, string root, IReadOnlyList<ModelVerification> models)
    {
        var rows = models.Select(v => new[]
        {
            v.Manifest.Id,
            State(v).Replace('-', ' '),
            Size(v.Manifest.TotalSizeBytes),
            v.Manifest.License?.Id ?? "unknown",
            v.Manifest.DisplayName,
        }).ToList();
        string[] header = ["ID", "STATUS", "SIZE", "LICENCE", "NAME"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd());
        }

        text.AppendLine();
        text.Append("Cache: ").AppendLine(root);
        await output.WriteAsync(text.ToString());
    }

    public static async Task WritePulledAsync(TextWriter output, ModelVerification verification)
    {
        var manifest = verification.Manifest;
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{manifest.Id}: {State(verification).Replace('-', ' ')} in {verification.Directory}");
        foreach (var file in verification.Files)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {file.File.Name}  {Size(file.ActualSizeBytes)}  sha256 {file.ActualSha256 ?? "-"}  {FileState(file.Status)}");
        }

        if (verification.Files.Any(f => f.Status == ModelFileStatus.MatchesRecordedHash))
        {
            text.AppendLine("  No SHA-256 is published for some files: the hash of this download was recorded and later copies are checked against it.");
        }

        if (manifest.License is { } license)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  Licence: {license.Id}{(license.AllowsRedistribution ? "" : " (redistribution not established: check the terms before shipping it)")}");
            if (license.Attribution is { } attribution)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"  Attribution: {attribution}");
            }
        }

        await output.WriteAsync(text.ToString());
    }

    public static async Task WriteVerificationAsync(TextWriter output, string root, IReadOnlyList<ModelVerification> models)
    {
        var text = new StringBuilder();
        if (models.Count == 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"No models in the cache ({root}).");
        }

        foreach (var verification in models)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{verification.Manifest.Id}: {State(verification).Replace('-', ' ')}");
            foreach (var file in verification.Files)
            {
                text.Append("  ").AppendLine(file.ToString());
            }
        }

        var bad = models.Count(v => !v.IsIntact);
        if (bad > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{bad} model{(bad == 1 ? "" : "s")} missing files or damaged: run 'musicai models pull ID' to repair.");
        }

        await output.WriteAsync(text.ToString());
    }

    public static async Task WriteJsonAsync(TextWriter output, string root, IReadOnlyList<ModelVerification> models, bool? ok)
    {
        await WriteJsonObjectAsync(output, writer =>
        {
            writer.WriteString("cache_directory", root);
            if (ok is { } value)
            {
                writer.WriteBoolean("ok", value);
            }

            writer.WriteStartArray("models");
            foreach (var verification in models)
            {
                WriteModel(writer, verification);
            }

            writer.WriteEndArray();
        });
    }

    public static Task WriteRemovedJsonAsync(TextWriter output, string id, bool removed) =>
        WriteJsonObjectAsync(output, writer =>
        {
            writer.WriteString("id", id);
            writer.WriteBoolean("removed", removed);
        });

    private static void WriteModel(Utf8JsonWriter writer, ModelVerification verification)
    {
        var manifest = verification.Manifest;
        writer.WriteStartObject();
        writer.WriteString("id", manifest.Id);
        writer.WriteString("display_name", manifest.DisplayName);
        writer.WriteString("contract_kind", manifest.ContractKind.ToString());
        CliJson.WriteNumberOrNull(writer, "sample_rate", manifest.SampleRate);
        CliJson.WriteNumberOrNull(writer, "size_bytes", manifest.TotalSizeBytes);
        writer.WriteString("status", State(verification));
        writer.WriteString("directory", verification.Directory);
        writer.WriteString("source", manifest.Source?.AbsoluteUri);
        if (manifest.License is { } license)
        {
            writer.WriteStartObject("license");
            writer.WriteString("id", license.Id);
            writer.WriteString("note", license.Note);
            writer.WriteString("attribution", license.Attribution);
            writer.WriteBoolean("allows_redistribution", license.AllowsRedistribution);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("license");
        }

        writer.WriteStartArray("files");
        foreach (var file in verification.Files)
        {
            writer.WriteStartObject();
            writer.WriteString("name", file.File.Name);
            writer.WriteString("path", file.Path);
            writer.WriteString("url", file.File.Url?.AbsoluteUri);
            CliJson.WriteNumberOrNull(writer, "size_bytes", file.File.SizeBytes);
            CliJson.WriteNumberOrNull(writer, "actual_size_bytes", file.ActualSizeBytes);
            writer.WriteString("expected_sha256", file.ExpectedSha256);
            writer.WriteString("actual_sha256", file.ActualSha256);
            writer.WriteBoolean("published_sha256", file.File.Sha256 is not null);
            writer.WriteString("status", FileState(file.Status));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static async Task WriteJsonObjectAsync(TextWriter output, Action<Utf8JsonWriter> body)
    {
        await output.WriteLineAsync(CliJson.Write(writer =>
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }));
    }

    private static string Size(long? bytes) => bytes switch
    {
        null => "?",
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MiB"),
    };
}
