namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The <see cref="IMusicAIBuilder"/> returned by the registration methods.</summary>
internal sealed class MusicAIBuilder(IServiceCollection services, object? serviceKey) : IMusicAIBuilder
{
    public IServiceCollection Services { get; } = services;

    public object? ServiceKey { get; } = serviceKey;
}
