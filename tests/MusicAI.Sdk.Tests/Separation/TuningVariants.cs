using System.Globalization;

namespace MusicAI.Sdk.Tests.Separation;

/// <summary>Shared plumbing of the opt-in tuning reports (separator and vocal activity).</summary>
internal static class TuningVariants
{
    /// <summary>Skips the test unless MUSICAI_MEASURE=1 and MUSICAI_SEP_TUNE_DIR names a clip folder; returns that folder.</summary>
    public static string RequireClipFolder(string what)
    {
        var directory = Environment.GetEnvironmentVariable("MUSICAI_SEP_TUNE_DIR");
        if (Environment.GetEnvironmentVariable("MUSICAI_MEASURE") != "1" || directory is null)
        {
            Assert.Skip($"Set MUSICAI_MEASURE=1 and MUSICAI_SEP_TUNE_DIR to a folder of clips to run the {what}.");
        }

        return directory;
    }

    /// <summary>
    /// The default settings followed by one variant per value in an environment variable such as
    /// <c>"HarmonicPower=0,1;CentreWidth=0.2"</c> (each variant changes one init-only property of a copy).
    /// </summary>
    public static List<(string Name, T Settings)> FromEnvironment<T>(string variable, T defaults, Func<T, T> copy)
    {
        var variants = new List<(string, T)> { ("default", defaults) };
        foreach (var spec in (Environment.GetEnvironmentVariable(variable) ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = spec.Split('=', 2);
            var property = typeof(T).GetProperty(parts[0].Trim()) ?? throw new ArgumentException($"{typeof(T).Name} has no setting {parts[0]}.");
            foreach (var value in parts[1].Split(','))
            {
                var settings = copy(defaults);
                property.SetValue(settings, Convert.ChangeType(value.Trim(), property.PropertyType, CultureInfo.InvariantCulture));
                variants.Add(($"{property.Name}={value.Trim()}", settings));
            }
        }

        return variants;
    }

    /// <summary>Writes a report to artifacts/ and to the test output.</summary>
    public static async Task WriteReportAsync(string fileName, string report, CancellationToken cancellationToken)
    {
        var artifacts = Path.Combine(TestAssets.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(Path.Combine(artifacts, fileName), report, cancellationToken);
        TestContext.Current.SendDiagnosticMessage(report);
    }
}
