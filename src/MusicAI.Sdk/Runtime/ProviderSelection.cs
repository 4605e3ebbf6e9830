using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// The outcome of resolving the requested provider order against the loaded ONNX Runtime: the selected provider (or
/// why none could be), and a reason for every provider not used. Immutable.
/// </summary>
internal sealed class ProviderSelection
{
    internal ProviderSelection(
        IReadOnlyList<ExecutionProvider> requested,
        IReadOnlyList<string> available,
        ExecutionProvider? selected,
        IReadOnlyList<SkippedProvider> skipped,
        string? error,
        Exception? failure)
    {
        Requested = requested;
        Available = available;
        Selected = selected;
        Skipped = skipped;
        Error = error;
        Failure = failure;
    }

    /// <summary>Gets the requested providers, in preference order.</summary>
    public IReadOnlyList<ExecutionProvider> Requested { get; }

    /// <summary>Gets the provider names the loaded ONNX Runtime reported (empty when it could not be loaded).</summary>
    public IReadOnlyList<string> Available { get; }

    /// <summary>Gets the provider sessions run on, or <see langword="null"/> when none can be used.</summary>
    public ExecutionProvider? Selected { get; }

    /// <summary>Gets one entry per provider not used (requested or not), in the order they were considered.</summary>
    public IReadOnlyList<SkippedProvider> Skipped { get; }

    /// <summary>Gets why no provider can be used (what to do included), or <see langword="null"/> when one is selected.</summary>
    public string? Error { get; }

    /// <summary>Gets the first runtime error seen (a failed append, or the native library failing to load).</summary>
    public Exception? Failure { get; }

    /// <summary>Returns the selected provider, or throws when none can be used.</summary>
    /// <exception cref="ExecutionProviderUnavailableException">No requested provider can be used.</exception>
    public ExecutionProvider ThrowIfUnavailable()
    {
        if (Selected is { } selected)
        {
            return selected;
        }

        throw new ExecutionProviderUnavailableException(Error ?? "No execution provider can be used.", Requested, Available, Failure);
    }
}
