using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// The output blocks an engine hands to its <see cref="ISeparationSink"/>: one <see cref="AudioBuffer"/> per stem,
/// reused for the usual block length (one chunk step) and replaced only for the odd-sized first and last blocks.
/// </summary>
/// <remarks>Not thread-safe; one instance per separation call. Disposing returns every buffer to the pool.</remarks>
internal sealed class StemBlocks : IDisposable
{
    private readonly int _channels;
    private readonly int _sampleRate;
    private readonly AudioBuffer[] _usual;
    private AudioBuffer[]? _odd;

    /// <summary>Creates the blocks of the usual length.</summary>
    public StemBlocks(int stems, int channels, int usualFrames, int sampleRate)
    {
        _channels = channels;
        _sampleRate = sampleRate;
        _usual = Create(stems, usualFrames);
    }

    /// <summary>Returns one buffer per stem of exactly <paramref name="frames"/> frames (contents undefined).</summary>
    public AudioBuffer[] Get(int frames)
    {
        if (frames == _usual[0].FrameCount)
        {
            return _usual;
        }

        if (_odd is null || _odd[0].FrameCount != frames)
        {
            Release(_odd);
            _odd = Create(_usual.Length, frames);
        }

        return _odd;
    }

    /// <summary>Returns every buffer to the pool.</summary>
    public void Dispose()
    {
        Release(_usual);
        Release(_odd);
        _odd = null;
    }

    private static void Release(AudioBuffer[]? buffers)
    {
        if (buffers is null)
        {
            return;
        }

        foreach (var buffer in buffers)
        {
            buffer.Dispose();
        }
    }

    private AudioBuffer[] Create(int stems, int frames)
    {
        var buffers = new AudioBuffer[stems];
        for (var i = 0; i < stems; i++)
        {
            buffers[i] = AudioBuffer.Create(_channels, frames, _sampleRate);
        }

        return buffers;
    }
}
