using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// Resolves the execution provider once (lazily), builds session options for it, and creates ONNX Runtime sessions
/// lazily, sharing one per model file. Every later feature loads its models here.
/// </summary>
/// <remarks>
/// Thread-safe. Owns the shared models: disposing the factory disposes them, so dispose it only when no run is in
/// progress (the owning <see cref="MusicAIRuntime"/> is disposed with the application's service provider or client).
/// </remarks>
internal sealed class OnnxSessionFactory : IDisposable
{
    private static readonly StringComparer s_pathComparer =
        OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal;

    private readonly MusicAIOptions _options;
    private readonly ILogger _logger;
    private readonly Lazy<OrtEnvironmentInfo> _environment;
    private readonly Lazy<ProviderSelection> _selection;
    private readonly ConcurrentDictionary<string, Lazy<OnnxModel>> _models = new(s_pathComparer);
    private int _disposed;

    /// <summary>Creates a factory; nothing native is touched until the first model or <see cref="Selection"/>.</summary>
    /// <param name="options">Validated options; the factory keeps its own copy.</param>
    /// <param name="logger">Receives the provider choice, every fallback with its reason, and model loads.</param>
    public OnnxSessionFactory(MusicAIOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options.Clone();
        _logger = logger;
        _environment = new Lazy<OrtEnvironmentInfo>(OrtEnvironmentInfo.Read, LazyThreadSafetyMode.ExecutionAndPublication);
        _selection = new Lazy<ProviderSelection>(SelectProvider, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the options this factory was created with (a private copy; do not change it).</summary>
    public MusicAIOptions Options => _options;

    /// <summary>Gets what the loaded ONNX Runtime reports about itself.</summary>
    public OrtEnvironmentInfo Environment => _environment.Value;

    /// <summary>Gets the provider selection, resolving it (and logging it) on first use. Never throws.</summary>
    public ProviderSelection Selection => _selection.Value;

    /// <summary>Gets the number of models currently loaded and shared.</summary>
    public int LoadedModelCount => _models.Count;

    /// <summary>
    /// Returns the shared model for <paramref name="path"/>, creating its session on first use. Concurrent callers
    /// for one path get one session; a failed load is not cached, so a fixed file loads on the next call.
    /// </summary>
    /// <param name="path">The <c>.onnx</c> file. External weights (<c>.onnx.data</c>) are read from beside it.</param>
    /// <param name="modelId">The catalog id, for messages; defaults to the file name.</param>
    /// <param name="tuning">Adjustments of the shared session options for this model; applied when the session is
    /// created, so the first caller's tuning wins for a file already loaded.</param>
    /// <returns>The model, owned by this factory: do not dispose it.</returns>
    /// <exception cref="ModelNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelLoadException">ONNX Runtime refused the file.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">No requested execution provider can be used.</exception>
    public OnnxModel GetModel(string path, string? modelId = null, ModelSessionTuning? tuning = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var fullPath = System.IO.Path.GetFullPath(path);
        var lazy = _models.GetOrAdd(
            fullPath,
            static (key, state) => new Lazy<OnnxModel>(
                () => state.Factory.Load(key, state.ModelId, state.Tuning),
                LazyThreadSafetyMode.ExecutionAndPublication),
            (Factory: this, ModelId: modelId, Tuning: tuning));
        try
        {
            var model = lazy.Value;
            if (Volatile.Read(ref _disposed) != 0)
            {
                // Disposed while loading: do not hand out a session nobody will release.
                if (_models.TryRemove(new KeyValuePair<string, Lazy<OnnxModel>>(fullPath, lazy)))
                {
                    model.Dispose();
                }

                throw new ObjectDisposedException(nameof(OnnxSessionFactory));
            }

            return model;
        }
        catch (Exception ex) when (ex is not ObjectDisposedException)
        {
            _models.TryRemove(new KeyValuePair<string, Lazy<OnnxModel>>(fullPath, lazy));
            throw;
        }
    }

    /// <summary>Creates an unshared model from bytes in memory (for example an embedded resource).</summary>
    /// <param name="model">The ONNX model bytes (no external data).</param>
    /// <param name="modelId">A name for messages.</param>
    /// <returns>The model; the caller owns and disposes it.</returns>
    /// <exception cref="ModelLoadException">ONNX Runtime refused the bytes.</exception>
    /// <exception cref="ExecutionProviderUnavailableException">No requested execution provider can be used.</exception>
    public OnnxModel CreateModel(byte[] model, string modelId)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var provider = Selection.ThrowIfUnavailable();
        using var sessionOptions = CreateSessionOptions(provider, modelId, null);
        try
        {
            return new OnnxModel(new InferenceSession(model, sessionOptions), modelId, null, provider);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new ModelLoadException(
                $"ONNX Runtime could not load model '{modelId}' from memory on {provider}: {OneLine(ex.Message)} "
                + "Check that the bytes are a complete ONNX model.",
                modelId,
                null,
                ex);
        }
    }

    /// <summary>Disposes every shared model.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var key in _models.Keys)
        {
            if (_models.TryRemove(key, out var lazy) && lazy.IsValueCreated)
            {
                lazy.Value.Dispose();
            }
        }
    }

