namespace MusicAI.Cli.Tests;

/// <summary>The repository's committed test fixtures (tests/TestAssets), found from the test assembly's location.</summary>
internal static class CliTestAssets
{
    public static string Directory { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "TestAssets");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/TestAssets was not found above the test assembly.");
    }
}
