namespace MusicAI.Sdk.Generation.Prompts;

/// <summary>What the keyword mapping read from a prompt (every field optional), with warnings and ignored words.</summary>
internal sealed class PromptInterpretation
{
    public MusicStyle? Style { get; set; }

    /// <summary>An explicit tempo ("90 bpm"), already clamped to the accepted range.</summary>
    public double? Tempo { get; set; }

    /// <summary>Tempo words: -1 slow, +1 fast, 0 none.</summary>
    public int TempoBias { get; set; }

    public MusicKey? Key { get; set; }

    /// <summary>A mode named without a tonic ("minor", "dorian").</summary>
    public MusicMode? Mode { get; set; }

    /// <summary>Brightness: -1 dark, +1 bright, 0 none.</summary>
    public int Brightness { get; set; }

    /// <summary>Energy words: -1 calm, +1 energetic, 0 none.</summary>
    public int EnergyBias { get; set; }

    public bool Mysterious { get; set; }

    public bool Loop { get; set; }

    public TimeSpan? Duration { get; set; }

    public int? Bars { get; set; }

    public MusicMeter? Meter { get; set; }

    public HashSet<Composition.StemRole> Muted { get; } = [];

    public HashSet<Composition.StemRole> Added { get; } = [];

    public List<string> Warnings { get; } = [];

    public List<string> IgnoredWords { get; } = [];

    /// <summary>The mood label reported in the resolved parameters ("dark", "calm, dark", "neutral").</summary>
    public string Mood
    {
        get
        {
            var parts = new List<string>(3);
            if (Brightness < 0)
            {
                parts.Add("dark");
            }
            else if (Brightness > 0)
            {
                parts.Add("bright");
            }

            if (EnergyBias < 0)
            {
                parts.Add("calm");
            }
            else if (EnergyBias > 0)
            {
                parts.Add("energetic");
            }

            if (Mysterious)
            {
                parts.Add("mysterious");
            }

            return parts.Count == 0 ? "neutral" : string.Join(", ", parts);
        }
    }
}
