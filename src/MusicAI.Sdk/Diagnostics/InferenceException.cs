namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// Running a model failed. Wraps the ONNX Runtime error as <see cref="Exception.InnerException"/> and adds which
/// model and which chunk of the input were being processed.
/// </summary>
public sealed class InferenceException : MusicAIException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to try.</param>
    /// <param name="modelId">The model's id or file name.</param>
    /// <param name="chunkIndex">The zero-based chunk being processed, or -1 when not chunked.</param>
    /// <param name="innerException">The runtime's error.</param>
    public InferenceException(string message, string modelId, int chunkIndex = -1, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelId = modelId;
        ChunkIndex = chunkIndex;
    }

    /// <summary>Gets the id or file name of the model that failed.</summary>
    public string ModelId { get; }

    /// <summary>Gets the zero-based chunk index being processed, or -1.</summary>
    public int ChunkIndex { get; }
}
