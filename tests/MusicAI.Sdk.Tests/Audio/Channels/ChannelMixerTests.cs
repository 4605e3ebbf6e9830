using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Channels;

namespace MusicAI.Sdk.Tests.Audio.Channels;

public sealed class ChannelMixerTests
{
    private const float Minus3Db = 0.70710677f;

    [Fact]
    public void StereoToMono_Averages()
    {
        using var stereo = AudioBuffer.FromChannels(8000, [1f, 0.5f], [0f, -0.5f]);
        using var mono = stereo.ToChannelCount(1);
        Assert.Equal([0.5f, 0f], mono.GetChannel(0).ToArray());
    }

    [Fact]
    public void MonoToStereo_Duplicates()
    {
        using var mono = AudioBuffer.FromChannels(8000, [0.25f, -1f]);
        using var stereo = mono.ToChannelCount(2);
        Assert.Equal([0.25f, -1f], stereo.GetChannel(0).ToArray());
        Assert.Equal([0.25f, -1f], stereo.GetChannel(1).ToArray());
    }

    [Fact]
    public void FivePointOneToStereo_IsTheItuDownmix()
    {
        // L R C LFE Ls Rs, one channel active at a time.
        using var surround = AudioBuffer.FromChannels(48000, [1f, 0, 0, 0, 0, 0], [0f, 1, 0, 0, 0, 0], [0f, 0, 1, 0, 0, 0], [0f, 0, 0, 1, 0, 0], [0f, 0, 0, 0, 1, 0], [0f, 0, 0, 0, 0, 1]);
        using var stereo = surround.ToChannelCount(2);
        Assert.Equal([1f, 0, Minus3Db, 0, Minus3Db, 0], stereo.GetChannel(0).ToArray());
        Assert.Equal([0f, 1, Minus3Db, 0, 0, Minus3Db], stereo.GetChannel(1).ToArray());
    }

    [Fact]
    public void SixToMono_AveragesAllChannels()
    {
        using var surround = AudioBuffer.FromChannels(48000, [0.6f], [0.6f], [0.6f], [0.6f], [0f], [0f]);
        using var mono = surround.ToChannelCount(1);
        Assert.Equal(0.4f, mono.GetChannel(0)[0], 1e-6f);
    }

    [Fact]
    public void Quad_UsesTheQuadLayout_ForStereo()
    {
        // 4 channels = L R Ls Rs (mask 0x33), so the third channel is a left surround, not a centre.
        var matrix = ChannelMixer.Matrix(4, 2);
        Assert.Equal([1f, 0, Minus3Db, 0, 0, 1, 0, Minus3Db], matrix);
    }

    [Fact]
    public void SevenPointOne_SidesGoToTheirSide()
    {
        var matrix = ChannelMixer.Matrix(8, 2);
        Assert.Equal([1f, 0, Minus3Db, 0, Minus3Db, 0, Minus3Db, 0], matrix[..8]);
        Assert.Equal([0f, 1, Minus3Db, 0, 0, Minus3Db, 0, Minus3Db], matrix[8..]);
    }

    [Fact]
    public void OtherConversions_CopyTheFirstChannels()
    {
        using var stereo = AudioBuffer.FromChannels(8000, [0.1f], [0.2f]);
        using var six = stereo.ToChannelCount(6);
        Assert.Equal(0.1f, six.GetChannel(0)[0]);
        Assert.Equal(0.2f, six.GetChannel(1)[0]);
        for (var c = 2; c < 6; c++)
        {
            Assert.Equal(0f, six.GetChannel(c)[0]);
        }

        using var four = six.ToChannelCount(4);
        Assert.Equal(0.1f, four.GetChannel(0)[0]);
    }

    [Fact]
    public void Interleaved_MatchesPlanar()
    {
        var interleaved = AudioTestHelpers.Signal(257, 6, 48000);
        using var buffer = AudioBuffer.FromInterleaved(interleaved, 6, 48000);
        foreach (var target in new[] { 1, 2, 3, 6, 8 })
        {
            using var planar = buffer.ToChannelCount(target);
            var mixed = new float[257 * target];
            ChannelMixer.MixInterleaved(ChannelMixer.Matrix(6, target), 6, target, interleaved, mixed);
            var expected = new float[257 * target];
            planar.CopyToInterleaved(expected);
            for (var i = 0; i < mixed.Length; i++)
            {
                Assert.Equal(expected[i], mixed[i], 1e-6f);
            }
        }
    }

    [Fact]
    public void SameCount_IsACopy_AndBadCountsThrow()
    {
        using var buffer = AudioBuffer.FromChannels(8000, [0.5f]);
        using var copy = buffer.ToChannelCount(1);
        copy.GetChannel(0)[0] = 0;
        Assert.Equal(0.5f, buffer.GetChannel(0)[0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.ToChannelCount(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => buffer.ToChannelCount(65));
    }
}
