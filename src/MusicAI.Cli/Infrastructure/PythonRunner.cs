using System.Diagnostics;

namespace MusicAI.Cli.Infrastructure;

/// <summary>
/// Finds and runs the python interpreter that the benchmark commands use for reference implementations and for
/// generating benchmark models: <c>$MUSICAI_PYTHON</c>, else <c>python3</c> on PATH when it can import numpy, else
/// <c>/usr/bin/python3</c>.
/// </summary>
internal static class PythonRunner
{
    /// <summary>Environment variable naming the python interpreter to use.</summary>
    public const string Variable = "MUSICAI_PYTHON";

    /// <summary>Returns the python to use, or null and the reason when there is none.</summary>
    public static async Task<(string? Python, string? Reason)> FindAsync(CancellationToken cancellationToken)
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return (configured, null);
        }

        try
        {
            var (code, _, _) = await RunAsync("python3", ["-c", "import numpy"], cancellationToken).ConfigureAwait(false);
            if (code == 0)
            {
                return ("python3", null);
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // python3 is not on PATH.
        }

        return File.Exists("/usr/bin/python3")
            ? ("/usr/bin/python3", null)
            : (null, $"no python3 with numpy found (install python3 + numpy/scipy/torch, or set {Variable})");
    }

    /// <summary>
    /// Runs a process to completion with its numeric libraries limited to one thread each (so measurements compare
    /// one thread with one thread), and returns its exit code and output. Cancelling kills the process tree.
    /// </summary>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var variable in new[] { "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS" })
        {
            info.Environment[variable] = "1";
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }
}
