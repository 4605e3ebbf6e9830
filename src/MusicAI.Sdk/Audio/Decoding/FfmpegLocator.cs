namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Finds the <c>ffmpeg</c> executable: the <c>MUSICAI_FFMPEG</c> environment variable when set, otherwise
/// <c>PATH</c>. The environment lookup is injectable so that tests can simulate a machine without ffmpeg.
/// </summary>
/// <param name="getEnvironmentVariable">Reads an environment variable.</param>
internal sealed class FfmpegLocator(Func<string, string?> getEnvironmentVariable)
{
    /// <summary>The environment variable that points at a specific ffmpeg executable.</summary>
    public const string EnvironmentVariable = "MUSICAI_FFMPEG";

    /// <summary>Gets the locator that reads the real process environment.</summary>
    public static FfmpegLocator Default { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>The message for "this needs ffmpeg and there is none".</summary>
    public const string InstallAdvice =
        "install ffmpeg (apt install ffmpeg / winget install ffmpeg / brew install ffmpeg) or set MUSICAI_FFMPEG to its path, or convert the file to WAV";

    /// <summary>Finds ffmpeg.</summary>
    /// <returns>The full path of the executable, or null when there is none.</returns>
    public string? Find()
    {
        var configured = getEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(configured) ? Path.GetFullPath(configured) : null;
        }

        var path = getEnvironmentVariable("PATH");
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        var names = OperatingSystem.IsWindows() ? new[] { "ffmpeg.exe", "ffmpeg" } : ["ffmpeg"];
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            foreach (var name in names)
            {
                try
                {
                    var candidate = Path.Combine(directory, name);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
                catch (ArgumentException)
                {
                    // A malformed PATH entry: skip it.
                }
            }
        }

        return null;
    }
}
