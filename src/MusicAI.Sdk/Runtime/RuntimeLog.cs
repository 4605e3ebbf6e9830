using Microsoft.Extensions.Logging;

namespace MusicAI.Sdk.Runtime;

/// <summary>The runtime's log messages (source-generated, no allocation when the level is off).</summary>
internal static partial class RuntimeLog
{
    [LoggerMessage(EventId = 1000, Level = LogLevel.Information,
        Message = "ONNX Runtime {OrtVersion}: running models on {Provider} (device {DeviceId}); requested {Requested}")]
    public static partial void ProviderSelected(ILogger logger, string? ortVersion, ExecutionProvider provider, int deviceId, IReadOnlyList<ExecutionProvider> requested);

    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Execution provider {Provider} not used: {Reason}")]
    public static partial void ProviderFailed(ILogger logger, ExecutionProvider provider, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Execution provider {Provider} not used: {Reason}")]
    public static partial void ProviderSkipped(ILogger logger, ExecutionProvider provider, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Error, Message = "No execution provider can be used: {Error}")]
    public static partial void NoProvider(ILogger logger, string error);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Debug,
        Message = "Loaded model {ModelId} from {Path} on {Provider} in {ElapsedMilliseconds:F1} ms")]
    public static partial void ModelLoaded(ILogger logger, string modelId, string path, ExecutionProvider provider, double elapsedMilliseconds);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Loading model {ModelId} from {Path} failed")]
    public static partial void ModelLoadFailed(ILogger logger, Exception exception, string modelId, string path);
}
