namespace MusicAI.Sdk.Captioning;

/// <summary>A theme found in lyrics by keyword matching (see docs/captioning.md for the lexicon).</summary>
public sealed class LyricTheme
{
    internal LyricTheme()
    {
    }

    /// <summary>Gets the theme name, for example <c>"love"</c>, <c>"night"</c>, <c>"freedom"</c>.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Gets the score: keyword hits per 100 words, capped at 1 for 5 or more.</summary>
    public double Score { get; internal init; }

    /// <summary>Gets the distinct keywords that matched, in order of first appearance.</summary>
    public IReadOnlyList<string> Keywords { get; internal init; } = [];
}
