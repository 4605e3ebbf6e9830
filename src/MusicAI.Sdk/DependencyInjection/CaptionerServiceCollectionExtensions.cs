using Microsoft.Extensions.DependencyInjection.Extensions;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="Captioner"/> on a MusicAI.Sdk builder.</summary>
public static class CaptionerServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="Captioner"/> as a singleton (keyed when the builder is keyed): the embedded analysis needs
    /// no model and no download; it can reach the registration's <see cref="MusicAIRuntime"/> and <see cref="ModelStore"/>
    /// for the neural paths.
    /// </summary>
    /// <param name="builder">The builder returned by <c>services.AddMusicAI(...)</c>.</param>
    /// <param name="configure">Changes the default <see cref="CaptionerOptions"/>; <see langword="null"/> keeps them.</param>
    /// <returns>The same builder, to add more features.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    /// <remarks>
    /// The options are validated here, at registration. A repeated call is harmless: the first registration wins
    /// (<c>TryAdd</c>). The captioner is thread-safe; requests and descriptions are per call.
    /// </remarks>
    public static IMusicAIBuilder AddCaptioner(this IMusicAIBuilder builder, Action<CaptionerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new CaptionerOptions();
        configure?.Invoke(options);
        options.Validate();
        if (builder.ServiceKey is null)
        {
            builder.Services.TryAddSingleton(provider => new Captioner(
                options,
                provider.GetRequiredService<MusicAIRuntime>(),
                provider.GetRequiredService<ModelStore>()));
        }
        else
        {
            builder.Services.TryAddKeyedSingleton(builder.ServiceKey, (provider, key) => new Captioner(
                options,
                provider.GetRequiredKeyedService<MusicAIRuntime>(key),
                provider.GetRequiredKeyedService<ModelStore>(key)));
        }

        return builder;
    }
}