    private OnnxModel Load(string fullPath, string? modelId, ModelSessionTuning? tuning)
    {
        var id = modelId ?? System.IO.Path.GetFileNameWithoutExtension(fullPath);
        if (!File.Exists(fullPath))
        {
            throw new ModelNotFoundException(
                Directory.Exists(fullPath)
                    ? $"Model path '{fullPath}' is a folder: pass the path of the .onnx file inside it."
                    : $"Model file '{fullPath}' does not exist: check the path, or put the model there "
                      + "(for a catalog model, download it with 'musicai models pull <id>').",
                modelId,
                fullPath);
        }

        var provider = Selection.ThrowIfUnavailable();
        var stopwatch = Stopwatch.StartNew();
        using var sessionOptions = CreateSessionOptions(provider, id, fullPath, tuning);
        try
        {
            var model = new OnnxModel(new InferenceSession(fullPath, sessionOptions), id, fullPath, provider);
            RuntimeLog.ModelLoaded(_logger, id, fullPath, provider, stopwatch.Elapsed.TotalMilliseconds);
            return model;
        }
        catch (OnnxRuntimeException ex)
        {
            RuntimeLog.ModelLoadFailed(_logger, ex, id, fullPath);
            throw new ModelLoadException(
                $"ONNX Runtime could not load model '{fullPath}' on {provider}: {OneLine(ex.Message)} "
                + "Check that the file is a complete ONNX model (not truncated, not an HTML error page or another format), "
                + $"and that any external weight file it references (such as '{System.IO.Path.GetFileName(fullPath)}.data') is in the same folder.",
                modelId,
                fullPath,
                ex);
        }
    }

    private SessionOptions CreateSessionOptions(ExecutionProvider provider, string modelId, string? path, ModelSessionTuning? tuning = null)
    {
        try
        {
            var settings = SessionSettings.From(_options, provider);
            return (tuning?.ApplyTo(settings) ?? settings).CreateSessionOptions();
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            throw new ModelLoadException(
                $"Creating session options for {provider} failed while loading model '{modelId}': {OneLine(ex.Message)} "
                + $"{ExecutionProviderInfo.AppendFailureAdvice(provider, _options.DeviceId)}, or use ExecutionProviders = [Cpu].",
                modelId,
                path,
                ex);
        }
    }

    private ProviderSelection SelectProvider()
    {
        var requested = _options.ExecutionProviders.ToArray();
        var environment = Environment;
        if (environment.LoadError is { } loadError)
        {
            var failed = ExecutionProviderSelector.RuntimeNotLoaded(requested, loadError);
            RuntimeLog.NoProvider(_logger, failed.Error!);
            return failed;
        }

        var selection = ExecutionProviderSelector.Select(
            requested,
            environment.AvailableProviders,
            ExecutionProviderInfo.CurrentOperatingSystem,
            _options.RequireAccelerator,
            _options.DeviceId,
            TryAppend);
        foreach (var skip in selection.Skipped)
        {
            if (skip.Kind == ProviderSkipKind.AppendFailed)
            {
                RuntimeLog.ProviderFailed(_logger, skip.Provider, skip.Reason);
            }
            else if (skip.Kind is not (ProviderSkipKind.NotRequested or ProviderSkipKind.NotTried))
            {
                RuntimeLog.ProviderSkipped(_logger, skip.Provider, skip.Reason);
            }
        }

        if (selection.Selected is { } selected)
        {
            RuntimeLog.ProviderSelected(_logger, environment.Version, selected, _options.DeviceId, requested);
        }
        else
        {
            RuntimeLog.NoProvider(_logger, selection.Error!);
        }

        return selection;
    }

    private Exception? TryAppend(ExecutionProvider provider)
    {
        try
        {
            using var probe = new SessionOptions();
            SessionSettings.AppendProvider(probe, provider, _options.DeviceId);
            return null;
        }
        catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return ex;
        }
    }

    private static string OneLine(string message)
    {
        var line = message.ReplaceLineEndings(" ").Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
