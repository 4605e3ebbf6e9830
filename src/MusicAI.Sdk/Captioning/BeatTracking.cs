namespace MusicAI.Sdk.Captioning;

/// <summary>Where the tempo and beat tracker takes its beat evidence from.</summary>
public enum BeatTracking
{
    /// <summary>Embedded DSP: spectral-flux onset strength (no model, no download). The default.</summary>
    Dsp,

    /// <summary>
    /// The BeatNet network's beat activation (catalog id <c>beatnet</c>, 1.7 MB, weights CC BY 4.0 — cite Heydari et al.,
    /// ISMIR 2021), decoded by the same tempo induction and dynamic-programming tracker. Needs the runtime and model
    /// store (downloads the model unless it is cached or the options are offline). More accurate on the evaluation sets
    /// (docs/captioning.md).
    /// </summary>
    BeatNet,
}
