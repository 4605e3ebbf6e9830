using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Captioning;

/// <summary>
/// One captioning request: lyrics and caption style for a <see cref="Captioner"/>. Immutable: every <c>With…</c>
/// returns a new request, so a request can be reused and shared between threads.
/// </summary>
public sealed class CaptionRequest
{
    private readonly Captioner _captioner;

    internal CaptionRequest(Captioner captioner)
    {
        _captioner = captioner;
    }

    private CaptionRequest(CaptionRequest other)
    {
        _captioner = other._captioner;
        Lyrics = other.Lyrics;
        Style = other.Style;
    }

    /// <summary>Gets the lyrics, or null.</summary>
    internal string? Lyrics { get; private init; }

    /// <summary>Gets the style, or null for the captioner's default.</summary>
    internal CaptionStyle? Style { get; private init; }

    /// <summary>Returns a request that also analyses these lyrics (language, hook and repeated lines, themes).</summary>
    /// <param name="lyrics">The lyrics, one line per sung line.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lyrics"/> is <see langword="null"/>.</exception>
    public CaptionRequest WithLyrics(string lyrics)
    {
        ArgumentNullException.ThrowIfNull(lyrics);
        return new CaptionRequest(this) { Lyrics = lyrics };
    }

    /// <summary>Returns a request with a caption style.</summary>
    /// <param name="style">The style of <see cref="MusicDescription.Caption"/>.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is not defined.</exception>
    /// <remarks>Default: <see cref="CaptionerOptions.DefaultStyle"/>.</remarks>
    public CaptionRequest WithStyle(CaptionStyle style)
    {
        if (!Enum.IsDefined(style))
        {
            throw new ArgumentOutOfRangeException(nameof(style), style, "Use CaptionStyle.Full, Short or Technical.");
        }

        return new CaptionRequest(this) { Style = style };
    }

    /// <summary>Analyses audio in memory.</summary>
    /// <param name="audio">Any rate and channel count; it is read, not changed or disposed.</param>
    /// <param name="progress">Receives stage <c>"analyze"</c> with input frames done and total.</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The description.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="audio"/> was disposed.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Buffer and path overloads mirror each other, as AudioBuffer.LoadAsync does.")]
    public Task<MusicDescription> AnalyzeAsync(AudioBuffer audio, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        _ = audio.ChannelCount;
        return _captioner.DescribeAsync(this, audio, progress, cancellationToken);
    }

    /// <summary>Analyses an audio file, streamed (WAV, MP3, Ogg Vorbis; other formats through ffmpeg).</summary>
    /// <param name="path">The file.</param>
    /// <param name="progress">Receives stage <c>"analyze"</c> with input frames done and total (0 when unknown).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The description.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file cannot be decoded.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Buffer and path overloads mirror each other, as AudioBuffer.LoadAsync does.")]
    public Task<MusicDescription> AnalyzeAsync(string path, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return _captioner.DescribeAsync(this, path, progress, cancellationToken);
    }
}
