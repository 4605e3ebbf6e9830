namespace MusicAI.Sdk.Models;

/// <summary>
/// Rules for model ids and model file names. Both become path segments under the model cache, so they are
/// restricted to a small character set that cannot express a directory change on any operating system.
/// </summary>
/// <remarks>
/// Ids: lower-case <c>[a-z0-9][a-z0-9._-]*</c>, at most 64 characters. File names: the same, but upper-case letters
/// are allowed (real ONNX files reference external data by an exact mixed-case name, for example
/// <c>BeatNet.onnx.data</c>), at most 128 characters. Neither may contain <c>..</c>, end with a dot, or be a reserved
/// Windows device name (<c>CON</c>, <c>NUL</c>, <c>COM1</c>, ... with or without an extension). File names may not
/// end with <c>.partial</c> or <c>.lock</c>, which the store uses for its own files.
/// </remarks>
internal static class ModelNames
{
    public const int MaxIdLength = 64;
    public const int MaxFileNameLength = 128;
    public const string PartialSuffix = ".partial";
    public const string LockSuffix = ".lock";

    private static readonly string[] s_reservedDeviceNames =
    [
        "CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>Returns why <paramref name="id"/> is not a valid model id, or null when it is valid.</summary>
    public static string? GetIdProblem(string? id) => GetProblem(id, "model id", MaxIdLength, allowUpperCase: false);

    /// <summary>Returns why <paramref name="name"/> is not a valid model file name, or null when it is valid.</summary>
    public static string? GetFileNameProblem(string? name)
    {
        var problem = GetProblem(name, "model file name", MaxFileNameLength, allowUpperCase: true);
        if (problem is null
            && (name!.EndsWith(PartialSuffix, StringComparison.OrdinalIgnoreCase) || name.EndsWith(LockSuffix, StringComparison.OrdinalIgnoreCase)))
        {
            problem = $"The model file name '{name}' ends with '{PartialSuffix}' or '{LockSuffix}', which the model store reserves for its own files: rename the file.";
        }

        return problem;
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="id"/> is not a valid model id.</summary>
    public static void ThrowIfInvalidId(string? id, string paramName)
    {
        if (GetIdProblem(id) is { } problem)
        {
            throw new ArgumentException(problem, paramName);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> when <paramref name="name"/> is not a valid model file name.</summary>
    public static void ThrowIfInvalidFileName(string? name, string paramName)
    {
        if (GetFileNameProblem(name) is { } problem)
        {
            throw new ArgumentException(problem, paramName);
        }
    }

    private static string? GetProblem(string? value, string what, int maxLength, bool allowUpperCase)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"The {what} is empty: use letters, digits, '.', '_' or '-'.";
        }

        var shown = Printable(value);
        if (value.Length > maxLength)
        {
            return $"The {what} '{shown}' is {value.Length} characters long; the limit is {maxLength}.";
        }

        if (!allowUpperCase && value.AsSpan().IndexOfAnyInRange('A', 'Z') >= 0)
        {
            return $"The {what} '{shown}' contains upper-case letters: model ids are lower-case (use '{Printable(value.ToLowerInvariant())}').";
        }

        if (!IsLetterOrDigit(value[0], allowUpperCase))
        {
            return $"The {what} '{shown}' must start with a {(allowUpperCase ? "letter" : "lower-case letter")} or a digit.";
        }

        foreach (var c in value)
        {
            if (!IsLetterOrDigit(c, allowUpperCase) && c is not ('.' or '_' or '-'))
            {
                return $"The {what} '{shown}' contains '{Printable(c.ToString())}': only letters, digits, '.', '_' and '-' are allowed (no path separators, no escapes).";
            }
        }

        if (value.Contains("..", StringComparison.Ordinal))
        {
            return $"The {what} '{shown}' contains '..'.";
        }

        if (value[^1] == '.')
        {
            return $"The {what} '{shown}' ends with '.', which Windows silently drops.";
        }

        var stem = value.Split('.')[0];
        foreach (var reserved in s_reservedDeviceNames)
        {
            if (stem.Equals(reserved, StringComparison.OrdinalIgnoreCase))
            {
                return $"The {what} '{shown}' is a reserved device name on Windows: choose another name.";
            }
        }

        return null;
    }

    private static bool IsLetterOrDigit(char c, bool allowUpperCase) =>
        c is (>= 'a' and <= 'z') or (>= '0' and <= '9') || (allowUpperCase && c is >= 'A' and <= 'Z');

    private static string Printable(string value)
    {
        var builder = new System.Text.StringBuilder(Math.Min(value.Length, 80));
        foreach (var c in value.Length > 80 ? value[..80] : value)
        {
            builder.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return builder.ToString();
    }
}
