using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation;

/// <summary>The two parts of a query separation: what sounds like the example, and the rest.</summary>
/// <remarks>
/// Owns both buffers (the input's rate, channel count and length): dispose the result. <see cref="Match"/> +
/// <see cref="Residual"/> equals the mix.
/// </remarks>
public sealed class QuerySeparationResult : IDisposable
{
    internal QuerySeparationResult(AudioBuffer match, AudioBuffer residual)
    {
        Match = match;
        Residual = residual;
    }

    /// <summary>Gets the part of the mix that sounds like the example.</summary>
    public AudioBuffer Match { get; }

    /// <summary>Gets everything else (the mix minus <see cref="Match"/>).</summary>
    public AudioBuffer Residual { get; }

    /// <summary>Disposes both buffers.</summary>
    public void Dispose()
    {
        Match.Dispose();
        Residual.Dispose();
    }
}
