using System.Reflection;

namespace MusicAI.Sdk.Tests;

/// <summary>Carries the absolute path of <c>tests/TestAssets</c> into the test assembly at build time.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class TestAssetsDirectoryAttribute(string path) : Attribute
{
    public string Path { get; } = path;
}

/// <summary>Paths of committed fixtures and of the shared real models beside the repository.</summary>
internal static class TestAssets
{
    /// <summary>Absolute path of <c>tests/TestAssets</c>.</summary>
    public static string Directory { get; } =
        typeof(TestAssets).Assembly.GetCustomAttribute<TestAssetsDirectoryAttribute>()!.Path;

    /// <summary>Absolute path of the repository root.</summary>
    public static string RepositoryRoot { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, "..", ".."));

    /// <summary>
    /// The shared real models (<c>../shared/models</c> beside the repository), or null when that folder is absent.
    /// </summary>
    public static string? SharedModels
    {
        get
        {
            var path = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryRoot, "..", "shared", "models"));
            return System.IO.Directory.Exists(path) ? path : null;
        }
    }

    /// <summary>Returns the absolute path of a committed fixture, failing the test when it is missing.</summary>
    public static string Path(params string[] parts)
    {
        var path = System.IO.Path.Combine([Directory, .. parts]);
        if (!File.Exists(path) && !System.IO.Directory.Exists(path))
        {
            throw new FileNotFoundException($"Test asset '{path}' is missing: regenerate it with the script in tests/TestAssets/generate.", path);
        }

        return path;
    }
}
