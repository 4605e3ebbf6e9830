using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Chunking;

namespace MusicAI.Sdk.Tests.Separation.Chunking;

public sealed class OverlapAddStitcherTests
{
    [Theory]
    [InlineData(0, 100, 0.25f)]
    [InlineData(1, 100, 0.25f)]
    [InlineData(99, 100, 0.25f)]
    [InlineData(100, 100, 0.25f)]
    [InlineData(101, 100, 0.25f)]
    [InlineData(1000, 100, 0f)]
    [InlineData(1000, 100, 0.1f)]
    [InlineData(1000, 100, 0.5f)]
    [InlineData(1003, 100, 0.75f)]
    [InlineData(1003, 100, 0.95f)]
    [InlineData(5000, 777, 0.33f)]
    [InlineData(12345, 64, 0.5f)]
    public void IdentityChunksReconstructTheSignalExactly(int frames, int chunkLength, float overlap)
    {
        var layout = ChunkLayout.Create(frames, chunkLength, overlap);
        var signal = Signal(frames, channels: 2, seed: frames + chunkLength);
        var sink = new CollectingSink(stemCount: 2, channelCount: 2);
        using (var stitcher = new OverlapAddStitcher(layout, 2, 2, 8000, sink))
        {
            for (long k = 0; k < layout.ChunkCount; k++)
            {
                var start = (int)layout.Start(k);
                var length = layout.Length(k);
                using var first = AudioBuffer.Create(2, length, 8000);
                using var second = AudioBuffer.Create(2, length, 8000);
                for (var c = 0; c < 2; c++)
                {
                    signal[c].AsSpan(start, length).CopyTo(first.GetChannel(c));
                    for (var i = 0; i < length; i++)
                    {
                        second.GetChannel(c)[i] = -2 * signal[c][start + i];
                    }
                }

                stitcher.Add(k, [first, second]);
            }

            Assert.True(stitcher.IsComplete);
        }

        Assert.Equal(frames, sink.Frames);
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < frames; i++)
            {
                Assert.Equal(signal[c][i], sink.Channel(0, c)[i], 1e-6f);
                Assert.Equal(-2 * signal[c][i], sink.Channel(1, c)[i], 2e-6f);
            }
        }
    }

    [Fact]
    public void ChunksCrossFadeOverTheOverlap()
    {
        // Chunk k carries the constant k: inside an overlap the output moves smoothly from k to k + 1.
        var layout = ChunkLayout.Create(300, 100, 0.2f);
        var sink = new CollectingSink(1, 1);
        using (var stitcher = new OverlapAddStitcher(layout, 1, 1, 8000, sink))
        {
            for (long k = 0; k < layout.ChunkCount; k++)
            {
                using var chunk = AudioBuffer.Create(1, layout.Length(k), 8000);
                chunk.GetChannel(0).Fill(k);
                stitcher.Add(k, [chunk]);
            }
        }

        var output = sink.Channel(0, 0);
        Assert.Equal(0f, output[0]);
        Assert.Equal(0f, output[79]);
        Assert.InRange(output[80], 0f, 0.01f);
        Assert.InRange(output[89], 0.4f, 0.6f);
        Assert.InRange(output[99], 0.99f, 1f);
        Assert.Equal(1f, output[100]);
        for (var i = 81; i < 100; i++)
        {
            Assert.True(output[i] > output[i - 1]);
        }
    }

    [Fact]
    public void ChunksOutOfOrderOrOfTheWrongSizeAreRejected()
    {
        var layout = ChunkLayout.Create(300, 100, 0.2f);
        using var stitcher = new OverlapAddStitcher(layout, 1, 1, 8000, new CollectingSink(1, 1));
        using var chunk = AudioBuffer.Create(1, 100, 8000);
        Assert.Throws<InvalidOperationException>(() => stitcher.Add(1, [chunk]));
        using var shortChunk = AudioBuffer.Create(1, 99, 8000);
        Assert.Throws<ArgumentException>(() => stitcher.Add(0, [shortChunk]));
    }

    [Theory]
    [InlineData(0, 10, 0f, 0)]
    [InlineData(10, 10, 0.5f, 1)]
    [InlineData(11, 10, 0.5f, 2)]
    [InlineData(15, 10, 0.5f, 2)]
    [InlineData(16, 10, 0.5f, 3)]
    [InlineData(100, 10, 0f, 10)]
    public void LayoutCoversTheSignal(long frames, int chunkLength, float overlap, long chunks)
    {
        var layout = ChunkLayout.Create(frames, chunkLength, overlap);
        Assert.Equal(chunks, layout.ChunkCount);
        if (chunks > 0)
        {
            Assert.Equal(frames, layout.Start(chunks - 1) + layout.Length(chunks - 1));
        }
    }

    [Theory]
    [InlineData(1f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    public void LayoutRejectsAbsurdOverlaps(float overlap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ChunkLayout.Create(100, 10, overlap));

    internal static float[][] Signal(int frames, int channels, int seed)
    {
        var random = new Random(seed);
        var result = new float[channels][];
        for (var c = 0; c < channels; c++)
        {
            result[c] = new float[frames];
            for (var i = 0; i < frames; i++)
            {
                result[c][i] = (float)((random.NextDouble() * 2) - 1);
            }
        }

        return result;
    }

    /// <summary>Collects every block written to it, per stem and channel.</summary>
    internal sealed class CollectingSink(int stemCount, int channelCount) : ISeparationSink
    {
        private readonly List<float>[] _samples = [.. Enumerable.Range(0, stemCount * channelCount).Select(_ => new List<float>())];

        public int Frames => _samples[0].Count;

        public int Blocks { get; private set; }

        public float[] Channel(int stem, int channel) => [.. _samples[(stem * channelCount) + channel]];

        public void Write(ReadOnlySpan<AudioBuffer> stems)
        {
            Assert.Equal(stemCount, stems.Length);
            var frames = stems[0].FrameCount;
            for (var s = 0; s < stemCount; s++)
            {
                Assert.Equal(frames, stems[s].FrameCount);
                Assert.Equal(channelCount, stems[s].ChannelCount);
                for (var c = 0; c < channelCount; c++)
                {
                    _samples[(s * channelCount) + c].AddRange(stems[s].GetChannel(c).ToArray());
                }
            }

            Blocks++;
        }
    }
}
