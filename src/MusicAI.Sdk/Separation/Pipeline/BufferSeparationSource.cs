using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>An <see cref="ISeparationSource"/> over audio in memory (the caller keeps ownership of the buffer).</summary>
/// <remarks>Thread-safe for concurrent reads.</remarks>
internal sealed class BufferSeparationSource(AudioBuffer buffer) : ISeparationSource
{
    /// <inheritdoc/>
    public int SampleRate => buffer.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => buffer.ChannelCount;

    /// <inheritdoc/>
    public long FrameCount => buffer.FrameCount;

    /// <inheritdoc/>
    public void Read(long startFrame, AudioBuffer destination)
    {
        SourceReads.Validate(this, destination);
        var (offset, from, count) = SourceReads.Overlap(startFrame, destination.FrameCount, buffer.FrameCount);
        for (var c = 0; c < buffer.ChannelCount; c++)
        {
            var target = destination.GetChannel(c);
            target.Clear();
            if (count > 0)
            {
                buffer.GetChannel(c).Slice((int)from, count).CopyTo(target.Slice(offset, count));
            }
        }
    }
}

/// <summary>Argument checks and range arithmetic shared by the sources.</summary>
internal static class SourceReads
{
    /// <summary>Throws when a destination does not match the source's channel count.</summary>
    public static void Validate(ISeparationSource source, AudioBuffer destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (destination.ChannelCount != source.ChannelCount)
        {
            throw new ArgumentException($"The destination has {destination.ChannelCount} channels; the source has {source.ChannelCount}.", nameof(destination));
        }
    }

    /// <summary>
    /// The part of <c>[start, start + length)</c> inside <c>[0, total)</c>: where it goes in the destination, where it
    /// starts in the source, and how many frames it has (0 when none).
    /// </summary>
    public static (int Offset, long From, int Count) Overlap(long start, int length, long total)
    {
        var from = Math.Max(start, 0);
        var to = Math.Min(start + length, total);
        return to <= from ? (0, 0, 0) : ((int)(from - start), from, (int)(to - from));
    }
}
