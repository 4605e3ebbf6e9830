using System.CommandLine;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary>The list of top-level commands. Each feature adds its command here.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliConsole console)
    {
        return
        [
            BenchCommand.Create(console),
        ];
    }
}
