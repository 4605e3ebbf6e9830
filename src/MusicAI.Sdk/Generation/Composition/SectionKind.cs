namespace MusicAI.Sdk.Generation.Composition;

/// <summary>The role of a section in a song or adaptive stream.</summary>
internal enum SectionKind
{
    Intro = 0,
    Verse = 1,
    Chorus = 2,
    Bridge = 3,
    Outro = 4,

    /// <summary>A seamless loop (or one iteration of an adaptive state).</summary>
    Loop = 5,
}

internal static class SectionKinds
{
    private static readonly string[] s_names = ["intro", "verse", "chorus", "bridge", "outro", "loop"];

    public static string Name(SectionKind kind) => s_names[(int)kind];

    /// <summary>Energy of a section kind relative to the song's energy (added, then clamped to 0.05–1).</summary>
    public static double EnergyOffset(SectionKind kind) => kind switch
    {
        SectionKind.Intro => -0.25,
        SectionKind.Verse => -0.05,
        SectionKind.Chorus => 0.2,
        SectionKind.Bridge => -0.1,
        SectionKind.Outro => -0.25,
        _ => 0,
    };
}
