using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// No accelerator from the requested list could be used and <see cref="MusicAIOptions.RequireAccelerator"/> forbids
/// falling back to the CPU.
/// </summary>
/// <remarks>The message names the runtime package to install (for example <c>MusicAI.Sdk.Runtime.Cuda</c>).</remarks>
public sealed class ExecutionProviderUnavailableException : MusicAIException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">Why no accelerator could be used and which package to install.</param>
    /// <param name="requested">The providers that were asked for, in order.</param>
    /// <param name="available">The providers the loaded ONNX Runtime offers.</param>
    /// <param name="innerException">The runtime's own error, when appending a provider failed.</param>
    public ExecutionProviderUnavailableException(
        string message,
        IReadOnlyList<ExecutionProvider> requested,
        IReadOnlyList<string> available,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Requested = requested;
        Available = available;
    }

    /// <summary>Gets the providers that were asked for, in preference order.</summary>
    public IReadOnlyList<ExecutionProvider> Requested { get; }

    /// <summary>Gets the provider names the loaded ONNX Runtime reported (for example <c>CPUExecutionProvider</c>).</summary>
    public IReadOnlyList<string> Available { get; }
}
