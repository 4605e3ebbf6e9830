using MusicAI.Sdk.Diagnostics;
using Spectre.Console;

namespace MusicAI.Cli.Commands;

/// <summary>One progress bar for a separation, relabelled as it moves from decoding to separating (interactive only).</summary>
internal static class SeparateProgress
{
    public static Task<T> RunAsync<T>(Func<IProgress<ProcessingProgress>, Task<T>> work) =>
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("decode", autoStart: true, maxValue: 1);
                var result = await work(new Reporter(task));
                task.Value = task.MaxValue;
                return result;
            });

    private sealed class Reporter(ProgressTask task) : IProgress<ProcessingProgress>
    {
        private readonly Lock _gate = new();

        public void Report(ProcessingProgress value)
        {
            lock (_gate)
            {
                task.Description = value.Stage;
                task.IsIndeterminate = value.Fraction is null;
                task.Value = (value.Fraction ?? 0) * task.MaxValue;
            }
        }
    }
}
