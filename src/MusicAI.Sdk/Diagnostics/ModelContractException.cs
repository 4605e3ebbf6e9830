namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// A model loaded, but its inputs or outputs do not match the contract the SDK expects for that kind of model
/// (for example an MDX-Net separator whose input is not <c>[batch, 4, dim_f, dim_t]</c>).
/// </summary>
/// <remarks>The message names the expected and the actual tensor names and shapes.</remarks>
public sealed class ModelContractException : ModelLoadException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What differs and what to do.</param>
    /// <param name="expected">The expected signature, as text.</param>
    /// <param name="actual">The model's actual signature, as text.</param>
    /// <param name="modelId">The catalog id, when known.</param>
    /// <param name="modelPath">The model file, when known.</param>
    public ModelContractException(string message, string expected, string actual, string? modelId = null, string? modelPath = null)
        : base(message, modelId, modelPath)
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>Gets the signature the SDK expected, for example <c>input: float32 [batch, 4, 3072, 256]</c>.</summary>
    public string Expected { get; }

    /// <summary>Gets the signature the model actually has.</summary>
    public string Actual { get; }
}
