using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation.Pipeline;

namespace MusicAI.Sdk.Separation;

/// <summary>
/// One separation job: which stems, which model, how much overlap. Created by <see cref="Separator.Stems"/>.
/// </summary>
/// <remarks>
/// Immutable: each <c>With…</c> method returns a new request, so a request can be shared and reused, also
/// concurrently. Running it never changes the <see cref="Separator"/>.
/// </remarks>
public sealed class SeparationRequest
{
    private readonly Separator _separator;

    internal SeparationRequest(Separator separator, Stem[] stems, float? overlap, string? model)
    {
        _separator = separator;
        Stems = stems;
        Overlap = overlap;
        Model = model;
    }

    /// <summary>Gets the requested stems, in the order results and files are produced.</summary>
    public IReadOnlyList<Stem> Stems { get; }

    /// <summary>Gets the overlap between consecutive chunks, or <see langword="null"/> for the engine's default.</summary>
    public float? Overlap { get; }

    /// <summary>
    /// Gets the model: a catalog id, an <c>.onnx</c> path, <see cref="Separator.BuiltInModel"/>, or <see langword="null"/>
    /// for the built-in DSP separator.
    /// </summary>
    public string? Model { get; }

    /// <summary>Sets the fraction of each chunk that overlaps the next one (cross-faded).</summary>
    /// <param name="overlap">In [0, 1). More overlap means smoother chunk joins and more work.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="overlap"/> is negative, 1 or more, or NaN.</exception>
    /// <remarks>Default: the engine's reference value (0.125 of a 20 s chunk for the built-in separator; the model
    /// reference's value for neural models).</remarks>
    public SeparationRequest WithOverlap(float overlap)
    {
        if (!(overlap >= 0 && overlap < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "The overlap is a fraction of a chunk: 0 or more and less than 1.");
        }

        return new SeparationRequest(_separator, [.. Stems], overlap, Model);
    }

    /// <summary>Chooses the model for this request.</summary>
    /// <param name="idOrPath">A catalog id (see <c>musicai models list</c>), the path of an <c>.onnx</c> file, or
    /// <see cref="Separator.BuiltInModel"/> for the built-in DSP separator.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException"><paramref name="idOrPath"/> is empty.</exception>
    /// <remarks>Default: the separator's <see cref="SeparatorOptions.Model"/>. The model is resolved (and downloaded if
    /// needed) when the request first runs, then kept by the separator.</remarks>
    public SeparationRequest WithModel(string idOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPath);
        return new SeparationRequest(_separator, [.. Stems], Overlap, idOrPath);
    }

    /// <summary>Separates audio in memory.</summary>
    /// <param name="audio">The mix, at any rate and channel count; it is not changed and stays owned by the caller.</param>
    /// <param name="progress">Receives <c>separate</c> progress in frames; optional.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The stems at the input's rate, channel count and length; dispose the result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> is null.</exception>
    /// <exception cref="AudioFormatException">The audio contains NaN or infinite samples.</exception>
    /// <exception cref="ArgumentException">The chosen model cannot produce a requested stem.</exception>
    /// <exception cref="MusicAIException">The model cannot be found, downloaded, loaded or run (see the subclasses).</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Buffer, path and stream inputs mirror each other (design.md).")]
    public async Task<SeparationResult> SeparateAsync(AudioBuffer audio, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var engine = await _separator.GetEngineAsync(Model, cancellationToken).ConfigureAwait(false);
        var buffers = await SeparationRunner.SeparateAsync(engine, Stems, audio, Settings, progress, cancellationToken).ConfigureAwait(false);
        return new SeparationResult(Stems, buffers, engine.Name);
    }

    /// <summary>Loads an audio file whole and separates it in memory.</summary>
    /// <param name="path">WAV, MP3 or Ogg Vorbis (other formats through ffmpeg when installed).</param>
    /// <param name="progress">Receives progress; optional.</param>
    /// <param name="cancellationToken">Cancels loading and separation.</param>
    /// <returns>The stems; dispose the result.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file cannot be decoded or has NaN samples.</exception>
    /// <remarks>The whole file and every stem are held in memory; for long files use <see cref="SeparateToFilesAsync"/>.</remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Buffer, path and stream inputs mirror each other (design.md).")]
    public async Task<SeparationResult> SeparateAsync(string path, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var audio = await AudioBuffer.LoadAsync(path, cancellationToken).ConfigureAwait(false);
        return await SeparateAsync(audio, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads audio from a stream whole and separates it in memory.</summary>
    /// <param name="stream">A readable stream positioned at the start of the audio; it is left open.</param>
    /// <param name="progress">Receives progress; optional.</param>
    /// <param name="cancellationToken">Cancels loading and separation.</param>
    /// <returns>The stems; dispose the result.</returns>
    /// <exception cref="AudioFormatException">The content cannot be decoded or has NaN samples.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Buffer, path and stream inputs mirror each other (design.md).")]
    public async Task<SeparationResult> SeparateAsync(Stream stream, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var audio = await AudioBuffer.LoadAsync(stream, null, cancellationToken).ConfigureAwait(false);
        return await SeparateAsync(audio, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Separates a file of any length chunk by chunk, writing <c>outputDirectory/&lt;stem&gt;.wav</c> (32-bit float,
    /// the input's rate and channels) as it goes; memory stays bounded.
    /// </summary>
    /// <param name="inputPath">WAV, MP3 or Ogg Vorbis (other formats through ffmpeg when installed).</param>
    /// <param name="outputDirectory">Created if missing. Stem files there are replaced.</param>
    /// <param name="progress">Receives <c>decode</c> then <c>separate</c> progress in frames; optional.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The path of each stem file.</returns>
    /// <exception cref="FileNotFoundException">The input does not exist.</exception>
    /// <exception cref="AudioFormatException">The input cannot be decoded or has NaN samples.</exception>
    /// <remarks>
    /// The input is first decoded once into a temporary file in <paramref name="outputDirectory"/> (float32 at the
    /// engine's rate: about 1.3 GB per hour of 44.1 kHz stereo), which is deleted at the end. Stems are written to
    /// temporary files and renamed only when all are complete: after a failure or cancellation no stem file of this
    /// call is left.
    /// </remarks>
    public async Task<IReadOnlyDictionary<Stem, string>> SeparateToFilesAsync(string inputPath, string outputDirectory, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(inputPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        var engine = await _separator.GetEngineAsync(Model, cancellationToken).ConfigureAwait(false);
        return await SeparationRunner.SeparateToFilesAsync(engine, Stems, inputPath, outputDirectory, Settings, progress, cancellationToken).ConfigureAwait(false);
    }

    private SeparationSettings Settings => new(Overlap);
}
