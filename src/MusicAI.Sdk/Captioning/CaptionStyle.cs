namespace MusicAI.Sdk.Captioning;

/// <summary>The wording of <see cref="MusicDescription.Caption"/>.</summary>
public enum CaptionStyle
{
    /// <summary>A full sentence, for example "A melancholic mid-tempo song in A minor at 92 BPM with vocals, building to a loud chorus."</summary>
    Full,

    /// <summary>A tag line: the confident descriptors joined by " · ", for example "melancholic · mid-tempo · A minor · 92 BPM · vocals".</summary>
    Short,

    /// <summary>Every measured figure with its confidence, for engineers (tempo, meter, key, tuning, loudness, dynamics, spectrum, vocals, sections).</summary>
    Technical,
}
