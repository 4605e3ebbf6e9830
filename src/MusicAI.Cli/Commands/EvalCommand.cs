using System.CommandLine;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary><c>musicai eval …</c>: quality metrics of MusicAI outputs against references.</summary>
internal static class EvalCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("eval", "Score outputs against references (separation SDR; caption tempo and key accuracy).");
        command.Subcommands.Add(EvalSdrCommand.Create(console));
        command.Subcommands.Add(CaptionEvalCommand.Create(console));
        return command;
    }
}
