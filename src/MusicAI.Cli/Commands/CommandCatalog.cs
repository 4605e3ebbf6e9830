using System.CommandLine;
using MusicAI.Cli.Infrastructure;

namespace MusicAI.Cli.Commands;

/// <summary>The list of top-level commands. Each feature adds its command here (one line each).</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> Create(CliConsole console) =>
    [
        DemoCommand.Create(console),
        DoctorCommand.Create(console),
        ModelsCommand.Create(console),
        BenchCommand.Create(console),
        CaptionCommand.Create(console),
        SeparateCommand.Create(console),
        EvalCommand.Create(console),
        GenerateCommand.Create(console),
        TranscribeCommand.Create(console),
    ];
}
