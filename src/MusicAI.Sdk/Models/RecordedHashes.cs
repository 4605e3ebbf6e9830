using System.Text.Json;

namespace MusicAI.Sdk.Models;

/// <summary>
/// Trust on first use for files without a published SHA-256: the hash computed at the first download is kept in
/// <c>.musicai-sha256.json</c> in the model's folder; later downloads and <c>verify</c> compare against it.
/// </summary>
internal static class RecordedHashes
{
    public static async Task<Dictionary<string, RecordedHashDto>> ReadAsync(string modelDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(modelDirectory, ModelCachePaths.RecordedHashesFileName);
        if (!File.Exists(path))
        {
            return new(StringComparer.Ordinal);
        }

        try
        {
            var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
            var read = JsonSerializer.Deserialize(json, ModelJsonContext.Default.DictionaryStringRecordedHashDto);
            return read is null ? new(StringComparer.Ordinal) : new(read, StringComparer.Ordinal);
        }
        catch (JsonException)
        {
            // A damaged record protects nothing; the files become "unverifiable" until pulled again.
            return new(StringComparer.Ordinal);
        }
    }

    /// <summary>Adds or replaces one file's record. Call under the model's lock.</summary>
    public static async Task RecordAsync(string modelDirectory, string fileName, RecordedHashDto entry, CancellationToken cancellationToken)
    {
        var records = await ReadAsync(modelDirectory, cancellationToken).ConfigureAwait(false);
        records[fileName] = entry;
        var json = JsonSerializer.Serialize(records, ModelJsonContext.Default.DictionaryStringRecordedHashDto);
        await AtomicFile.WriteAllTextAsync(Path.Combine(modelDirectory, ModelCachePaths.RecordedHashesFileName), json, cancellationToken).ConfigureAwait(false);
    }
}
