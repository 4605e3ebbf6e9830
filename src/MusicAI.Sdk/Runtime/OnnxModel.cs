using Microsoft.ML.OnnxRuntime;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// A loaded ONNX model: its input/output signatures, a contract check, and a run path that takes
/// <see cref="ModelInputs"/> over pooled memory and honours cancellation through <see cref="RunOptions.Terminate"/>.
/// </summary>
/// <remarks>
/// Thread-safe: several threads may call <see cref="Run(ModelInputs, int, CancellationToken)"/> at once (ONNX Runtime
/// sessions allow concurrent runs). Models from <see cref="OnnxSessionFactory.GetModel"/> are shared and owned by the
/// factory: do not dispose them. Models from <see cref="OnnxSessionFactory.CreateModel"/> belong to the caller.
/// </remarks>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private int _disposed;

    internal OnnxModel(InferenceSession session, string id, string? path, ExecutionProvider provider)
    {
        _session = session;
        Id = id;
        Path = path;
        Provider = provider;
        Inputs = ReadSignatures(session.InputNames, session.InputMetadata);
        Outputs = ReadSignatures(session.OutputNames, session.OutputMetadata);
    }

    /// <summary>Gets the model's catalog id, or its file name for a model given by path.</summary>
    public string Id { get; }

    /// <summary>Gets the model file, or <see langword="null"/> for a model loaded from memory.</summary>
    public string? Path { get; }

    /// <summary>Gets the execution provider the session was created for.</summary>
    public ExecutionProvider Provider { get; }

    /// <summary>Gets the model's inputs, in graph order.</summary>
    public IReadOnlyList<TensorSignature> Inputs { get; }

    /// <summary>Gets the model's outputs, in graph order.</summary>
    public IReadOnlyList<TensorSignature> Outputs { get; }

    /// <summary>Gets the output names, in graph order.</summary>
    public IReadOnlyList<string> OutputNames => _session.OutputNames;

    /// <summary>Throws when the model does not have the inputs and outputs <paramref name="contract"/> expects.</summary>
    /// <exception cref="ModelContractException">The model does not match; the message shows expected against actual.</exception>
    public void EnsureContract(ModelContract contract)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ModelContractChecker.ThrowIfMismatch(contract, Inputs, Outputs, Id, Path);
    }

    /// <summary>Runs the model and returns every output.</summary>
    /// <inheritdoc cref="Run(ModelInputs, IReadOnlyList{string}, int, CancellationToken)"/>
    public ModelOutputs Run(ModelInputs inputs, int chunkIndex = -1, CancellationToken cancellationToken = default) =>
        Run(inputs, _session.OutputNames, chunkIndex, cancellationToken);

    /// <summary>Runs the model and returns the outputs named in <paramref name="outputNames"/>.</summary>
    /// <param name="inputs">Every input the model needs.</param>
    /// <param name="outputNames">The outputs to compute, in the order they are returned.</param>
    /// <param name="chunkIndex">The chunk being processed, for error messages; -1 when not chunked.</param>
    /// <param name="cancellationToken">
    /// Cancels the run: the token sets <see cref="RunOptions.Terminate"/>, so a long run stops between operators.
    /// </param>
    /// <returns>The outputs; dispose them.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before or during the run.</exception>
    /// <exception cref="InferenceException">ONNX Runtime failed; wraps its error with the model and chunk.</exception>
    public ModelOutputs Run(
        ModelInputs inputs,
        IReadOnlyList<string> outputNames,
        int chunkIndex = -1,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputNames);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        cancellationToken.ThrowIfCancellationRequested();

        // A run ended by Terminate is reported to the caller as OperationCanceledException; the runtime's own
        // "Exiting due to terminate flag" error line on stderr would only be noise.
        using var runOptions = new RunOptions { LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };

        // Disposed before runOptions (reverse declaration order), and Dispose waits for a callback in flight,
        // so the callback never touches a released RunOptions.
        using var registration = cancellationToken.Register(
            static state => ((RunOptions)state!).Terminate = true,
            runOptions);
        try
        {
            var values = _session.Run(runOptions, inputs.Names, inputs.Values, outputNames);
            return new ModelOutputs(outputNames, values);
        }
        catch (OnnxRuntimeException ex) when (cancellationToken.IsCancellationRequested)
        {
            // Decided from the token, not from the runtime's message text.
            throw new OperationCanceledException($"Running model '{Id}' was cancelled.", ex, cancellationToken);
        }
        catch (OnnxRuntimeException ex)
        {
            var chunk = chunkIndex >= 0 ? $" on chunk {chunkIndex}" : "";
            throw new InferenceException(
                $"Running model '{Id}'{chunk} failed: {ex.Message.ReplaceLineEndings(" ").Trim()} "
                + $"Check that the inputs match what the model expects ({ModelContract.Describe(Inputs)}); "
                + "if they do, the model or the execution provider is at fault: try ExecutionProviders = [Cpu].",
                Id,
                chunkIndex,
                ex);
        }
    }

    /// <summary>Releases the session. Only the owner calls this, when no run is in progress.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _session.Dispose();
        }
    }

    private static TensorSignature[] ReadSignatures(IReadOnlyList<string> names, IReadOnlyDictionary<string, NodeMetadata> metadata)
    {
        var signatures = new TensorSignature[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            signatures[i] = TensorSignature.FromMetadata(names[i], metadata[names[i]]);
        }

        return signatures;
    }
}
