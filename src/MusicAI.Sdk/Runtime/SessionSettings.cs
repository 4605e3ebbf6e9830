using Microsoft.ML.OnnxRuntime;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// Everything that goes into an ONNX Runtime <see cref="SessionOptions"/> for one provider, as plain data (so it can
/// be checked without creating a session), and the code that turns it into session options.
/// </summary>
/// <param name="Provider">The provider appended (nothing is appended for the CPU, which is built in).</param>
/// <param name="DeviceId">The GPU index for CUDA and DirectML.</param>
/// <param name="IntraOpThreads">Threads inside one operator; 0 leaves the runtime's default.</param>
/// <param name="InterOpThreads">Threads across operators; 0 leaves the runtime's default.</param>
/// <param name="ExecutionMode">Sequential, or parallel when inter-op threads are set (the only mode that uses them).</param>
/// <param name="OptimizationLevel">The graph optimisation level.</param>
/// <param name="EnableMemoryPattern">Off for DirectML, which does not support it.</param>
/// <param name="ConfigEntries">Session configuration entries, such as <c>session.disable_cpu_ep_fallback</c>.</param>
internal sealed record SessionSettings(
    ExecutionProvider Provider,
    int DeviceId,
    int IntraOpThreads,
    int InterOpThreads,
    ExecutionMode ExecutionMode,
    GraphOptimizationLevel OptimizationLevel,
    bool EnableMemoryPattern,
    IReadOnlyDictionary<string, string> ConfigEntries)
{
    /// <summary>The session configuration key that stops nodes an accelerator cannot run from falling back to the CPU.</summary>
    public const string DisableCpuFallbackKey = "session.disable_cpu_ep_fallback";

    /// <summary>The settings for sessions on <paramref name="provider"/> under <paramref name="options"/>.</summary>
    public static SessionSettings From(MusicAIOptions options, ExecutionProvider provider)
    {
        var entries = new Dictionary<string, string>(StringComparer.Ordinal);
        if (options.RequireAccelerator && provider != ExecutionProvider.Cpu)
        {
            entries[DisableCpuFallbackKey] = "1";
        }

        var directMl = provider == ExecutionProvider.DirectML;
        return new SessionSettings(
            provider,
            options.DeviceId,
            options.IntraOpThreads,
            options.InterOpThreads,
            options.InterOpThreads > 0 && !directMl ? ExecutionMode.ORT_PARALLEL : ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel.ORT_ENABLE_ALL,
            EnableMemoryPattern: !directMl,
            entries);
    }

    /// <summary>Appends <paramref name="provider"/> to <paramref name="sessionOptions"/> (nothing for the CPU).</summary>
    /// <exception cref="OnnxRuntimeException">The runtime cannot create the provider.</exception>
    /// <exception cref="EntryPointNotFoundException">The native library was built without the provider.</exception>
    public static void AppendProvider(SessionOptions sessionOptions, ExecutionProvider provider, int deviceId)
    {
        switch (provider)
        {
            case ExecutionProvider.Cuda:
                sessionOptions.AppendExecutionProvider_CUDA(deviceId);
                break;
            case ExecutionProvider.DirectML:
                sessionOptions.AppendExecutionProvider_DML(deviceId);
                break;
            default:
                break;
        }
    }

    /// <summary>Creates session options from these settings; the caller disposes them.</summary>
    /// <exception cref="OnnxRuntimeException">The runtime cannot create the provider.</exception>
    public SessionOptions CreateSessionOptions()
    {
        var sessionOptions = new SessionOptions();
        try
        {
            sessionOptions.GraphOptimizationLevel = OptimizationLevel;
            sessionOptions.ExecutionMode = ExecutionMode;
            sessionOptions.EnableMemoryPattern = EnableMemoryPattern;

            // Errors reach callers as exceptions; the runtime's own console log stays quiet below that.
            sessionOptions.LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
            if (IntraOpThreads > 0)
            {
                sessionOptions.IntraOpNumThreads = IntraOpThreads;
            }

            if (InterOpThreads > 0)
            {
                sessionOptions.InterOpNumThreads = InterOpThreads;
            }

            foreach (var (key, value) in ConfigEntries)
            {
                sessionOptions.AddSessionConfigEntry(key, value);
            }

            AppendProvider(sessionOptions, Provider, DeviceId);
            return sessionOptions;
        }
        catch
        {
            sessionOptions.Dispose();
            throw;
        }
    }
}
