using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using MusicAI.Sdk;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers MusicAI.Sdk in an <see cref="IServiceCollection"/>.</summary>
public static class MusicAIServiceCollectionExtensions
{
    /// <summary>
    /// Registers MusicAI.Sdk: validated <see cref="MusicAIOptions"/>, the <see cref="MusicAIRuntime"/> singleton
    /// (provider selection and shared model sessions) and the <see cref="ModelStore"/> singleton (model cache and
    /// downloads). Add features on the returned builder.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the default options; <see langword="null"/> keeps them.</param>
    /// <returns>A builder to add features on.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem at once.</exception>
    /// <remarks>
    /// <para>
    /// Options are validated here, at registration, not at the first inference. Services are singletons, created on
    /// first resolution and disposed with the service provider. The runtime logs through the container's
    /// <see cref="ILoggerFactory"/> when one is registered.
    /// </para>
    /// <para>
    /// Calling this more than once is harmless: services are registered once (<c>TryAdd</c>), and each further
    /// <paramref name="configure"/> is applied, in call order, on top of the options built by the earlier calls
    /// (like repeated <c>services.Configure&lt;T&gt;</c>), then the combined options are validated again. Each
    /// delegate runs exactly once, during the call that passes it. The options are fixed once the runtime is
    /// resolved.
    /// </para>
    /// </remarks>
    public static IMusicAIBuilder AddMusicAI(this IServiceCollection services, Action<MusicAIOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registration = FindRegistration(services, serviceKey: null);
        if (registration is null)
        {
            registration = new MusicAIRegistration(new MusicAIOptions());
            registration.Apply(configure);
            services.TryAddSingleton(registration);
        }
        else
        {
            registration.Apply(configure);
        }

        services.TryAddSingleton(static provider => new MusicAIRuntime(
            provider.GetRequiredService<MusicAIRegistration>().Options,
            provider.GetService<ILoggerFactory>()));
        services.TryAddSingleton(static provider => new ModelStore(
            provider.GetRequiredService<MusicAIRegistration>().Options,
            provider.GetService<ILogger<ModelStore>>()));
        return new MusicAIBuilder(services, serviceKey: null);
    }

    /// <summary>
    /// Registers a second, independent MusicAI.Sdk set under <paramref name="serviceKey"/> (for example a GPU
    /// runtime and a CPU runtime, or two model directories in one application). Resolve it with
    /// <c>GetRequiredKeyedService&lt;MusicAIRuntime&gt;(serviceKey)</c> (likewise <see cref="ModelStore"/>) or <c>[FromKeyedServices(serviceKey)]</c>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="serviceKey">The key; each key has its own options, runtime and sessions.</param>
    /// <param name="configure">Changes the default options; <see langword="null"/> keeps them.</param>
    /// <returns>A builder whose <see cref="IMusicAIBuilder.ServiceKey"/> is <paramref name="serviceKey"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> or <paramref name="serviceKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem at once.</exception>
    /// <remarks>Same validation, lifetime and repeated-call rules as <see cref="AddMusicAI"/>, per key.</remarks>
    public static IMusicAIBuilder AddKeyedMusicAI(this IServiceCollection services, object serviceKey, Action<MusicAIOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(serviceKey);
        var registration = FindRegistration(services, serviceKey);
        if (registration is null)
        {
            registration = new MusicAIRegistration(new MusicAIOptions());
            registration.Apply(configure);
            services.TryAddKeyedSingleton(serviceKey, registration);
        }
        else
        {
            registration.Apply(configure);
        }

        services.TryAddKeyedSingleton(serviceKey, static (provider, key) => new MusicAIRuntime(
            provider.GetRequiredKeyedService<MusicAIRegistration>(key).Options,
            provider.GetService<ILoggerFactory>()));
        services.TryAddKeyedSingleton(serviceKey, static (provider, key) => new ModelStore(
            provider.GetRequiredKeyedService<MusicAIRegistration>(key).Options,
            provider.GetService<ILogger<ModelStore>>()));
        return new MusicAIBuilder(services, serviceKey);
    }

    private static MusicAIRegistration? FindRegistration(IServiceCollection services, object? serviceKey)
    {
        foreach (var descriptor in services)
        {
            if (descriptor.ServiceType != typeof(MusicAIRegistration))
            {
                continue;
            }

            if (serviceKey is null && !descriptor.IsKeyedService)
            {
                return descriptor.ImplementationInstance as MusicAIRegistration;
            }

            if (serviceKey is not null && descriptor.IsKeyedService && Equals(descriptor.ServiceKey, serviceKey))
            {
                return descriptor.KeyedImplementationInstance as MusicAIRegistration;
            }
        }

        return null;
    }
}
