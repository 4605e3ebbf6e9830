namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// A model id is not in the catalog, or its files are not in the model cache and cannot be downloaded
/// (offline mode, or no download address).
/// </summary>
public sealed class ModelNotFoundException : ModelLoadException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to get it (for example <c>musicai models pull ID</c>).</param>
    /// <param name="modelId">The id that was asked for.</param>
    /// <param name="modelPath">The path that was looked at, when there is one.</param>
    public ModelNotFoundException(string message, string? modelId = null, string? modelPath = null)
        : base(message, modelId, modelPath)
    {
    }
}
