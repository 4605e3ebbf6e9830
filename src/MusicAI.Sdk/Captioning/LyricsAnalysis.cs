namespace MusicAI.Sdk.Captioning;

/// <summary>What the lyrics text says: language, hook and repeated lines, themes.</summary>
/// <remarks>
/// Language by stop-word and character-trigram profiles for English, Spanish, French, German, Italian and
/// Portuguese; repeated lines by normalised line counts; themes from a keyword lexicon in those languages. See
/// docs/captioning.md.
/// </remarks>
public sealed class LyricsAnalysis
{
    internal LyricsAnalysis()
    {
    }

    /// <summary>Gets the ISO 639-1 language code (<c>"en"</c>, <c>"es"</c>, <c>"fr"</c>, <c>"de"</c>, <c>"it"</c>, <c>"pt"</c>), or <see langword="null"/> when undecided.</summary>
    public string? Language { get; internal init; }

    /// <summary>Gets the confidence of <see cref="Language"/>, 0–1.</summary>
    public double LanguageConfidence { get; internal init; }

    /// <summary>Gets the lines that occur more than once, most frequent first.</summary>
    public IReadOnlyList<RepeatedLine> RepeatedLines { get; internal init; } = [];

    /// <summary>Gets the hook: the most repeated line of at least three words, or <see langword="null"/>.</summary>
    public string? Hook { get; internal init; }

    /// <summary>Gets the themes found, strongest first.</summary>
    public IReadOnlyList<LyricTheme> Themes { get; internal init; } = [];

    /// <summary>Gets the number of non-empty lines.</summary>
    public int LineCount { get; internal init; }

    /// <summary>Gets the number of words.</summary>
    public int WordCount { get; internal init; }
}
