using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>An <see cref="ISeparationSink"/> that appends every block into whole-track arrays and records block sizes.</summary>
internal sealed class CollectingSink(int stems, int channels, long capacity) : ISeparationSink
{
    private readonly float[][][] _data = Enumerable.Range(0, stems)
        .Select(_ => Enumerable.Range(0, channels).Select(_ => new float[capacity]).ToArray()).ToArray();

    public long Frames { get; private set; }

    public List<int> BlockSizes { get; } = [];

    /// <summary>Gets stem s, channel c (the first <see cref="Frames"/> samples are written).</summary>
    public float[] this[int stem, int channel] => _data[stem][channel];

    public void Write(ReadOnlySpan<AudioBuffer> blocks)
    {
        Assert.Equal(_data.Length, blocks.Length);
        var count = blocks[0].FrameCount;
        for (var s = 0; s < blocks.Length; s++)
        {
            Assert.Equal(count, blocks[s].FrameCount);
            Assert.Equal(_data[s].Length, blocks[s].ChannelCount);
            for (var c = 0; c < blocks[s].ChannelCount; c++)
            {
                blocks[s].GetChannel(c).CopyTo(_data[s][c].AsSpan((int)Frames));
            }
        }

        Frames += count;
        BlockSizes.Add(count);
    }
}
