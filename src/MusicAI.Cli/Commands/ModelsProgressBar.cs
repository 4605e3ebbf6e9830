using MusicAI.Sdk.Diagnostics;
using Spectre.Console;

namespace MusicAI.Cli.Commands;

/// <summary>A byte progress bar per downloaded file (interactive terminals only).</summary>
internal static class ModelsProgressBar
{
    public static Task RunAsync(Func<IProgress<ProcessingProgress>, Task> work) =>
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new DownloadedColumn(),
                new TransferSpeedColumn(),
                new RemainingTimeColumn())
            .StartAsync(context => work(new Reporter(context)));

    private sealed class Reporter(ProgressContext context) : IProgress<ProcessingProgress>
    {
        private readonly Dictionary<string, ProgressTask> _tasks = new(StringComparer.Ordinal);

        public void Report(ProcessingProgress value)
        {
            lock (_tasks)
            {
                if (!_tasks.TryGetValue(value.Stage, out var task))
                {
                    task = context.AddTask(Markup.Escape(value.Stage), autoStart: true, maxValue: Math.Max(1, value.Total));
                    _tasks[value.Stage] = task;
                }

                task.IsIndeterminate = value.Total <= 0;
                if (value.Total > 0)
                {
                    task.MaxValue = value.Total;
                }

                task.Value = value.Completed;
            }
        }
    }
}
