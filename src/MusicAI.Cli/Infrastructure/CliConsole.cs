using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Cli.Infrastructure;

/// <summary>
/// Where a command writes: results to <see cref="Out"/>, diagnostics and errors to <see cref="Error"/>.
/// Also runs a command body and maps exceptions to exit codes, so every command fails the same way.
/// </summary>
internal sealed class CliConsole(TextWriter output, TextWriter error)
{
    public TextWriter Out { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>True when standard output is a terminal (progress bars and colours are shown only then).</summary>
    public bool IsInteractive => ReferenceEquals(Out, Console.Out) && !Console.IsOutputRedirected;

    /// <summary>
    /// Runs a command body: known errors become one line on stderr and an exit code; Ctrl+C becomes 130.
    /// </summary>
    public async Task<int> RunAsync(Func<CancellationToken, Task<int>> body, CancellationToken cancellationToken)
    {
        try
        {
            return await body(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Cancelled;
        }
        catch (Exception ex) when (MapExitCode(ex) is int code)
        {
            await Error.WriteLineAsync($"error: {ex.Message}");
            return code;
        }
    }

    /// <summary>Maps an exception to an exit code, or null for a bug (which then propagates with its stack trace).</summary>
    public static int? MapExitCode(Exception exception) => exception switch
    {
        AudioFormatException => ExitCodes.InputError,
        ModelLoadException or ModelDownloadException or ExecutionProviderUnavailableException or InferenceException => ExitCodes.ModelError,
        MusicAIException => ExitCodes.ModelError,
        FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException => ExitCodes.InputError,
        ArgumentException => ExitCodes.Usage,
        IOException => ExitCodes.InputError,
        _ => null,
    };
}
