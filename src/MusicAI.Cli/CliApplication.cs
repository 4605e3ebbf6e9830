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
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };
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
