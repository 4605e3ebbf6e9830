namespace MusicAI.Sdk.Separation;

/// <summary>
/// A source that a separator can extract from a mix. Stem files are named after the lower-case member name
/// (<c>vocals.wav</c>, <c>accompaniment.wav</c>, <c>drums.wav</c>, <c>bass.wav</c>, <c>other.wav</c>).
/// </summary>
public enum Stem
{
    /// <summary>Singing and spoken voice.</summary>
    Vocals = 0,

    /// <summary>Everything except the vocals (the mix minus <see cref="Vocals"/>).</summary>
    Accompaniment = 1,

    /// <summary>Drums and percussion.</summary>
    Drums = 2,

    /// <summary>Bass instruments.</summary>
    Bass = 3,

    /// <summary>Everything not in drums, bass or vocals.</summary>
    Other = 4,
}
