namespace MusicAI.Sdk.Captioning;

/// <summary>A lyric line that occurs more than once (after normalising case, punctuation and spacing).</summary>
public sealed class RepeatedLine
{
    internal RepeatedLine(string text, int count)
    {
        Text = text;
        Count = count;
    }

    /// <summary>Gets the line as first written.</summary>
    public string Text { get; }

    /// <summary>Gets how many times it occurs.</summary>
    public int Count { get; }
}
