using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// The ONNX Runtime side of MusicAI.Sdk: resolves the execution provider from
/// <see cref="MusicAIOptions.ExecutionProviders"/>, owns the model sessions every feature shares, describes itself
/// for diagnostics and runs a self-test.
/// </summary>
/// <remarks>
/// <para>
/// One instance per application (or per key with <c>AddKeyedMusicAI</c>): resolve it from the service provider after
/// <c>services.AddMusicAI(...)</c>, or use <see cref="MusicAIClient.Runtime"/>. The provider is chosen lazily, on the
/// first model load, <see cref="Describe"/> or <see cref="RunSelfTest"/>, and logged with the reason for every
/// provider not used.
/// </para>
/// <para>
/// Thread-safe. Owns native sessions: it is disposed with the service provider or client that created it; dispose
/// it only when no operation is running.
/// </para>
/// </remarks>
public sealed class MusicAIRuntime : IDisposable, IAsyncDisposable
{
    private readonly OnnxSessionFactory _sessions;
    private int _disposed;

    internal MusicAIRuntime(MusicAIOptions options, ILoggerFactory? loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MusicAI.Sdk.Runtime");
        _sessions = new OnnxSessionFactory(options, logger);
    }

    /// <summary>Gets the session factory every feature loads its models from.</summary>
    internal OnnxSessionFactory Sessions
    {
        get
        {
            ThrowIfDisposed();
            return _sessions;
        }
    }

    /// <summary>Gets the validated options snapshot this runtime was created with (do not change it).</summary>
    internal MusicAIOptions Options => _sessions.Options;

    /// <summary>Gets a value indicating whether the runtime was disposed.</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>
    /// Describes the runtime: versions, available/requested/selected providers with the reason each other provider
    /// is not used, thread settings and CPU facts. Loads ONNX Runtime and resolves the provider on first call.
    /// </summary>
    /// <returns>An immutable snapshot. Never throws for a missing runtime or provider: see <see cref="RuntimeDescription.SelectionError"/>.</returns>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public RuntimeDescription Describe()
    {
        ThrowIfDisposed();
        var selection = _sessions.Selection;
        var options = _sessions.Options;
        var skipped = new Dictionary<ExecutionProvider, string>();
        foreach (var skip in selection.Skipped)
        {
            skipped[skip.Provider] = skip.Reason;
        }

        return new RuntimeDescription
        {
            SdkVersion = SdkVersion,
            OnnxRuntimeVersion = _sessions.Environment.Version,
            AvailableProviders = selection.Available.ToArray().AsReadOnly(),
            RequestedProviders = selection.Requested.ToArray().AsReadOnly(),
            SelectedProvider = selection.Selected,
            SelectionError = selection.Error,
            DeviceId = options.DeviceId,
            RequireAccelerator = options.RequireAccelerator,
            SkippedProviders = skipped.AsReadOnly(),
            IntraOpThreads = options.IntraOpThreads,
            InterOpThreads = options.InterOpThreads,
            ProcessorCount = Environment.ProcessorCount,
            VectorFloatCount = CpuFacts.VectorFloatCount,
            InstructionSets = CpuFacts.InstructionSets().ToArray().AsReadOnly(),
            OperatingSystem = RuntimeInformation.OSDescription,
            ProcessArchitecture = RuntimeInformation.ProcessArchitecture,
            DotNetVersion = RuntimeInformation.FrameworkDescription,
        };
    }

    /// <summary>
    /// Loads a tiny model embedded in the SDK (<c>y = x · W + b</c>), runs it once on the selected execution provider
    /// and compares the output with values computed in C#. Proves that the runtime package, the native library and
    /// the provider work together.
    /// </summary>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The provider used, the time taken and whether the numbers matched.</returns>
    /// <exception cref="ExecutionProviderUnavailableException">
    /// No requested provider can be used (for example <see cref="MusicAIOptions.RequireAccelerator"/> without a GPU
    /// package), or the ONNX Runtime native library is missing; the message names the package to install.
    /// </exception>
    /// <exception cref="ModelLoadException">The runtime refused the embedded model.</exception>
    /// <exception cref="InferenceException">The run failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ObjectDisposedException">The runtime was disposed.</exception>
    public SelfTestResult RunSelfTest(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        var bytes = SelfTestModel.Load();
        var stopwatch = Stopwatch.StartNew();
        using var model = _sessions.CreateModel(bytes, "musicai-selftest");
        model.EnsureContract(SelfTestModel.Contract);
        using var inputs = new ModelInputs();
        SelfTestModel.FillInput(inputs.AddPooled<float>("x", [SelfTestModel.Batch, SelfTestModel.Rows]));
        using var outputs = model.Run(inputs, cancellationToken: cancellationToken);
        var error = SelfTestModel.MaxAbsoluteError(outputs.GetSpan<float>("y"));
        stopwatch.Stop();
        return new SelfTestResult(model.Provider, stopwatch.Elapsed, error <= SelfTestModel.Tolerance, error);
    }

    /// <summary>Releases every model session. Call only when no operation is running.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _sessions.Dispose();
        }
    }

    /// <summary>Releases every model session. Call only when no operation is running.</summary>
    /// <returns>A completed task: releasing sessions is synchronous.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static string SdkVersion
    {
        get
        {
            var version = typeof(MusicAIRuntime).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? typeof(MusicAIRuntime).Assembly.GetName().Version?.ToString()
                ?? "unknown";
            var plus = version.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? version : version[..plus];
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(IsDisposed, this);
}
