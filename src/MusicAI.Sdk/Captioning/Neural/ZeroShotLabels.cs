namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Default label sets for <see cref="MusicTextEmbedder.TagAsync"/>: genres, moods and instruments, phrased to read
/// naturally in the default template ("This is a sound of jazz music.").
/// </summary>
/// <remarks>
/// Score each set in its own call: the softmax makes labels of one call compete, which suits genres and moods (pick
/// the best) better than instruments (several can be present; compare <see cref="ZeroShotTag.Similarity"/> instead).
/// Immutable.
/// </remarks>
public static class ZeroShotLabels
{
    /// <summary>Gets 16 genres: the ten GTZAN genres and six more common ones, each followed by "music".</summary>
    public static IReadOnlyList<string> Genres { get; } = Array.AsReadOnly(new[]
    {
        "blues music", "classical music", "country music", "disco music", "hip hop music", "jazz music", "metal music",
        "pop music", "reggae music", "rock music", "electronic music", "folk music", "funk music", "soul music",
        "latin music", "ambient music",
    });

    /// <summary>Gets 12 moods, each followed by "music".</summary>
    public static IReadOnlyList<string> Moods { get; } = Array.AsReadOnly(new[]
    {
        "happy music", "sad music", "energetic music", "calm music", "angry music", "romantic music", "dark music",
        "uplifting music", "melancholic music", "relaxing music", "epic music", "dreamy music",
    });

    /// <summary>Gets 16 instruments and voices.</summary>
    public static IReadOnlyList<string> Instruments { get; } = Array.AsReadOnly(new[]
    {
        "a piano", "an acoustic guitar", "an electric guitar", "a bass guitar", "drums", "a violin", "a cello",
        "a trumpet", "a saxophone", "a flute", "a synthesizer", "an organ", "a male singer", "a female singer",
        "a choir", "strings",
    });
}
