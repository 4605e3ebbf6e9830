namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// A model file could not be downloaded or failed verification (wrong size, SHA-256 mismatch, over the size cap,
/// HTTP error). Nothing is left in the cache under the final file name when this is thrown.
/// </summary>
public sealed class ModelDownloadException : MusicAIException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to do.</param>
    /// <param name="modelId">The model whose file failed.</param>
    /// <param name="url">The address that was fetched, when there is one.</param>
    /// <param name="innerException">The underlying error.</param>
    public ModelDownloadException(string message, string modelId, Uri? url = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ModelId = modelId;
        Url = url;
    }

    /// <summary>Gets the id of the model being downloaded.</summary>
    public string ModelId { get; }

    /// <summary>Gets the address that failed, or <see langword="null"/>.</summary>
    public Uri? Url { get; }
}
