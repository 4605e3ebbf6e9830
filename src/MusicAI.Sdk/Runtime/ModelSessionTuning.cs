namespace MusicAI.Sdk.Runtime;

/// <summary>
/// Per-model adjustments of the session options that <see cref="MusicAIOptions"/> gives every model, for models whose
/// needs differ (for example networks with gigabyte-sized activations). Null members keep the shared setting.
/// </summary>
/// <param name="EnableMemoryPattern">ONNX Runtime's memory pattern: off for large fixed-shape networks, where the
/// planned block is allocated on the second run next to the arena chunks of the first and peak memory doubles.</param>
/// <param name="DisablePrepacking">Skip ONNX Runtime's pre-packed copy of the weights (<c>session.disable_prepacking</c>).</param>
internal sealed record ModelSessionTuning(bool? EnableMemoryPattern = null, bool DisablePrepacking = false)
{
    /// <summary>The session configuration key that turns pre-packing off.</summary>
    public const string DisablePrepackingKey = "session.disable_prepacking";

    /// <summary>
    /// For separators (MDX-Net, HT-Demucs): no memory pattern and no pre-packed weight copy. On a Voc_FT-size MDX-Net
    /// this keeps the peak at one run's activations (1.35 GB instead of 2.5 GB from the second chunk on) at the same speed.
    /// </summary>
    public static ModelSessionTuning LargeActivations { get; } = new(EnableMemoryPattern: false, DisablePrepacking: true);

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
            ConfigEntries = entries,
        };
    }

    /// <summary>Gets a description for logs.</summary>
    public override string ToString() =>
        $"memory pattern {(EnableMemoryPattern is { } pattern ? (pattern ? "on" : "off") : "shared")}, pre-packing {(DisablePrepacking ? "off" : "shared")}";
}
