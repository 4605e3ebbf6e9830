using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Sdk.Captioning;

/// <summary>
/// What the neural paths receive and return through <c>Captioner.EnrichDescription</c>: the input (a buffer, or a
/// path when the input is streamed from a file) and the optional fields they fill.
/// </summary>
internal sealed class CaptionerEnrichment(AudioBuffer? audio, string? path, CancellationToken cancellationToken)
{
    /// <summary>Gets the input buffer, or null when the input is a file (see <see cref="Path"/>).</summary>
    public AudioBuffer? Audio { get; } = audio;

    /// <summary>Gets the input file, or null when the input is a buffer.</summary>
    public string? Path { get; } = path;

    /// <summary>Gets the cancellation token of the request.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>Gets or sets zero-shot tags (best first), or null.</summary>
    public IReadOnlyList<ZeroShotTag>? ZeroShotTags { get; set; }

    /// <summary>Gets or sets transcribed notes, or null.</summary>
    public IReadOnlyList<TranscribedNote>? Melody { get; set; }
}
