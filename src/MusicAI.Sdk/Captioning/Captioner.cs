using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Analysis;
using MusicAI.Sdk.Captioning.Beats;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning;

/// <summary>
/// Describes music in words and numbers: tempo and beats, meter, key, loudness, dynamics, spectral character, vocal
/// presence, sections, instrumentation hints and mood, as a caption and as JSON; lyrics-aware when lyrics are given.
/// </summary>
/// <remarks>
/// <para>The embedded analysis is pure DSP: it needs no model and no download. Neural paths (CLAP zero-shot tags,
/// basic-pitch melody) fill <see cref="MusicDescription.ZeroShotTags"/> and <see cref="MusicDescription.Melody"/>
/// when they are configured; otherwise those stay <see langword="null"/>.</para>
/// <para>Thread-safe: one instance can serve concurrent calls. <see cref="WithLyrics"/> and <see cref="WithStyle"/>
/// start a new, cheap <see cref="CaptionRequest"/> and never change the captioner. Memory is bounded by the analysis
/// window (≈ 1 minute of audio) plus 25–50 MB of features per hour of input, so files of several hours can be
/// analysed; in-memory buffers are not copied.</para>
/// <para>Bad input never throws past argument checks: silence, noise, very short clips and speech give a sensible
/// description with low confidences; NaN and infinite samples count as silence.</para>
/// </remarks>
/// <example>
/// <code>
/// var captioner = new Captioner();
/// var description = await captioner.WithLyrics(lyrics).WithStyle(CaptionStyle.Full).AnalyzeAsync("song.mp3");
/// Console.WriteLine(description.Caption);
/// File.WriteAllText("song.json", description.ToJson());
/// </code>
/// </example>
public sealed partial class Captioner
{
    private OnnxModel? _beatNet;

    /// <summary>Creates a captioner with the default <see cref="CaptionerOptions"/>.</summary>
    public Captioner()
        : this(new CaptionerOptions())
    {
    }

    /// <summary>Creates a captioner.</summary>
    /// <param name="options">The options; they are validated and copied.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public Captioner(CaptionerOptions options)
        : this(options, runtime: null, models: null)
    {
    }

    /// <summary>Creates a captioner whose neural options (<see cref="CaptionerOptions.BeatTracking"/>) use a client's runtime and model store.</summary>
    /// <param name="options">The options; they are validated and copied.</param>
    /// <param name="client">Provides the runtime (sessions) and the model store (cache, downloads); not owned.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="client"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public Captioner(CaptionerOptions options, MusicAIClient client)
        : this(options, client?.Runtime ?? throw new ArgumentNullException(nameof(client)), client.Models)
    {
    }

    /// <summary>Creates a captioner that can reach the runtime and the model store (for the neural paths).</summary>
    internal Captioner(CaptionerOptions options, MusicAIRuntime? runtime, ModelStore? models)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (options.BeatTracking == BeatTracking.BeatNet && (runtime is null || models is null))
        {
            throw new ArgumentException(
                "BeatTracking.BeatNet needs the runtime and the model store: create the captioner with new Captioner(options, client) or through services.AddMusicAI().AddCaptioner(...).",
                nameof(options));
        }

