using MusicAI.Sdk;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The options of one MusicAI registration (default or keyed), held in the service collection as a singleton
/// instance so a repeated <c>AddMusicAI</c> call finds and extends it. Features and the model store read
/// <see cref="Options"/> (a validated snapshot) from here or from the runtime.
/// </summary>
internal sealed class MusicAIRegistration
{
    internal MusicAIRegistration(MusicAIOptions options)
    {
        Options = options;
    }

    /// <summary>Gets the validated options after every configure delegate registered so far.</summary>
    public MusicAIOptions Options { get; private set; }

    /// <summary>
    /// Applies one more configure delegate to a copy of the current options, validates the result and keeps it.
    /// On failure the registration keeps its previous options.
    /// </summary>
    /// <exception cref="ArgumentException">The combined options are not valid; the message lists every problem.</exception>
    public void Apply(Action<MusicAIOptions>? configure)
    {
        var next = Options.Clone();
        configure?.Invoke(next);
        next.ThrowIfInvalid();
        Options = next;
    }
}
