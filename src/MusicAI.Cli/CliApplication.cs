using System.CommandLine;
using MusicAI.Cli.Commands;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli;

/// <summary>Builds the <c>musicai</c> command tree and runs it.</summary>
internal static class CliApplication
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams.</summary>
    /// <returns>The process exit code (see <see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        var console = new CliConsole(stdout, stderr);
        var root = BuildRootCommand(console);
        var parseResult = root.Parse(args);
        // ProcessTerminationTimeout must be set explicitly: System.CommandLine 2.0.0 leaves it null (despite its docs), and
        // then Ctrl+C kills the process at once, before commands can delete their temporary files. With it, Ctrl+C/SIGTERM
        // cancel the action's token and the process waits this long for the command to clean up and return 130.
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = TimeSpan.FromSeconds(15) };
        return await parseResult.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Creates the root command with every sub-command.</summary>
    public static RootCommand BuildRootCommand(CliConsole console)
    {
        var root = new RootCommand("musicai: music AI on your machine — separate, caption, generate; models and diagnostics.");
        foreach (var command in CommandCatalog.Create(console))
        {
            root.Subcommands.Add(command);
        }

        return root;
    }
}
