using System.IO.Compression;
using System.Xml.Linq;

namespace MusicAI.Sdk.PackageTests;

/// <summary>
/// The packages as users get them: packed once into a temporary feed, consumed by fresh projects.
/// </summary>
public sealed class RuntimePackageTests(PackageFeed feed) : IClassFixture<PackageFeed>
{
    private static readonly XNamespace s_nuspec = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";

    [Fact]
    public async Task FreshConsoleApp_WithSdkAndCpuRuntimePackages_RunsTheSelfTestOnTheCpu()
    {
        SkipWithoutDotNet();
        var project = feed.NewProject(
            "Consumer",
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MusicAI.Sdk" Version="{Build.PackageVersion}" />
                <PackageReference Include="MusicAI.Sdk.Runtime.Cpu" Version="{Build.PackageVersion}" />
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="{Build.DependencyInjectionVersion}" />
              </ItemGroup>
            </Project>
            """,
            """
            using Microsoft.Extensions.DependencyInjection;
            using MusicAI.Sdk;
            using MusicAI.Sdk.Runtime;

            await using (var client = MusicAIClient.Create(o => o.ExecutionProviders = [ExecutionProvider.Cuda, ExecutionProvider.Cpu]))
            {
                var description = client.Runtime.Describe();
                var result = client.Runtime.RunSelfTest();
                Console.WriteLine($"client.provider={result.Provider}");
                Console.WriteLine($"client.passed={result.Passed}");
                Console.WriteLine($"client.ort={description.OnnxRuntimeVersion}");
                Console.WriteLine($"client.cuda={description.SkippedProviders[ExecutionProvider.Cuda]}");
            }

            var services = new ServiceCollection();
            services.AddMusicAI(o => o.IntraOpThreads = 1);
            await using var provider = services.BuildServiceProvider();
            var viaDi = provider.GetRequiredService<MusicAIRuntime>().RunSelfTest();
            Console.WriteLine($"di.provider={viaDi.Provider}");
            Console.WriteLine($"di.passed={viaDi.Passed}");
            """);

        var run = await DotNet.RunAsync(project, ["run", "-c", "Release", "--disable-build-servers"], isolateNuGet: true, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"pack (once per run): {feed.Pack?.Elapsed.TotalSeconds:F1} s; dotnet run of the fresh consumer: {run.Elapsed.TotalSeconds:F1} s");
        Assert.True(run.ExitCode == 0, run.ToString());
        var values = run.Output.Split('\n', StringSplitOptions.TrimEntries)
            .Where(l => l.Contains('=', StringComparison.Ordinal) && !l.Contains(' ', StringComparison.Ordinal) || l.StartsWith("client.cuda=", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("Cpu", values["client.provider"]);
        Assert.Equal("True", values["client.passed"]);
        Assert.Equal(Build.OrtVersion, values["client.ort"]);
        Assert.StartsWith("not in this runtime package: install MusicAI.Sdk.Runtime.Cuda", values["client.cuda"], StringComparison.Ordinal);
        Assert.Equal("Cpu", values["di.provider"]);
        Assert.Equal("True", values["di.passed"]);
        Assert.True(
            File.Exists(Path.Combine(feed.Root, "packages", "musicai.sdk.runtime.cpu", Build.PackageVersion.ToLowerInvariant(), "buildTransitive", "MusicAI.Sdk.Runtime.Cpu.targets")),
            "the runtime package was restored from the temporary feed into the isolated packages folder");
    }

    [Fact]
    public async Task FreshConsoleApp_WithoutARuntimePackage_IsToldWhichPackageToAdd()
    {
        SkipWithoutDotNet();
        var project = feed.NewProject(
            "NoRuntime",
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MusicAI.Sdk" Version="{Build.PackageVersion}" />
              </ItemGroup>
            </Project>
            """,
            """
            using MusicAI.Sdk;
            using MusicAI.Sdk.Diagnostics;

            await using var client = MusicAIClient.Create();
            var description = client.Runtime.Describe();
            Console.WriteLine($"ort={description.OnnxRuntimeVersion ?? "none"}");
            try
            {
                client.Runtime.RunSelfTest();
                Console.WriteLine("selftest=ran");
            }
            catch (ExecutionProviderUnavailableException ex)
            {
                Console.WriteLine($"selftest={ex.Message}");
            }
            """);

        var run = await DotNet.RunAsync(project, ["run", "-c", "Release", "--disable-build-servers"], isolateNuGet: true, TestContext.Current.CancellationToken);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("ort=none", run.Output, StringComparison.Ordinal);
        Assert.Contains("selftest=The ONNX Runtime native library could not be loaded", run.Output, StringComparison.Ordinal);
        Assert.Contains("reference exactly one runtime package next to MusicAI.Sdk: MusicAI.Sdk.Runtime.Cpu (any machine)", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MusicAI.Sdk.Runtime.DirectML")]
    [InlineData("MusicAI.Sdk.Runtime.Cuda")]
    public async Task TwoRuntimePackages_FailTheBuildWithOurMessage(string second)
    {
        SkipWithoutDotNet();
        var project = feed.NewProject(
            "Guard" + second.Split('.')[^1],
            $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MusicAI.Sdk.Runtime.Cpu" Version="{Build.PackageVersion}" />
                <PackageReference Include="{second}" Version="{Build.PackageVersion}" />
              </ItemGroup>
            </Project>
            """,
            program: null);

        var build = await DotNet.RunAsync(project, ["build", "--disable-build-servers", "-nodeReuse:false"], isolateNuGet: true, TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine($"dotnet build of the guard project: {build.Elapsed.TotalSeconds:F1} s");
        Assert.True(build.ExitCode != 0, build.ToString());
        Assert.Contains("error MUSICAIPKG001: MusicAI.Sdk: more than one runtime package is referenced", build.Output, StringComparison.Ordinal);
        Assert.Contains("MusicAI.Sdk.Runtime.Cpu", build.Output, StringComparison.Ordinal);
        Assert.Contains(second, build.Output, StringComparison.Ordinal);
        Assert.Contains("onnxruntime#6264", build.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("error NU1", build.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("MusicAI.Sdk.Runtime.Cpu", "Microsoft.ML.OnnxRuntime")]
    [InlineData("MusicAI.Sdk.Runtime.Cuda", "Microsoft.ML.OnnxRuntime.Gpu")]
    [InlineData("MusicAI.Sdk.Runtime.DirectML", "Microsoft.ML.OnnxRuntime.DirectML")]
    public void RuntimePackage_DeclaresExactlyItsOnnxRuntimePackage_AtThePinnedVersion_AndCarriesNoCode(string id, string ortPackage)
    {
        SkipWithoutDotNet();
        using var zip = ZipFile.OpenRead(feed.PackagePath(id));
        var nuspec = ReadNuspec(zip, id);

        var group = Assert.Single(nuspec.Descendants(s_nuspec + "group"));
        Assert.Equal("net10.0", group.Attribute("targetFramework")?.Value);
        var dependency = Assert.Single(group.Elements(s_nuspec + "dependency"));
        Assert.Equal(ortPackage, dependency.Attribute("id")?.Value);
        Assert.Equal(Build.OrtVersion, dependency.Attribute("version")?.Value);
        Assert.Null(dependency.Attribute("exclude"));
        Assert.Equal("README.md", nuspec.Descendants(s_nuspec + "readme").Single().Value);

        var files = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains($"buildTransitive/{id}.props", files);
        Assert.Contains($"buildTransitive/{id}.targets", files);
        Assert.Contains("README.md", files);
        Assert.Equal(["lib/net10.0/_._"], files.Where(f => f.StartsWith("lib/", StringComparison.Ordinal)));
        Assert.DoesNotContain(files, f => f.EndsWith(".dll", StringComparison.OrdinalIgnoreCase));

        using var props = new StreamReader(zip.GetEntry($"buildTransitive/{id}.props")!.Open());
        Assert.Contains("<MusicAIRuntimePackage Include=\"$(MSBuildThisFileName)\" />", props.ReadToEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void SdkPackage_DependsOnTheManagedOnnxRuntimeOnly_AtThePinnedVersion()
    {
        SkipWithoutDotNet();
        using var zip = ZipFile.OpenRead(feed.PackagePath("MusicAI.Sdk"));
        var dependencies = ReadNuspec(zip, "MusicAI.Sdk").Descendants(s_nuspec + "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);

        Assert.Equal(Build.OrtVersion, dependencies["Microsoft.ML.OnnxRuntime.Managed"]);
        Assert.DoesNotContain(dependencies.Keys, k => k is "Microsoft.ML.OnnxRuntime" or "Microsoft.ML.OnnxRuntime.Gpu" or "Microsoft.ML.OnnxRuntime.DirectML");
        Assert.Contains("lib/net10.0/MusicAI.Sdk.dll", zip.Entries.Select(e => e.FullName));
        Assert.Contains("lib/net10.0/MusicAI.Sdk.xml", zip.Entries.Select(e => e.FullName));
    }

    private static XDocument ReadNuspec(ZipArchive zip, string id)
    {
        using var stream = zip.GetEntry($"{id}.nuspec")!.Open();
        return XDocument.Load(stream);
    }

    private static void SkipWithoutDotNet()
    {
        if (DotNet.Path is null)
        {
            Assert.Skip("The dotnet CLI was not found on PATH, DOTNET_HOST_PATH or DOTNET_ROOT.");
        }
    }
}
