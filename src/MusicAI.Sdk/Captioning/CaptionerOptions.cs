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

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CaptionerOptions: " + string.Join(" ", problems));
        }
    }

    internal CaptionerOptions Clone() => new() { DefaultStyle = DefaultStyle, ClaimThreshold = ClaimThreshold };
}
