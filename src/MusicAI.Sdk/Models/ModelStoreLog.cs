using Microsoft.Extensions.Logging;

namespace MusicAI.Sdk.Models;

/// <summary>The model store's log messages (source-generated, no allocation when the level is off).</summary>
internal static partial class ModelStoreLog
{
    [LoggerMessage(1, LogLevel.Information, "Downloading {ModelId}/{FileName} from {Url} to {Path}")]
    public static partial void Downloading(ILogger logger, string modelId, string fileName, Uri url, string path);

    [LoggerMessage(2, LogLevel.Information, "Downloaded and verified {ModelId}/{FileName} (SHA-256 {Sha256})")]
    public static partial void Downloaded(ILogger logger, string modelId, string fileName, string sha256);

    [LoggerMessage(3, LogLevel.Warning, "{ModelId}/{FileName} has no published SHA-256: recorded {Sha256} from this download (trust on first use); later downloads and 'verify' are checked against it, but this copy itself is unverified")]
    public static partial void TrustOnFirstUse(ILogger logger, string modelId, string fileName, string sha256);

    [LoggerMessage(4, LogLevel.Warning, "Retrying {ModelId}/{FileName} (attempt {Attempt} of {MaxAttempts} failed: {Reason})")]
    public static partial void Retrying(ILogger logger, string modelId, string fileName, int attempt, int maxAttempts, string reason);

    [LoggerMessage(5, LogLevel.Warning, "The server could not resume {ModelId}/{FileName} at byte {Offset} ({Reason}); downloading it from the start")]
    public static partial void RangeIgnored(ILogger logger, string modelId, string fileName, long offset, string reason);

    [LoggerMessage(6, LogLevel.Warning, "{ModelId}/{FileName} failed verification after resuming; deleting the partial file and downloading it from the start")]
    public static partial void RestartAfterBadHash(ILogger logger, string modelId, string fileName);

    [LoggerMessage(7, LogLevel.Information, "Waiting for another download of {ModelId} to finish (lock {LockPath})")]
    public static partial void WaitingForLock(ILogger logger, string modelId, string lockPath);

    [LoggerMessage(8, LogLevel.Warning, "Cached file {Path} is damaged ({Problem}); replacing it")]
    public static partial void ReplacingDamagedFile(ILogger logger, string path, string problem);

    [LoggerMessage(9, LogLevel.Warning, "Cached file {Path} has no published or recorded SHA-256: recorded {Sha256} now (trust on first use)")]
    public static partial void RecordedExistingFile(ILogger logger, string path, string sha256);

    [LoggerMessage(10, LogLevel.Warning, "Ignoring the cached manifest {Path}: {Problem}")]
    public static partial void IgnoringCachedManifest(ILogger logger, string path, string problem);
}
