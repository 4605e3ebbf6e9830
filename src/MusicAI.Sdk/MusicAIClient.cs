using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Generation;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk;

/// <summary>
/// The entry point for applications that do not use dependency injection: validates the options once and owns the
/// <see cref="MusicAIRuntime"/> and the <see cref="ModelStore"/> (and, as features are added, the feature services).
/// </summary>
/// <remarks>
/// <para>
/// Create one client per application and share it; it is thread-safe. Dispose it when the application no longer
/// runs models (it releases the native sessions). With dependency injection use <c>services.AddMusicAI(...)</c>
/// instead, which registers the same services as singletons.
/// </para>
/// <para>
/// Named <c>MusicAIClient</c> rather than <c>MusicAI</c>: inside namespace <c>MusicAI.Sdk</c> a type called
/// <c>MusicAI</c> cannot be reached as <c>MusicAI.Create(...)</c> from user code, because the root namespace
/// <c>MusicAI</c> wins name lookup (error CS0234).
/// </para>
/// </remarks>
/// <example>
/// <code>
/// await using var client = MusicAIClient.Create(o => o.ExecutionProviders = [ExecutionProvider.Cpu]);
/// Console.WriteLine(client.Runtime.RunSelfTest());
/// </code>
/// </example>
public sealed class MusicAIClient : IDisposable, IAsyncDisposable
{
    private readonly Lazy<Separator> _separator;

    private MusicAIClient(MusicAIOptions options, ILoggerFactory? loggerFactory)
    {
        Options = options;
        Runtime = new MusicAIRuntime(options, loggerFactory);
        Models = new ModelStore(options, loggerFactory?.CreateLogger<ModelStore>());
        Captioner = new Captioner(new CaptionerOptions(), Runtime, Models);
        _separator = new Lazy<Separator>(() => new Separator(null, Models, Runtime), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the runtime: provider selection, shared model sessions, <see cref="MusicAIRuntime.Describe"/> and the self-test.</summary>
    public MusicAIRuntime Runtime { get; }

    /// <summary>Gets the model cache: resolves catalog ids and paths to local files, downloading and verifying them.</summary>
    public ModelStore Models { get; }

    /// <summary>Gets the captioner (tempo, key, loudness, sections, vocals, mood → caption and JSON; default <see cref="CaptionerOptions"/>).</summary>
    public Captioner Captioner { get; }

    /// <summary>
    /// Gets the stem separator (created on first use, with the built-in DSP separator as its default; choose a model per
    /// request with <see cref="SeparationRequest.WithModel(string)"/>).
    /// </summary>
    public Separator Separator => _separator.Value;

    /// <summary>Gets the song generator (procedural composer and synthesizer; default <see cref="SongGeneratorOptions"/>).</summary>
    [Experimental("MUSICAI001")]
    public SongGenerator Generation { get; } = new();

    /// <summary>Gets the validated options snapshot (features read it; do not change it).</summary>
    internal MusicAIOptions Options { get; }

    /// <summary>Creates a client with validated options.</summary>
    /// <param name="configure">Changes the default <see cref="MusicAIOptions"/>; <see langword="null"/> keeps them.</param>
    /// <param name="loggerFactory">Receives the provider choice and fallbacks; <see langword="null"/> logs nothing.</param>
    /// <returns>A client; dispose it when done.</returns>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    /// <remarks>Nothing native is loaded until the first model, <see cref="MusicAIRuntime.Describe"/> or self-test.</remarks>
    public static MusicAIClient Create(Action<MusicAIOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new MusicAIOptions();
        configure?.Invoke(options);
        options.ThrowIfInvalid();
        return new MusicAIClient(options.Clone(), loggerFactory);
    }

    /// <summary>Releases the runtime, its model sessions and the store's HTTP client. Call only when no operation is running.</summary>
    public void Dispose()
    {
        if (_separator.IsValueCreated)
        {
            _separator.Value.Dispose();
        }

        Runtime.Dispose();
        Models.Dispose();
    }

    /// <summary>Releases the runtime, its model sessions and the store's HTTP client. Call only when no operation is running.</summary>
    /// <returns>A task that completes when everything is released.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_separator.IsValueCreated)
        {
            await _separator.Value.DisposeAsync().ConfigureAwait(false);
        }

        await Runtime.DisposeAsync().ConfigureAwait(false);
        await Models.DisposeAsync().ConfigureAwait(false);
    }
}
