using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation.Activity;

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

    /// <summary>
    /// Finds where the voice is present, from the vocals stem (and the accompaniment, or drums + bass + other, when
    /// the result has them).
    /// </summary>
    /// <returns>The frames and segments (see <see cref="VocalActivity"/>).</returns>
    /// <exception cref="InvalidOperationException">The result has no vocals stem.</exception>
    /// <remarks>Without the rest of the mix the score uses the vocal level only, which is less reliable.</remarks>
    public VocalActivity DetectVocalActivity()
    {
        if (!Contains(Stem.Vocals))
        {
            throw new InvalidOperationException("Vocal activity needs the vocals stem; request Stem.Vocals (with Stem.Accompaniment for the best result).");
        }

        var vocals = this[Stem.Vocals];
        if (Contains(Stem.Accompaniment))
        {
            return VocalActivityDetector.Detect(vocals, this[Stem.Accompaniment]);
        }

        if (!Contains(Stem.Drums) || !Contains(Stem.Bass) || !Contains(Stem.Other))
        {
            return VocalActivityDetector.Detect(vocals, accompaniment: null);
        }

        using var rest = this[Stem.Drums].Clone();
        for (var c = 0; c < rest.ChannelCount; c++)
        {
            var target = rest.GetChannel(c);
            TensorPrimitives.Add(target, this[Stem.Bass].GetChannel(c), target);
            TensorPrimitives.Add(target, this[Stem.Other].GetChannel(c), target);
        }

        return VocalActivityDetector.Detect(vocals, rest);
    }

    /// <summary>Disposes every stem buffer.</summary>
    public void Dispose()
    {
        foreach (var buffer in _buffers)
        {
            buffer.Dispose();
        }
    }
}
