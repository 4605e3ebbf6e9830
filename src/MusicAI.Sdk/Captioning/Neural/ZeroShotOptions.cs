namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>How <see cref="MusicTextEmbedder.TagAsync"/> turns labels into prompts and similarities into scores.</summary>
/// <remarks>Immutable once built (init-only properties); share one instance freely.</remarks>
public sealed class ZeroShotOptions
{
    /// <summary>The placeholder <see cref="Template"/> must contain.</summary>
    public const string LabelPlaceholder = "{label}";

    /// <summary>Gets the default options.</summary>
    public static ZeroShotOptions Default { get; } = new();

    /// <summary>Gets the prompt each label is put into; <see cref="LabelPlaceholder"/> is replaced by the label.</summary>
    /// <remarks>Default <c>"This is a sound of {label}."</c>, the hypothesis template of the Hugging Face and
    /// transformers.js zero-shot audio classification pipelines.</remarks>
    public string Template { get; init; } = "This is a sound of " + LabelPlaceholder + ".";

    /// <summary>Gets the factor applied to the cosine similarities before the softmax (CLAP's <c>exp(logit_scale)</c>).</summary>
    /// <remarks>
    /// Default 100, the ceiling CLIP-style training clamps <c>exp(logit_scale)</c> to. The trained value of a CLAP
    /// checkpoint lives in its combined model, not in the split audio and text towers the SDK runs, so it cannot be
    /// read here; set it if you know it. It changes how peaked the scores are, never their order.
    /// </remarks>
    public double LogitScale { get; init; } = 100;

    /// <summary>Builds the prompt for one label.</summary>
    internal string Prompt(string label) => Template.Replace(LabelPlaceholder, label, StringComparison.Ordinal);

    /// <summary>Throws when the options cannot be used.</summary>
    /// <exception cref="ArgumentException">The template lacks the placeholder.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The logit scale is not a positive finite number.</exception>
    internal void ThrowIfInvalid()
    {
        if (Template is null || !Template.Contains(LabelPlaceholder, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The template must contain {LabelPlaceholder}; got '{Template}'.", nameof(Template));
        }

        if (!(double.IsFinite(LogitScale) && LogitScale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(LogitScale), LogitScale, "The logit scale must be a positive number.");
        }
    }
}
