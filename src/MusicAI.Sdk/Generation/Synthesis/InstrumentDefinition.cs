namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>What the catalog knows about an instrument: identity, documentation and strip-level settings.</summary>
internal abstract record InstrumentDefinition
{
    /// <summary>Gets the catalog name (kebab-case).</summary>
    public required string Name { get; init; }

    /// <summary>Gets a one-line description of the sound.</summary>
    public required string Description { get; init; }

    /// <summary>Gets the composer styles the sound suits.</summary>
    public required IReadOnlyList<string> Styles { get; init; }

    /// <summary>Gets the role.</summary>
    public required InstrumentRole Role { get; init; }

    /// <summary>Gets the output calibration gain (presets are levelled to similar loudness).</summary>
    public float Gain { get; init; } = 1f;

    /// <summary>Gets the strip insert effects, or null.</summary>
    public InsertSpec? Insert { get; init; }
}
