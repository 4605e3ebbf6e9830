using System.IO.Compression;
using System.Security;
using System.Text;

namespace MusicAI.Sdk.PackageTests;

/// <summary>
/// Packs <c>MusicAI.Sdk</c> and the three runtime packages once (through <c>packages.slnf</c>) into a temporary feed,
/// adds tiny stand-ins for <c>Microsoft.ML.OnnxRuntime.Gpu</c>/<c>.DirectML</c> there, and writes a nuget.config
/// that isolates everything the temporary projects restore (own global packages folder, the user's cache as a
/// read-only fallback, package source mapping so the stand-in ids only come from the temporary feed).
/// </summary>
public sealed class PackageFeed : IAsyncLifetime
{
    /// <summary>Ids that the stand-ins replace; mapped to the temporary feed only, so nothing is downloaded for them.</summary>
    public static readonly string[] StandInIds = ["Microsoft.ML.OnnxRuntime.Gpu", "Microsoft.ML.OnnxRuntime.DirectML"];

    public string Root { get; } = Directory.CreateTempSubdirectory("musicai-pkgtest-").FullName;

    public string Feed => Path.Combine(Root, "feed");

    internal DotNet.Result? Pack { get; private set; }

    public string PackagePath(string id) => Path.Combine(Feed, $"{id}.{Build.PackageVersion}.nupkg");

    public async ValueTask InitializeAsync()
    {
        if (DotNet.Path is null)
        {
            return;
        }

        Directory.CreateDirectory(Feed);
        var slnf = Path.Combine(Build.RepositoryRoot, "tests", "MusicAI.Sdk.PackageTests", "packages.slnf");
        Pack = await DotNet.RunAsync(
            Build.RepositoryRoot,
            ["pack", slnf, "-c", Build.Configuration, $"-p:PackageOutputPath={Feed}{Path.DirectorySeparatorChar}", "--disable-build-servers", "-nodeReuse:false"],
            isolateNuGet: false,
            CancellationToken.None);
        if (Pack.ExitCode != 0)
        {
            throw new InvalidOperationException($"Packing {slnf} failed: {Pack}");
        }

        foreach (var id in StandInIds)
        {
            WriteStandIn(id, Build.OrtVersion);
        }

        // Stop MSBuild from picking up Directory.Build.* or central package management from above the temp folder.
        File.WriteAllText(Path.Combine(Root, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(Root, "nuget.config"), NuGetConfig());
    }

    public ValueTask DisposeAsync()
    {
        if (Environment.GetEnvironmentVariable("MUSICAI_KEEP_PACKAGE_TESTS") == "1")
        {
            return ValueTask.CompletedTask;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process may still hold a file for a moment; the temp folder is cleaned by the OS eventually.
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>Creates a fresh project folder under the feed's root (so it uses the feed's nuget.config).</summary>
    public string NewProject(string name, string csproj, string? program)
    {
        var directory = Path.Combine(Root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), csproj);
        if (program is not null)
        {
            File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        }

        return directory;
    }

    private void WriteStandIn(string id, string version)
    {
        using var zip = ZipFile.Open(Path.Combine(Feed, $"{id}.{version}.nupkg"), ZipArchiveMode.Create);
        var nuspec = zip.CreateEntry($"{id}.nuspec");
        using (var writer = new StreamWriter(nuspec.Open(), new UTF8Encoding(false)))
        {
            writer.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>MusicAI.Sdk package tests</authors>
                    <description>Test stand-in with no native library: lets a restore succeed without downloading the real package.</description>
                  </metadata>
                </package>
                """);
        }

        zip.CreateEntry("lib/netstandard2.0/_._");
    }

    private string NuGetConfig()
    {
        var mapped = string.Concat(StandInIds.Select(id => $"""<package pattern="{id}" />"""));
        return $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Escape(Path.Combine(Root, "packages"))}" />
              </config>
              <packageSources>
                <clear />
                <add key="local" value="{Escape(Feed)}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
              <fallbackPackageFolders>
                <clear />
                <add key="user-cache" value="{Escape(DotNet.UserGlobalPackagesFolder)}" />
              </fallbackPackageFolders>
              <packageSourceMapping>
                <packageSource key="local">
                  <package pattern="MusicAI.*" />
                  {mapped}
                </packageSource>
                <packageSource key="nuget.org">
                  <package pattern="*" />
                </packageSource>
              </packageSourceMapping>
            </configuration>
            """;
    }

    private static string Escape(string value) => SecurityElement.Escape(value);
}
