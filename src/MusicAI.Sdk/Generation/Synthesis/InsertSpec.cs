namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Character effects applied to a whole strip before its gain, pan and sends: saturation, bit-depth and
/// sample-rate reduction, and a one-pole tone low-pass, in that order.
/// </summary>
internal sealed record InsertSpec
{
    /// <summary>Gets the soft-clip input gain (0 = off).</summary>
    public float Drive { get; init; }

    /// <summary>Gets the bit depth (0 = off).</summary>
    public int Bits { get; init; }

    /// <summary>Gets the sample-and-hold factor (1 = off).</summary>
    public int Downsample { get; init; } = 1;

    /// <summary>Gets the tone low-pass cutoff in Hz (0 = off).</summary>
    public float ToneHz { get; init; }
}
