using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MusicAI.Sdk.Generation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="SongGenerator"/> on a MusicAI.Sdk builder.</summary>
[Experimental("MUSICAI001")]
public static class SongGeneratorServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SongGenerator"/> as a singleton (keyed when the builder is keyed): the embedded procedural
    /// composer and synthesizer, no model and no download.
    /// </summary>
    /// <param name="builder">The builder returned by <c>services.AddMusicAI(...)</c>.</param>
    /// <param name="configure">Changes the default <see cref="SongGeneratorOptions"/>; <see langword="null"/> keeps them.</param>
    /// <returns>The same builder, to add more features.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    /// <remarks>
    /// The options are validated here, at registration. A repeated call is harmless: the first registration wins
    /// (<c>TryAdd</c>). The generator is thread-safe; requests, songs and streams are per call.
    /// </remarks>
    public static IMusicAIBuilder AddSongGenerator(this IMusicAIBuilder builder, Action<SongGeneratorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SongGeneratorOptions();
        configure?.Invoke(options);
        var generator = new SongGenerator(options);
        if (builder.ServiceKey is null)
        {
            builder.Services.TryAddSingleton(generator);
        }
        else
        {
            builder.Services.TryAddKeyedSingleton(builder.ServiceKey, generator);
        }

        return builder;
    }
}
