using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Models;

/// <summary>
/// Where the model cache is and how ids and file names map to paths inside it. Every path the store touches is built
/// here, and each one is checked to stay under the cache root after full normalisation.
/// </summary>
internal static class ModelCachePaths
{
    /// <summary>The environment variable that overrides the default cache folder.</summary>
    public const string EnvironmentVariable = "MUSICAI_MODELS";

    /// <summary>The lock file in each model folder (dot-prefixed, so no model file can be named like it).</summary>
    public const string LockFileName = ".lock";

    /// <summary>The trust-on-first-use hash record in each model folder.</summary>
    public const string RecordedHashesFileName = ".musicai-sha256.json";

    /// <summary>The copy of a user manifest kept with its files, so later list/verify calls know the model.</summary>
    public const string ManifestFileName = ".musicai-manifest.json";

    /// <summary>
    /// Chooses the cache root: <paramref name="configured"/> when set, else the <c>MUSICAI_MODELS</c> variable when set,
    /// else <c>musicai/models</c> under <paramref name="localApplicationData"/>.
    /// </summary>
    public static string ResolveRoot(string? configured, Func<string, string?> getEnvironmentVariable, string localApplicationData)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Path.GetFullPath(configured);
        }

        var fromEnvironment = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        if (string.IsNullOrWhiteSpace(localApplicationData))
        {
            // Some containers have no HOME; fall back to the working directory rather than the filesystem root.
            localApplicationData = Path.Combine(Directory.GetCurrentDirectory(), ".local", "share");
        }

        return Path.GetFullPath(Path.Combine(localApplicationData, "musicai", "models"));
    }

    /// <summary>The folder of one model: <c>&lt;root&gt;/&lt;id&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The id is not valid.</exception>
    /// <exception cref="ModelLoadException">The resulting path would leave the cache root.</exception>
    public static string GetModelDirectory(string root, string id)
    {
        ModelNames.ThrowIfInvalidId(id, nameof(id));
        return EnsureUnder(root, Path.Combine(root, id), id);
    }

    /// <summary>The path of one model file: <c>&lt;root&gt;/&lt;id&gt;/&lt;name&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The id or file name is not valid.</exception>
    /// <exception cref="ModelLoadException">The resulting path would leave the model's folder.</exception>
    public static string GetFilePath(string root, string id, string fileName)
    {
        var directory = GetModelDirectory(root, id);
        ModelNames.ThrowIfInvalidFileName(fileName, nameof(fileName));
        return EnsureUnder(directory, Path.Combine(directory, fileName), id);
    }

    /// <summary>
    /// Returns the full form of <paramref name="candidate"/> when it lies strictly inside <paramref name="parent"/>;
    /// throws otherwise. This is the last line of defence behind the name rules.
    /// </summary>
    public static string EnsureUnder(string parent, string candidate, string? modelId)
    {
        var fullParent = Path.TrimEndingDirectorySeparator(Path.GetFullPath(parent));
        var fullCandidate = Path.GetFullPath(candidate);
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        var prefix = fullParent + Path.DirectorySeparatorChar;
        if (!fullCandidate.StartsWith(prefix, comparison) || fullCandidate.Length == prefix.Length)
        {
            throw new ModelLoadException(
                $"The path '{candidate}' resolves to '{fullCandidate}', which is outside the model cache folder '{fullParent}': model ids and file names must be plain names.",
                modelId,
                fullCandidate);
        }

        return fullCandidate;
    }
}
