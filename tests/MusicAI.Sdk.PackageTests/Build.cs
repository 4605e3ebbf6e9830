using System.Reflection;

namespace MusicAI.Sdk.PackageTests;

/// <summary>Facts about the repository build, carried into the test assembly by MSBuild.</summary>
internal static class Build
{
    public static string RepositoryRoot => Get("RepositoryRoot");

    public static string Configuration => Get("Configuration");

    public static string OrtVersion => Get("OrtVersion");

    public static string PackageVersion => Get("PackageVersion");

    public static string MusicAICli => Get("MusicAICli");

    public static string DependencyInjectionVersion => Get("DependencyInjectionVersion");

    private static string Get(string key) =>
        typeof(Build).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"Assembly metadata '{key}' is empty.");
}
