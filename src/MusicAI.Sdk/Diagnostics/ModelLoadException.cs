namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// A model could not be loaded: the file is missing, is not an ONNX model, or the runtime refused it.
/// </summary>
public class ModelLoadException : MusicAIException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong and how to fix it.</param>
    /// <param name="modelId">The catalog id of the model, when known.</param>
    /// <param name="modelPath">The file that was being loaded, when known.</param>
    /// <param name="innerException">The underlying error.</param>
    public ModelLoadException(string message, string? modelId = null, string? modelPath = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelId = modelId;
        ModelPath = modelPath;
    }

    /// <summary>Gets the catalog id of the model, or <see langword="null"/> for a model given by path.</summary>
    public string? ModelId { get; }

    /// <summary>Gets the path of the model file, or <see langword="null"/> when no file was involved.</summary>
    public string? ModelPath { get; }
}
