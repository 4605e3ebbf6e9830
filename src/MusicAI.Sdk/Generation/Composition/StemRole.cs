namespace MusicAI.Sdk.Generation.Composition;

/// <summary>The parts the composer writes; each is one stem (mixer strip, stem audio buffer and MIDI track).</summary>
internal enum StemRole
{
    Drums = 0,
    Bass = 1,
    Chords = 2,
    Pad = 3,
    Melody = 4,
    Strings = 5,
}

/// <summary>Names and layering thresholds of <see cref="StemRole"/>.</summary>
internal static class StemRoles
{
    public const int Count = 6;

    private static readonly string[] s_names = ["drums", "bass", "chords", "pad", "melody", "strings"];

    /// <summary>The stem names, in role order (drums, bass, chords, pad, melody, strings).</summary>
    public static ReadOnlySpan<string> Names => s_names;

    public static string Name(StemRole role) => s_names[(int)role];

    /// <summary>Parses a stem name or a common synonym; null when unknown.</summary>
    public static StemRole? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "drums" or "drum" or "percussion" or "beat" or "beats" or "kit" => StemRole.Drums,
        "bass" or "bassline" or "bass line" => StemRole.Bass,
        "chords" or "chord" or "keys" or "harmony" or "comping" => StemRole.Chords,
        "pad" or "pads" or "synth pad" => StemRole.Pad,
        "melody" or "lead" or "leads" or "tune" or "theme" => StemRole.Melody,
        "strings" or "string" or "string section" or "violins" => StemRole.Strings,
        _ => null,
    };

    /// <summary>
    /// The intensity at which a stem starts to fade in, in an adaptive stream (vertical layering). A stem's layer gain
    /// is <c>clamp((intensity − threshold) / 0.1, 0, 1)</c>.
    /// </summary>
    public static float IntensityThreshold(StemRole role) => role switch
    {
        StemRole.Pad => 0.0f,
        StemRole.Chords => 0.15f,
        StemRole.Bass => 0.3f,
        StemRole.Melody => 0.5f,
        StemRole.Drums => 0.65f,
        _ => 0.8f,
    };

    /// <summary>The width of the intensity range over which a layer fades from silent to full.</summary>
    public const float LayerFadeWidth = 0.1f;
}
