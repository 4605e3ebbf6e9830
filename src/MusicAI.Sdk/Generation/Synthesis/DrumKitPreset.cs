namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>A drum kit: a <see cref="DrumSound"/> per General MIDI drum pitch (unmapped pitches are silent).</summary>
internal sealed record DrumKitPreset : InstrumentDefinition
{
    /// <summary>Gets the sounds indexed by MIDI pitch (length 128, null = unmapped).</summary>
    public required IReadOnlyList<DrumSound?> Sounds { get; init; }
}
