using MusicAI.Sdk.Captioning.Text;
using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Sdk.Captioning;

/// <summary>
/// What <see cref="Captioner"/> found in a piece of music: every measured field with its confidence, tags, and a
/// caption that claims only what was measured with enough confidence.
/// </summary>
/// <remarks>
/// Immutable; safe to share between threads. <see cref="ToJson"/> writes every field with snake_case names and times
/// in seconds; <see cref="ToCaption"/> words the same measurements in another <see cref="CaptionStyle"/>.
/// </remarks>
public sealed class MusicDescription
{
    internal MusicDescription()
    {
    }

    /// <summary>Gets the duration of the input.</summary>
    public TimeSpan Duration { get; internal init; }

    /// <summary>Gets the sample rate of the input in Hz.</summary>
    public int SampleRate { get; internal init; }

    /// <summary>Gets the channel count of the input.</summary>
    public int ChannelCount { get; internal init; }

    /// <summary>Gets tempo, beats and meter.</summary>
    public TempoAnalysis Tempo { get; internal init; } = new();

    /// <summary>Gets key and mode.</summary>
    public KeyAnalysis Key { get; internal init; } = new();

    /// <summary>Gets integrated loudness, loudness range and true peak.</summary>
    public LoudnessAnalysis Loudness { get; internal init; } = new();

    /// <summary>Gets crest factor, peak-to-loudness ratio and loudness variation.</summary>
    public DynamicsAnalysis Dynamics { get; internal init; } = new();

    /// <summary>Gets brightness, bass weight and flatness.</summary>
    public SpectralAnalysis Spectral { get; internal init; } = new();

    /// <summary>Gets vocal presence, the share of time sung and the register.</summary>
    public VocalAnalysis Vocals { get; internal init; } = new();

    /// <summary>Gets the sections in order (they cover the whole input; empty for an empty input).</summary>
    public IReadOnlyList<MusicSection> Sections { get; internal init; } = [];

    /// <summary>Gets percussive/harmonic balance, drums and bass hints.</summary>
    public InstrumentationAnalysis Instrumentation { get; internal init; } = new();

    /// <summary>Gets the valence/arousal mood estimate.</summary>
    public MoodAnalysis Mood { get; internal init; } = new();

    /// <summary>Gets the lyrics analysis, or <see langword="null"/> when no lyrics were given.</summary>
    public LyricsAnalysis? Lyrics { get; internal init; }

    /// <summary>
    /// Gets zero-shot tags from the CLAP path (<see cref="MusicTextEmbedder"/>), best first, or <see langword="null"/>
    /// when that path is not configured.
    /// </summary>
    public IReadOnlyList<ZeroShotTag>? ZeroShotTags { get; internal init; }

    /// <summary>
    /// Gets the transcribed notes from the basic-pitch path (<see cref="MelodyTranscriber"/>), or <see langword="null"/>
    /// when that path is not configured.
    /// </summary>
    public IReadOnlyList<TranscribedNote>? Melody { get; internal init; }

    /// <summary>Gets short descriptors for search and playlists (only confident ones), for example <c>"mid-tempo"</c>, <c>"minor key"</c>, <c>"vocals"</c>.</summary>
    public IReadOnlyList<string> Tags { get; internal set; } = [];

    /// <summary>Gets the style <see cref="Caption"/> was written in.</summary>
    public CaptionStyle Style { get; internal init; }

    /// <summary>Gets the caption in <see cref="Style"/>.</summary>
    public string Caption { get; internal set; } = "";

    /// <summary>Gets the confidence a measurement needs before the caption and tags claim it.</summary>
    internal double ClaimThreshold { get; init; } = CaptionerOptions.DefaultClaimThreshold;

    /// <summary>Words these measurements in another style.</summary>
    /// <param name="style">The style.</param>
    /// <returns>The caption.</returns>
    public string ToCaption(CaptionStyle style) => CaptionWriter.Write(this, style);

    /// <summary>Writes every field as JSON: snake_case names, times in seconds as numbers, unmeasurable values as <c>null</c>.</summary>
    /// <param name="indented">Indent the output (default) or write it on one line.</param>
    /// <returns>The JSON text.</returns>
    public string ToJson(bool indented = true) => DescriptionJson.Write(this, indented);

    /// <summary>Returns <see cref="Caption"/>.</summary>
    /// <returns>The caption.</returns>
    public override string ToString() => Caption;
}
