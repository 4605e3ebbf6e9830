using Microsoft.Extensions.Logging;
using MusicAI.Sdk.Models;

namespace MusicAI.Cli.Commands;

/// <summary>Shows the model store's warnings (retries, unverified hashes, damaged files) on standard error.</summary>
internal sealed class ModelsCliLogger(TextWriter error) : ILogger<ModelStore>
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            lock (error)
            {
                error.WriteLine($"warning: {formatter(state, exception)}");
            }
        }
    }
}
