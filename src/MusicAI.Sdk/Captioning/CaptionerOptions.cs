namespace MusicAI.Sdk.Captioning;

/// <summary>Options of a <see cref="Captioner"/>.</summary>
public sealed class CaptionerOptions
{
    /// <summary>The default of <see cref="ClaimThreshold"/>.</summary>
    public const double DefaultClaimThreshold = 0.5;

    /// <summary>Gets or sets the caption style used when a request does not choose one.</summary>
    /// <remarks>Default <see cref="CaptionStyle.Full"/>.</remarks>
    public CaptionStyle DefaultStyle { get; set; } = CaptionStyle.Full;

    /// <summary>
    /// Gets or sets the confidence (0–1) a measurement needs before the caption and the tags claim it (tempo, key,
    /// meter, vocals, register, mood, sections). The JSON reports every field with its confidence regardless.
    /// </summary>
    /// <remarks>Default 0.5.</remarks>
    public double ClaimThreshold { get; set; } = DefaultClaimThreshold;

    /// <summary>Gets or sets where the beat tracker takes its beat evidence from.</summary>
    /// <remarks>Default <see cref="Captioning.BeatTracking.Dsp"/> (no model). <see cref="Captioning.BeatTracking.BeatNet"/> needs a
    /// captioner created with a <see cref="MusicAIClient"/> or through dependency injection.</remarks>
    public BeatTracking BeatTracking { get; set; } = BeatTracking.Dsp;

    /// <summary>Gets or sets the BeatNet model: a catalog id or the path of a local <c>BeatNet.onnx</c> (its <c>.data</c> file beside it).</summary>
    /// <remarks>Default <c>"beatnet"</c> (the catalog entry). Used only with <see cref="Captioning.BeatTracking.BeatNet"/>.</remarks>
    public string BeatNetModel { get; set; } = "beatnet";

    /// <summary>Checks the options.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message lists every problem.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(DefaultStyle))
        {
            problems.Add($"DefaultStyle {(int)DefaultStyle} is not a CaptionStyle; use Full, Short or Technical.");
        }

        if (!(ClaimThreshold is >= 0 and <= 1))
        {
            problems.Add($"ClaimThreshold must be between 0 and 1; it is {ClaimThreshold}.");
        }

        if (!Enum.IsDefined(BeatTracking))
        {
            problems.Add($"BeatTracking {(int)BeatTracking} is not a BeatTracking; use Dsp or BeatNet.");
        }

        if (string.IsNullOrWhiteSpace(BeatNetModel))
        {
            problems.Add("BeatNetModel must be a catalog id (\"beatnet\") or the path of a BeatNet.onnx file.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CaptionerOptions: " + string.Join(" ", problems));
        }
    }

    internal CaptionerOptions Clone() => new() { DefaultStyle = DefaultStyle, ClaimThreshold = ClaimThreshold, BeatTracking = BeatTracking, BeatNetModel = BeatNetModel };
}
