namespace MusicAI.Sdk.Generation.Composition;

/// <summary>Independent random streams of the composer (see <see cref="SeededRandom"/>).</summary>
internal enum RandomPurpose
{
    General = 0,
    Parameters = 1,
    Form = 2,
    Harmony = 3,
    Motif = 4,
    Melody = 5,
    Bass = 6,
    Drums = 7,
    Chords = 8,
    Pad = 9,
    Strings = 10,
    Stinger = 11,
    Humanize = 12,
}
