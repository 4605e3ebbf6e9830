namespace MusicAI.Sdk.Runtime;

/// <summary>
/// The inputs and outputs a kind of model must have for the SDK to run it (for example "MDX-Net separator":
/// input <c>'input' float32 [batch, 4, 3072, 256]</c>). Checked once after loading, so a wrong file fails with a
/// <see cref="Diagnostics.ModelContractException"/> that shows expected against actual, not with an error deep in a run.
/// </summary>
internal sealed class ModelContract
{
    /// <summary>Creates a contract.</summary>
    /// <param name="kind">What kind of model this is, for messages (for example <c>MDX-Net separator</c>).</param>
    /// <param name="inputs">Every input the SDK feeds; a model with any other input does not match.</param>
    /// <param name="outputs">The outputs the SDK reads; a model may have more.</param>
    public ModelContract(string kind, IReadOnlyList<TensorSignature> inputs, IReadOnlyList<TensorSignature> outputs)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        Kind = kind;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>Gets the kind of model, for messages.</summary>
    public string Kind { get; }

    /// <summary>Gets the expected inputs.</summary>
    public IReadOnlyList<TensorSignature> Inputs { get; }

    /// <summary>Gets the expected outputs.</summary>
    public IReadOnlyList<TensorSignature> Outputs { get; }

    /// <summary>
    /// Creates a contract from signature text, for example
    /// <c>ModelContract.Parse("MDX-Net separator", ["input float32 [batch, 4, 3072, 256]"], ["* float32 [batch, 4, 3072, 256]"])</c>.
    /// </summary>
    /// <exception cref="FormatException">A signature is not in the form <c>name type [d0, d1, ...]</c>.</exception>
    public static ModelContract Parse(string kind, IEnumerable<string> inputs, IEnumerable<string> outputs) =>
        new(kind, [.. inputs.Select(TensorSignature.Parse)], [.. outputs.Select(TensorSignature.Parse)]);

    /// <summary>Formats a list of signatures as <c>'a' float32 [1, 2], 'b' int64 [batch]</c>.</summary>
    public static string Describe(IReadOnlyList<TensorSignature> signatures) =>
        signatures.Count == 0 ? "(none)" : string.Join(", ", signatures);

    /// <summary>Formats as <c>inputs: ...; outputs: ...</c>.</summary>
    public override string ToString() => $"inputs: {Describe(Inputs)}; outputs: {Describe(Outputs)}";
}
