using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Separation.Dsp;

namespace MusicAI.Sdk.Separation;

/// <summary>
/// Splits music into stems (vocals, accompaniment, drums, bass, other) with the built-in DSP separator or a neural
/// model. Start each job with <see cref="Stems"/>, which returns a fresh request.
/// </summary>
/// <remarks>
/// <para>Thread-safe: one instance serves concurrent requests (register it as a singleton with
/// <c>services.AddMusicAI().AddSeparator()</c>, or use <see cref="MusicAIClient.Separator"/>). It owns the separation
/// engines it creates lazily (one per model) and releases them on disposal; it does not own the runtime or the model
/// store it was given.</para>
/// <para>Any input works: any sample rate and channel count (mono, stereo, 5.1…), any length (stream long files with
/// <see cref="SeparationRequest.SeparateToFilesAsync"/>). Stems come out at the input's rate and channel count, and a
/// request that covers the whole mix (vocals + accompaniment, or drums + bass + other + vocals) gives stems that sum
/// back to the mix. Behaviour on odd inputs (silence, very short clips, NaN samples, empty audio) is documented in
/// <c>docs/separation.md</c>.</para>
/// </remarks>
/// <example>
/// <code>
/// using var stems = await separator.Stems(Stem.Vocals, Stem.Accompaniment).SeparateAsync(mix, progress, ct);
/// await stems[Stem.Vocals].SaveWavAsync("vocals.wav", ct);
/// </code>
/// </example>
public sealed class Separator : IDisposable, IAsyncDisposable
{
    /// <summary>The model name of the built-in DSP separator, for <see cref="SeparationRequest.WithModel(string)"/>.</summary>
    public const string BuiltInModel = "dsp";

    private readonly Func<string, CancellationToken, Task<ISeparationEngine>> _modelEngines;
    private readonly Dictionary<string, ISeparationEngine> _engines = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly DspSeparationEngine _builtIn = new();
    private int _disposed;

    /// <summary>Creates a separator that loads models through the SDK's runtime and model store.</summary>
    internal Separator(SeparatorOptions? options, ModelStore models, MusicAIRuntime runtime)
        : this(options, (idOrPath, ct) => ModelSeparationEngines.CreateAsync(models, runtime, idOrPath, ct))
    {
    }

    /// <summary>Creates a separator with a custom model-engine factory (tests).</summary>
    internal Separator(SeparatorOptions? options, Func<string, CancellationToken, Task<ISeparationEngine>> modelEngines)
    {
        Options = options?.Clone() ?? new SeparatorOptions();
        _modelEngines = modelEngines;
    }

    /// <summary>Gets the options snapshot this separator was created with.</summary>
    internal SeparatorOptions Options { get; }

    /// <summary>
    /// Starts a request for the given stems.
    /// </summary>
    /// <param name="stems">Any non-empty set of distinct stems that do not contain one another: for example
    /// <see cref="Stem.Vocals"/> + <see cref="Stem.Accompaniment"/>, or <see cref="Stem.Drums"/> + <see cref="Stem.Bass"/> +
    /// <see cref="Stem.Other"/> + <see cref="Stem.Vocals"/>, or a subset of either.</param>
    /// <returns>A new, immutable request; configure it with <c>With…</c> methods and run it with <c>Separate…Async</c>.</returns>
    /// <exception cref="ArgumentException">No stems, a repeated stem, or accompaniment together with drums, bass or other.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a defined <see cref="Stem"/>.</exception>
    public SeparationRequest Stems(params ReadOnlySpan<Stem> stems)
    {
        ThrowIfDisposed();
        return new SeparationRequest(this, Pipeline.StemPlan.Validate(stems), overlap: null, Options.Model);
    }

    /// <summary>
    /// Prepares a few-shot query separation: learns what the example sounds like, so that
    /// <see cref="QuerySeparationRequest.SeparateAsync"/> can extract the part of a mix that sounds like it.
    /// </summary>
    /// <param name="example">A short recording (0.25 s or more; a few seconds that cover the notes the source plays work
    /// best) of the sound to extract, any rate and channel count; it can be disposed once this returns.</param>
    /// <returns>A new, immutable request.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="example"/> is null.</exception>
    /// <exception cref="ArgumentException">The example is shorter than 0.25 s or silent.</exception>
    /// <exception cref="AudioFormatException">The example contains NaN or infinite samples.</exception>
    /// <remarks>
    /// Built-in method, no model: KL-divergence NMF bases learnt from the example are held fixed while free bases model
    /// the rest of the mix, and a Wiener-style mask keeps what the example's bases explain (details and limits in
    /// <c>docs/separation.md</c>). Learning takes a fraction of a second for a few seconds of example.
    /// </remarks>
    public QuerySeparationRequest LikeExample(AudioBuffer example)
    {
        ThrowIfDisposed();
        return new QuerySeparationRequest(Query.QueryEngine.Learn(example));
    }

    /// <summary>
    /// Finds where a voice is present in a song: separates vocals and accompaniment with the default model, then
    /// scores every 10 ms (see <see cref="VocalActivity"/>).
    /// </summary>
    /// <param name="audio">The song, any rate and channel count; it stays owned by the caller.</param>
    /// <param name="progress">Receives <c>separate</c> progress; optional.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The frames and segments.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> is null.</exception>
    /// <exception cref="AudioFormatException">The audio contains NaN or infinite samples.</exception>
    /// <remarks>Use <see cref="SeparationResult.DetectVocalActivity"/> instead when you separate the song anyway.</remarks>
    public async Task<VocalActivity> DetectVocalActivityAsync(AudioBuffer audio, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        using var stems = await Stems(Stem.Vocals, Stem.Accompaniment).SeparateAsync(audio, progress, cancellationToken).ConfigureAwait(false);
        return stems.DetectVocalActivity();
    }

    /// <summary>Releases the engines (and their model sessions) this separator created. Call when no request is running.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        lock (_engines)
        {
            foreach (var engine in _engines.Values)
            {
                engine.Dispose();
            }

            _engines.Clear();
        }

        _builtIn.Dispose();
        _gate.Dispose();
    }

    /// <summary>Releases the engines this separator created.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Returns the engine for a model (null or <see cref="BuiltInModel"/> = the built-in one), creating it once.</summary>
    internal async Task<ISeparationEngine> GetEngineAsync(string? model, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        if (model is null || string.Equals(model, BuiltInModel, StringComparison.OrdinalIgnoreCase))
        {
            return _builtIn;
        }

        var key = File.Exists(model) ? Path.GetFullPath(model) : model;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfDisposed();
            lock (_engines)
            {
                if (_engines.TryGetValue(key, out var cached))
                {
                    return cached;
                }
            }

            var engine = await _modelEngines(model, cancellationToken).ConfigureAwait(false);
            lock (_engines)
            {
                _engines[key] = engine;
            }

            return engine;
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
}
