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

    /// <summary>
    /// Gets or sets a value indicating whether descriptions get CLAP zero-shot tags
    /// (<see cref="MusicDescription.ZeroShotTags"/>): genres, moods and instruments, or <see cref="ZeroShotLabels"/>.
    /// </summary>
    /// <remarks>
    /// Default <see langword="false"/>. Needs a captioner created with a <see cref="MusicAIClient"/> or through dependency
    /// injection, and the CLAP model (<see cref="ClapModel"/>; about 620 MB, downloaded once unless cached — pre-fetch it
    /// with <c>musicai models pull clap-htsat-unfused</c>). Only the first 10 s of the audio are embedded.
    /// </remarks>
    public bool ZeroShotTagging { get; set; }

    /// <summary>Gets or sets the CLAP model: a catalog id or a local folder holding its ONNX towers and tokenizer files.</summary>
    /// <remarks>Default <c>"clap-htsat-unfused"</c>. Used only with <see cref="ZeroShotTagging"/>.</remarks>
    public string ClapModel { get; set; } = "clap-htsat-unfused";

    /// <summary>
    /// Gets or sets your own zero-shot labels, scored against each other; <see langword="null"/> scores the default
    /// genre, mood and instrument sets (<see cref="Neural.ZeroShotLabels"/>), each set separately.
    /// </summary>
    /// <remarks>Default <see langword="null"/>.</remarks>
    public IList<string>? ZeroShotLabels { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether descriptions get the transcribed notes of the recording
    /// (<see cref="MusicDescription.Melody"/>, basic-pitch).
    /// </summary>
    /// <remarks>
    /// Default <see langword="false"/>. Needs a captioner created with a <see cref="MusicAIClient"/> or through
    /// dependency injection, and the basic-pitch model (<see cref="MelodyModel"/>; 230 KB, downloaded once). A file
    /// input is decoded whole at 22,050 Hz mono for it (≈ 5 MB per minute of audio).
    /// </remarks>
    public bool Melody { get; set; }

    /// <summary>Gets or sets the basic-pitch model: a catalog id or the path of a local <c>nmp.onnx</c>.</summary>
    /// <remarks>Default <c>"basic-pitch"</c>. Used only with <see cref="Melody"/>.</remarks>
    public string MelodyModel { get; set; } = "basic-pitch";

    /// <summary>Gets a value indicating whether any option needs the runtime and the model store.</summary>
    internal bool NeedsModels => BeatTracking == BeatTracking.BeatNet || ZeroShotTagging || Melody;

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

        if (string.IsNullOrWhiteSpace(ClapModel))
        {
            problems.Add("ClapModel must be a catalog id (\"clap-htsat-unfused\") or the folder of a CLAP model.");
        }

        if (ZeroShotLabels is { } labels && (labels.Count == 0 || labels.Any(string.IsNullOrWhiteSpace)))
        {
            problems.Add("ZeroShotLabels must hold at least one label and no empty ones; set it to null for the default genre, mood and instrument sets.");
        }

        if (string.IsNullOrWhiteSpace(MelodyModel))
        {
            problems.Add("MelodyModel must be a catalog id (\"basic-pitch\") or the path of an nmp.onnx file.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid CaptionerOptions: " + string.Join(" ", problems));
        }
    }

    internal CaptionerOptions Clone() => new()
    {
        DefaultStyle = DefaultStyle,
        ClaimThreshold = ClaimThreshold,
        BeatTracking = BeatTracking,
        BeatNetModel = BeatNetModel,
        ZeroShotTagging = ZeroShotTagging,
        ClapModel = ClapModel,
        ZeroShotLabels = ZeroShotLabels is null ? null : [.. ZeroShotLabels],
        Melody = Melody,
        MelodyModel = MelodyModel,
    };
}
