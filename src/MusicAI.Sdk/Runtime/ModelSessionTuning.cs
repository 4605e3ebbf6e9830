using Microsoft.ML.OnnxRuntime;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// Per-model adjustments of the session options that <see cref="MusicAIOptions"/> gives every model, for models whose
/// needs differ (for example networks with gigabyte-sized activations). Null members keep the shared setting.
/// </summary>
/// <param name="EnableMemoryPattern">ONNX Runtime's memory pattern: off for large fixed-shape networks, where the
/// planned block is allocated on the second run next to the arena chunks of the first and peak memory doubles.</param>
/// <param name="DisablePrepacking">Skip ONNX Runtime's pre-packed copy of the weights (<c>session.disable_prepacking</c>).</param>
/// <param name="OptimizationLevel">Graph optimisations; <see cref="GraphOptimizationLevel.ORT_ENABLE_EXTENDED"/> leaves out
/// the CPU layout transformation (NCHWc), whose reordered copies of large activations cost memory.</param>
internal sealed record ModelSessionTuning(bool? EnableMemoryPattern = null, bool DisablePrepacking = false, GraphOptimizationLevel? OptimizationLevel = null)
{
    /// <summary>The session configuration key that turns pre-packing off.</summary>
    public const string DisablePrepackingKey = "session.disable_prepacking";

    /// <summary>
    /// For separators (MDX-Net, HT-Demucs): no memory pattern, no pre-packed weight copy, no NCHWc layout. Measured on
    /// a Voc_FT-size MDX-Net (docs/separation-neural.md): the memory pattern doubles the peak from the second chunk on
    /// (2.5 GB instead of 1.35 GB), and the layout transformation adds about 185 MB of activations for about 20 % less
    /// CPU time; without both, a separation peaks near 1.2 GB of ONNX Runtime memory, inside the SDK's 1.5 GB budget.
    /// </summary>
    public static ModelSessionTuning LargeActivations { get; } = new(EnableMemoryPattern: false, DisablePrepacking: true, GraphOptimizationLevel.ORT_ENABLE_EXTENDED);

    /// <summary>Applies the tuning to the shared settings.</summary>
    public SessionSettings ApplyTo(SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var entries = settings.ConfigEntries;
        if (DisablePrepacking)
        {
            entries = new Dictionary<string, string>(settings.ConfigEntries, StringComparer.Ordinal) { [DisablePrepackingKey] = "1" };
        }

        return settings with
        {
            EnableMemoryPattern = EnableMemoryPattern ?? settings.EnableMemoryPattern,
            OptimizationLevel = OptimizationLevel ?? settings.OptimizationLevel,
            ConfigEntries = entries,
        };
    }

    /// <summary>Gets a description for logs.</summary>
    public override string ToString() =>
        $"memory pattern {(EnableMemoryPattern is { } pattern ? (pattern ? "on" : "off") : "shared")}, pre-packing {(DisablePrepacking ? "off" : "shared")}, "
        + $"optimisation {(OptimizationLevel is { } level ? level.ToString() : "shared")}";
}