        Options = options.Clone();
        Runtime = runtime;
        Models = models;
    }

    /// <summary>Gets the validated options snapshot.</summary>
    internal CaptionerOptions Options { get; }

    /// <summary>Gets the runtime for neural paths, or null for a stand-alone captioner.</summary>
    internal MusicAIRuntime? Runtime { get; }

    /// <summary>Gets the model store for neural paths, or null for a stand-alone captioner.</summary>
    internal ModelStore? Models { get; }

    /// <summary>Starts a request whose description also analyses these lyrics (language, hook, themes).</summary>
    /// <param name="lyrics">The lyrics, one line per sung line; blank lines separate stanzas.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="lyrics"/> is <see langword="null"/>.</exception>
    public CaptionRequest WithLyrics(string lyrics) => new CaptionRequest(this).WithLyrics(lyrics);

    /// <summary>Starts a request with a caption style.</summary>
    /// <param name="style">The style of <see cref="MusicDescription.Caption"/>.</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="style"/> is not defined.</exception>
    public CaptionRequest WithStyle(CaptionStyle style) => new CaptionRequest(this).WithStyle(style);

    /// <summary>Analyses audio in memory with the default style and no lyrics.</summary>
    /// <param name="audio">Any rate and channel count; it is read, not changed or disposed.</param>
    /// <param name="progress">Receives stage <c>"analyze"</c> with input frames done and total.</param>
    /// <param name="cancellationToken">Cancels the analysis (checked every ≈ 1.5 s of audio).</param>
    /// <returns>The description.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> is <see langword="null"/>.</exception>
    /// <exception cref="ObjectDisposedException"><paramref name="audio"/> was disposed.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Buffer and path overloads mirror each other, as AudioBuffer.LoadAsync does.")]
    public Task<MusicDescription> AnalyzeAsync(AudioBuffer audio, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new CaptionRequest(this).AnalyzeAsync(audio, progress, cancellationToken);

    /// <summary>Analyses an audio file (WAV, MP3, Ogg Vorbis; other formats through ffmpeg) with the default style and no lyrics.</summary>
    /// <param name="path">The file; it is streamed, never loaded whole.</param>
    /// <param name="progress">Receives stage <c>"analyze"</c> with input frames done and total (0 when unknown).</param>
    /// <param name="cancellationToken">Cancels the analysis.</param>
    /// <returns>The description.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="AudioFormatException">The file cannot be decoded.</exception>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "Buffer and path overloads mirror each other, as AudioBuffer.LoadAsync does.")]
    public Task<MusicDescription> AnalyzeAsync(string path, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default) =>
        new CaptionRequest(this).AnalyzeAsync(path, progress, cancellationToken);

    /// <summary>Runs the analysis of a request on a buffer.</summary>
    /// <remarks>The analysis is CPU-bound (≈ 0.1 s per minute of audio); it runs on the thread pool so a UI thread is not blocked.</remarks>
    internal async Task<MusicDescription> DescribeAsync(CaptionRequest request, AudioBuffer audio, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var beatNet = await BeatNetModelAsync(progress, cancellationToken).ConfigureAwait(false);
        return await Task.Run(() => Describe(request, audio, beatNet, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The BeatNet session when <see cref="CaptionerOptions.BeatTracking"/> asks for it (resolved once: from the cache,
    /// a local path, or downloaded unless offline), otherwise null.
    /// </summary>
    /// <exception cref="ModelNotFoundException">The model is not cached and downloads are off.</exception>
    /// <exception cref="ModelContractException">The file is not a BeatNet model.</exception>
    internal async Task<OnnxModel?> BeatNetModelAsync(IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        if (Options.BeatTracking != BeatTracking.BeatNet)
        {
            return null;
        }

        if (Volatile.Read(ref _beatNet) is { } loaded)
        {
            return loaded;
        }

        var resolved = await Models!.ResolveAsync(Options.BeatNetModel, progress, cancellationToken).ConfigureAwait(false);
        var model = Runtime!.Sessions.GetModel(resolved.ModelPath, resolved.Id);
        model.EnsureContract(BeatNetStream.Contract);
        return Interlocked.CompareExchange(ref _beatNet, model, null) ?? model;
    }

    private MusicDescription Describe(CaptionRequest request, AudioBuffer audio, OnnxModel? beatNet, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var sanitized = SanitizedCopy(audio);
        try
        {
            var analysis = SongAnalyzer.Analyze(sanitized ?? audio, progress, cancellationToken, beatNet);
            var enrichment = new CaptionerEnrichment(sanitized ?? audio, path: null, cancellationToken);
            EnrichDescription(enrichment);
            return DescriptionBuilder.Build(analysis, request.Lyrics, request.Style ?? Options.DefaultStyle, Options.ClaimThreshold, enrichment);
        }
        finally
        {
            sanitized?.Dispose();
        }
    }

    /// <summary>Runs the analysis of a request on a file.</summary>
    internal async Task<MusicDescription> DescribeAsync(CaptionRequest request, string path, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var beatNet = await BeatNetModelAsync(progress, cancellationToken).ConfigureAwait(false);
        using var reader = AudioReader.Open(path, new AudioLoadOptions { ReplaceNonFiniteSamples = true });
        var analysis = await SongAnalyzer.AnalyzeAsync(reader, progress, cancellationToken, beatNet).ConfigureAwait(false);
        var enrichment = new CaptionerEnrichment(audio: null, path, cancellationToken);
        EnrichDescription(enrichment);
        return DescriptionBuilder.Build(analysis, request.Lyrics, request.Style ?? Options.DefaultStyle, Options.ClaimThreshold, enrichment);
    }

    /// <summary>
    /// Extension point for the neural paths (CLAP zero-shot tags, basic-pitch melody): set
    /// <see cref="CaptionerEnrichment.ZeroShotTags"/> and <see cref="CaptionerEnrichment.Melody"/> from the audio or
    /// the path. Without an implementation the call is removed by the compiler and both stay null.
    /// </summary>
    partial void EnrichDescription(CaptionerEnrichment enrichment);

    /// <summary>A copy with non-finite samples replaced by 0, or null when the buffer is clean (the common case: no copy).</summary>
    private static AudioBuffer? SanitizedCopy(AudioBuffer audio)
    {
        var clean = true;
        for (var c = 0; c < audio.ChannelCount && clean; c++)
        {
            foreach (var sample in audio.GetChannel(c))
            {
                if (!float.IsFinite(sample))
                {
                    clean = false;
                    break;
                }
            }
        }

        if (clean)
        {
            return null;
        }

        var copy = audio.Clone();
        for (var c = 0; c < copy.ChannelCount; c++)
        {
            var channel = copy.GetChannel(c);
            for (var i = 0; i < channel.Length; i++)
            {
                if (!float.IsFinite(channel[i]))
                {
                    channel[i] = 0f;
                }
            }
        }

        return copy;
    }
}
