using System.CommandLine;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary><c>musicai bench …</c>: speed ratios against reference implementations measured in the same run.</summary>
internal static class BenchCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("bench", "Measure MusicAI against reference implementations in the same run (ratios, errors).");
        command.Subcommands.Add(BenchDspCommand.Create(console));
        command.Subcommands.Add(BenchCaptionCommand.Create(console));
        command.Subcommands.Add(BenchSeparateCommand.Create(console));
        command.Subcommands.Add(BenchGenerateCommand.Create(console));
        return command;
    }
}
