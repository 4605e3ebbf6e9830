namespace MusicAI.Cli.Infrastructure;

/// <summary>Process exit codes of <c>musicai</c> (design.md §4).</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command line was wrong (unknown command, bad option value).</summary>
    public const int Usage = 1;

    /// <summary>The input was wrong: unreadable audio, a missing file, bad data.</summary>
    public const int InputError = 2;

    /// <summary>A model or the runtime failed: model missing or corrupt, download failed, provider unavailable, inference error.</summary>
    public const int ModelError = 3;

    /// <summary>Cancelled by Ctrl+C (128 + SIGINT).</summary>
    public const int Cancelled = 130;
}
