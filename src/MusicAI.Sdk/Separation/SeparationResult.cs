using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation;

/// <summary>
/// The stems of one separation, indexed by <see cref="Stem"/>: <c>result[Stem.Vocals]</c>.
/// </summary>
/// <remarks>
/// Owns the stems' pooled memory: dispose it (which disposes every stem buffer). The buffers have the input's sample
/// rate, channel count and length. Not thread-safe for disposal; concurrent reads are fine.
/// </remarks>
public sealed class SeparationResult : IDisposable
{
    private readonly AudioBuffer[] _buffers;

    internal SeparationResult(IReadOnlyList<Stem> stems, AudioBuffer[] buffers, string engine)
    {
        Stems = stems;
        _buffers = buffers;
        Engine = engine;
    }

    /// <summary>Gets the stems in this result, in request order.</summary>
    public IReadOnlyList<Stem> Stems { get; }

    /// <summary>Gets the name of the engine that produced the stems (<c>dsp</c> for the built-in separator, or the model).</summary>
    public string Engine { get; }

    /// <summary>Gets a stem.</summary>
    /// <param name="stem">A requested stem.</param>
    /// <returns>The stem's audio, owned by this result (do not dispose it separately; clone it to keep it longer).</returns>
    /// <exception cref="KeyNotFoundException">The stem was not requested.</exception>
    public AudioBuffer this[Stem stem]
    {
        get
        {
            for (var i = 0; i < Stems.Count; i++)
            {
                if (Stems[i] == stem)
                {
                    return _buffers[i];
                }
            }

            throw new KeyNotFoundException($"The stem {StemNames.Name(stem)} was not requested; this result has {string.Join(", ", Stems.Select(StemNames.Name))}.");
        }
    }

    /// <summary>Gets whether the result has a stem.</summary>
    /// <param name="stem">The stem.</param>
    /// <returns><see langword="true"/> when <paramref name="stem"/> was requested.</returns>
    public bool Contains(Stem stem) => Stems.Contains(stem);

    /// <summary>Disposes every stem buffer.</summary>
    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
    }
}
