namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Returned by <c>services.AddMusicAI(...)</c>; MusicAI.Sdk features register themselves on it
/// (<c>.AddSeparator()</c>, <c>.AddAligner()</c>...), and other code can add services next to them.
/// </summary>
public interface IMusicAIBuilder
{
    /// <summary>Gets the service collection MusicAI.Sdk was added to.</summary>
    IServiceCollection Services { get; }

    /// <summary>
    /// Gets the key of a keyed registration (<c>AddKeyedMusicAI(key, ...)</c>), or <see langword="null"/> for the
    /// default one. Feature registrations use it to register keyed services beside the keyed runtime.
    /// </summary>
    object? ServiceKey { get; }
}
