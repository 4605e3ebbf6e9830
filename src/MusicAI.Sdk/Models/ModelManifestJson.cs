using System.Text.Json;
using System.Text.Json.Serialization;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Models;

/// <summary>
/// The JSON form of <see cref="ModelManifest"/>, through source-generated System.Text.Json (no reflection, AOT-safe).
/// The data-transfer types mirror the public ones; all validation happens in the public constructors.
/// </summary>
internal static class ModelManifestJson
{
    public static ModelManifest Parse(string json, string? source)
    {
        var where = source is null ? "The model manifest" : $"The model manifest '{source}'";
        ManifestDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, ModelJsonContext.Default.ManifestDto);
        }
        catch (JsonException ex)
        {
            throw new ModelLoadException($"{where} is not valid JSON ({ex.Message}). Compare it with the output of ModelManifest.ToJson().", modelPath: source, innerException: ex);
        }

        if (dto is null)
        {
            throw new ModelLoadException($"{where} is empty (JSON null): write an object with at least \"id\" and \"files\".", modelPath: source);
        }

        try
        {
            var files = new List<ModelFile>();
            foreach (var file in dto.Files ?? [])
            {
                if (file is null)
                {
                    throw new ArgumentException("\"files\" contains null.");
                }

                files.Add(new ModelFile(
                    file.Name ?? "",
                    string.IsNullOrEmpty(file.Url) ? null : new Uri(file.Url, UriKind.Absolute),
                    file.Size,
                    file.Sha256));
            }

            return new ModelManifest(dto.Id ?? "", files)
            {
                DisplayName = dto.DisplayName ?? "",
                Description = dto.Description ?? "",
                ContractKind = dto.ContractKind ?? ModelContractKind.Custom,
                SampleRate = dto.SampleRate,
                Source = string.IsNullOrEmpty(dto.Source) ? null : new Uri(dto.Source, UriKind.Absolute),
                License = dto.License is null
                    ? null
                    : new ModelLicense(dto.License.Id ?? "", dto.License.Note, dto.License.Attribution, dto.License.AllowsRedistribution),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or UriFormatException)
        {
            throw new ModelLoadException($"{where} is not valid: {ex.Message}", dto.Id, source, ex);
        }
    }

    public static string Serialize(ModelManifest manifest)
    {
        var dto = new ManifestDto
        {
            Id = manifest.Id,
            DisplayName = manifest.DisplayName,
            Description = manifest.Description.Length == 0 ? null : manifest.Description,
            ContractKind = manifest.ContractKind,
            SampleRate = manifest.SampleRate,
            Source = manifest.Source?.AbsoluteUri,
            License = manifest.License is not { } license
                ? null
                : new LicenseDto
                {
                    Id = license.Id,
                    Note = license.Note.Length == 0 ? null : license.Note,
                    Attribution = license.Attribution,
                    AllowsRedistribution = license.AllowsRedistribution,
                },
            Files = [.. manifest.Files.Select(f => new FileDto { Name = f.Name, Url = f.Url?.AbsoluteUri, Size = f.SizeBytes, Sha256 = f.Sha256 })],
        };
        return JsonSerializer.Serialize(dto, ModelJsonContext.Default.ManifestDto);
    }
}

internal sealed class ManifestDto
{
    public string? Id { get; set; }

    public string? DisplayName { get; set; }

    public string? Description { get; set; }

    public ModelContractKind? ContractKind { get; set; }

    public int? SampleRate { get; set; }

    public string? Source { get; set; }

    public LicenseDto? License { get; set; }

    public List<FileDto?>? Files { get; set; }
}

internal sealed class LicenseDto
{
    public string? Id { get; set; }

    public string? Note { get; set; }

    public string? Attribution { get; set; }

    public bool AllowsRedistribution { get; set; }
}

internal sealed class FileDto
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    public long? Size { get; set; }

    public string? Sha256 { get; set; }
}

/// <summary>One entry of the trust-on-first-use record: the hash the store computed when it downloaded a file.</summary>
internal sealed class RecordedHashDto
{
    public string? Sha256 { get; set; }

    public long Size { get; set; }

    public string? Url { get; set; }

    public DateTimeOffset RecordedUtc { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ManifestDto))]
[JsonSerializable(typeof(Dictionary<string, RecordedHashDto>))]
internal sealed partial class ModelJsonContext : JsonSerializerContext;
