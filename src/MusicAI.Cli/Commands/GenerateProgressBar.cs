using MusicAI.Sdk.Diagnostics;
using Spectre.Console;

namespace MusicAI.Cli.Commands;

/// <summary>A render progress bar for <c>musicai generate</c> (interactive terminals only).</summary>
internal static class GenerateProgressBar
{
    public static Task RunAsync(Func<IProgress<ProcessingProgress>, Task> work) =>
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(context => work(new Reporter(context)));

    private sealed class Reporter(ProgressContext context) : IProgress<ProcessingProgress>
    {
        private ProgressTask? _task;

        public void Report(ProcessingProgress value)
        {
            lock (context)
            {
                _task ??= context.AddTask(value.Stage, autoStart: true, maxValue: Math.Max(1, value.Total));
                _task.MaxValue = Math.Max(1, value.Total);
                _task.Value = value.Completed;
            }
        }
    }
}
