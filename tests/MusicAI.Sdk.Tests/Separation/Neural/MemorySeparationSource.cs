using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>An <see cref="ISeparationSource"/> over planar arrays, counting reads (zeros outside the track).</summary>
internal sealed class MemorySeparationSource(float[][] channels, int sampleRate = 44_100) : ISeparationSource
{
    public int SampleRate => sampleRate;

    public int ChannelCount => channels.Length;

    public long FrameCount => channels[0].Length;

    public int Reads { get; private set; }

    public long FramesRead { get; private set; }

    public int LongestRead { get; private set; }

    public void Read(long startFrame, AudioBuffer destination)
    {
        Reads++;
        FramesRead += destination.FrameCount;
        LongestRead = Math.Max(LongestRead, destination.FrameCount);
        for (var c = 0; c < channels.Length; c++)
        {
            var target = destination.GetChannel(c);
            target.Clear();
            var from = Math.Max(0, startFrame);
            var to = Math.Min(channels[c].Length, startFrame + destination.FrameCount);
            if (to > from)
            {
                channels[c].AsSpan((int)from, (int)(to - from)).CopyTo(target[(int)(from - startFrame)..]);
            }
        }
    }
}
