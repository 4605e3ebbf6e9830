using System.Diagnostics.CodeAnalysis;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Generation.Composition;
using MusicAI.Sdk.Generation.Sequencing;
using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// Generates music with the embedded procedural composer and pure C# synthesizer (no model, no download): songs
/// and seamless loops rendered offline with stems and MIDI, and endless adaptive streams for games.
/// </summary>
/// <remarks>
/// <para>Start a request with <see cref="CreateRequest"/>, <see cref="WithPrompt"/> or <see cref="WithStyle(MusicStyle)"/>,
/// refine it (<c>.WithTempo(90).WithKey("D minor").WithSeed(42).WithBars(16).AsLoop().WithStems()</c>) and call
/// <see cref="GenerationRequest.GenerateAsync"/> or <see cref="GenerationRequest.CreateStream"/>.</para>
/// <para>Thread-safe: the generator holds only its options; every request is a separate immutable object, and each
/// generation or stream owns its own composer and synthesizer. Register it as a singleton
/// (<c>services.AddMusicAI().AddSongGenerator()</c>) or create one directly.</para>
/// </remarks>
[Experimental("MUSICAI001")]
public sealed class SongGenerator
{
    private readonly Func<int, long, ISynthesizer> _synthesizerFactory;

    /// <summary>Creates a generator with default options (48 kHz, offline songs up to 10 minutes).</summary>
    public SongGenerator()
        : this(null)
    {
    }

    /// <summary>Creates a generator.</summary>
    /// <param name="options">Options; null for the defaults. They are copied: later changes have no effect.</param>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public SongGenerator(SongGeneratorOptions? options)
        : this(options, static (sampleRate, seed) => new Synthesizer(sampleRate, seed: unchecked((int)seed ^ (int)(seed >> 32))))
    {
    }

    /// <summary>Creates a generator with another synthesizer (tests), given sample rate and seed.</summary>
    internal SongGenerator(SongGeneratorOptions? options, Func<int, long, ISynthesizer> synthesizerFactory)
    {
        options ??= new SongGeneratorOptions();
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException("Invalid SongGeneratorOptions: " + string.Join(" ", errors), nameof(options));
        }

        Options = new SongGeneratorOptions { SampleRate = options.SampleRate, MaxOfflineDuration = options.MaxOfflineDuration };
        _synthesizerFactory = synthesizerFactory;
    }

    /// <summary>Gets the names of the style presets: ambient, lo-fi, synthwave, orchestral, rock, chiptune, combat, exploration.</summary>
    public static IReadOnlyList<string> Styles { get; } = StyleCatalog.All.Select(s => s.Name).ToArray().AsReadOnly();

    /// <summary>A copy of the options this generator was created with.</summary>
    internal SongGeneratorOptions Options { get; }

    /// <summary>Starts a request with every value left to its default (style exploration, tempo and key from the seed).</summary>
    /// <returns>A new request.</returns>
    public GenerationRequest CreateRequest() => new(this);

    /// <summary>Starts a request from a text prompt (see <see cref="GenerationRequest.WithPrompt"/>).</summary>
    /// <param name="prompt">For example <c>"dark 90 bpm combat loop in D minor"</c>.</param>
    /// <returns>A new request.</returns>
    public GenerationRequest WithPrompt(string prompt) => CreateRequest().WithPrompt(prompt);

    /// <summary>Starts a request in a style.</summary>
    /// <param name="style">The style preset.</param>
    /// <returns>A new request.</returns>
    public GenerationRequest WithStyle(MusicStyle style) => CreateRequest().WithStyle(style);

    /// <summary>Starts a request in a style given by name.</summary>
    /// <param name="style">A style name (see <see cref="Styles"/>; aliases such as "tension" and "calm" work too).</param>
    /// <returns>A new request.</returns>
    /// <exception cref="ArgumentException">Unknown style; the message lists the styles.</exception>
    public GenerationRequest WithStyle(string style) => CreateRequest().WithStyle(style);

    internal async Task<GeneratedSong> GenerateCoreAsync(GenerationRequest request, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var parameters = request.Resolve();
        var length = parameters.Duration + (parameters.IsLoop ? TimeSpan.Zero : TimeSpan.FromSeconds(GeneratedSong.TailSeconds));
        if (length > Options.MaxOfflineDuration)
        {
            throw new ArgumentOutOfRangeException(
                nameof(request),
                $"{parameters.Duration:g} of music is longer than offline rendering allows ({Options.MaxOfflineDuration:g}, SongGeneratorOptions.MaxOfflineDuration): stream it with CreateStream(), which plays any length without holding it in memory.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        var pinned = request.Pin(parameters);
        return await Task.Run(() => OfflineRenderer.Render(pinned, parameters, request.IncludesStems, _synthesizerFactory, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    internal AdaptiveMusicStream CreateStreamCore(GenerationRequest request)
    {
        var parameters = request.Resolve();
        var length = request.Duration ?? (request.Bars is not null ? parameters.Duration : null);
        if (parameters.IsLoop)
        {
            length = null; // a loop request streams forever
        }

        return new AdaptiveMusicStream(parameters, _synthesizerFactory, length);
    }
}
