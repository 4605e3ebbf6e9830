using Microsoft.Extensions.DependencyInjection.Extensions;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Separation;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the <see cref="Separator"/> on a MusicAI.Sdk registration.</summary>
public static class SeparatorBuilderExtensions
{
    /// <summary>
    /// Registers a <see cref="Separator"/> singleton next to the runtime and model store of this registration (keyed
    /// with the same key for <c>AddKeyedMusicAI</c>).
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMusicAI</c>.</param>
    /// <param name="configure">Sets the separator's options, for example <c>s => s.UseModel(KnownModels.MdxNetInstHq3)</c>;
    /// <see langword="null"/> keeps the defaults (the built-in DSP separator).</param>
    /// <returns>The same builder, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> is null.</exception>
    /// <remarks>
    /// <paramref name="configure"/> runs once, now. Calling this again does not replace the first registration
    /// (<c>TryAdd</c>). The separator is created on first resolution and disposed with the service provider.
    /// </remarks>
    public static IMusicAIBuilder AddSeparator(this IMusicAIBuilder builder, Action<SeparatorOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new SeparatorOptions();
        configure?.Invoke(options);
        if (builder.ServiceKey is null)
        {
            builder.Services.TryAddSingleton(provider => new Separator(
                options, provider.GetRequiredService<ModelStore>(), provider.GetRequiredService<MusicAIRuntime>()));
        }
        else
        {
            builder.Services.TryAddKeyedSingleton(builder.ServiceKey, (provider, key) => new Separator(
                options, provider.GetRequiredKeyedService<ModelStore>(key), provider.GetRequiredKeyedService<MusicAIRuntime>(key)));
        }

        return builder;
    }
}
