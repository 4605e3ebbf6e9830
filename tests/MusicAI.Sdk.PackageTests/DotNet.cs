using System.Diagnostics;
using System.Text;

namespace MusicAI.Sdk.PackageTests;

/// <summary>Runs the <c>dotnet</c> CLI as a child process with a clean environment.</summary>
internal static class DotNet
{
    /// <summary>Gets the <c>dotnet</c> executable, or <see langword="null"/> when none is found.</summary>
    public static string? Path { get; } = Find();

    /// <summary>The output of a finished process: <paramref name="Output"/> interleaves both streams in arrival order
    /// (their relative order is not guaranteed); <paramref name="StandardOutput"/> is stdout alone.</summary>
    public sealed record Result(int ExitCode, string Output, string StandardOutput, TimeSpan Elapsed)
    {
        public override string ToString() => $"exit {ExitCode} after {Elapsed.TotalSeconds:F1} s:{Environment.NewLine}{Output}";
    }

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its exit code and combined output.</summary>
    /// <param name="workingDirectory">Where to run.</param>
    /// <param name="arguments">The arguments.</param>
    /// <param name="isolateNuGet">Drop <c>NUGET_PACKAGES</c> so the nuget.config in <paramref name="workingDirectory"/> decides the package folder.</param>
    /// <param name="cancellationToken">Kills the process tree when cancelled.</param>
    public static async Task<Result> RunAsync(string workingDirectory, IEnumerable<string> arguments, bool isolateNuGet, CancellationToken cancellationToken)
    {
        var dotnet = Path ?? throw new InvalidOperationException("dotnet was not found.");
        var start = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild variables would steer a child build to the wrong SDK
        // pieces; start from the user's environment instead.
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("MSBuild", StringComparison.Ordinal)
                || key.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || key.Equals("DOTNET_HOST_PATH", StringComparison.OrdinalIgnoreCase)
                || (isolateNuGet && key.Equals("NUGET_PACKAGES", StringComparison.OrdinalIgnoreCase)))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        start.Environment["DOTNET_CLI_UI_LANGUAGE"] = "en";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";

        var output = new StringBuilder();
        var standardOutput = new StringBuilder();
        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            Append(output, e.Data);
            Append(standardOutput, e.Data);
        };
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        process.WaitForExit();
        lock (output)
        {
            lock (standardOutput)
            {
                return new Result(process.ExitCode, output.ToString(), standardOutput.ToString(), stopwatch.Elapsed);
            }
        }
    }

    /// <summary>The user's global NuGet packages folder (used read-only as a fallback folder by the temp projects).</summary>
    public static string UserGlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string? Find()
    {
        var name = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        foreach (var candidate in new[] { Environment.GetEnvironmentVariable("DOTNET_HOST_PATH"), System.IO.Path.Combine(Environment.GetEnvironmentVariable("DOTNET_ROOT") ?? "", name) })
        {
            if (!string.IsNullOrEmpty(candidate) && File.Exists(candidate))
            {
                return candidate;
            }
        }

        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = System.IO.Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
