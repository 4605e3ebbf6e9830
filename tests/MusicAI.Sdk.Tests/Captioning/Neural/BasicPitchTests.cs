using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>Windowing and stitching (<see cref="BasicPitch"/>) against the reference's arithmetic.</summary>
public sealed class BasicPitchTests
{
    [Fact]
    public void Constants_AreTheReferenceValues()
    {
        Assert.Equal(43_844, BasicPitch.WindowSamples);
        Assert.Equal(36_164, BasicPitch.HopSamples);
        Assert.Equal(3_840, BasicPitch.HalfOverlapSamples);
        Assert.Equal(142, BasicPitch.KeptFramesPerWindow);
    }

    [Fact]
    public void GoldenClip_HasSixWindowsAnd787Frames()
    {
        // upstream tests/test_inference.py: 6 windows for vocadito_10 (200,607 samples at 22,050 Hz); its reference
        // output has 787 frames.
        Assert.Equal(6, BasicPitch.WindowCount(200_607));
        Assert.Equal(787, BasicPitch.OutputFrameCount(200_607));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(32_324)]
    [InlineData(32_325)]
    [InlineData(100_000)]
    [InlineData(200_607)]
    public void Windows_AreTheZeroPrefixedSignalCutEveryHop(int length)
    {
        var audio = new float[length];
        for (var i = 0; i < length; i++)
        {
            audio[i] = i + 1;
        }

        var padded = new float[BasicPitch.HalfOverlapSamples + length];
        audio.CopyTo(padded, BasicPitch.HalfOverlapSamples);
        var windows = BasicPitch.WindowCount(length);
        Assert.Equal((int)Math.Ceiling(padded.Length / (double)BasicPitch.HopSamples), windows);

        var window = new float[BasicPitch.WindowSamples];
        for (var w = 0; w < windows; w++)
        {
            BasicPitch.FillWindow(audio, w, window);
            for (var j = 0; j < window.Length; j++)
            {
                var p = (w * BasicPitch.HopSamples) + j;
                Assert.Equal(p < padded.Length ? padded[p] : 0f, window[j]);
            }
        }

        // Every kept frame is covered by some window.
        Assert.True(windows * BasicPitch.KeptFramesPerWindow >= BasicPitch.OutputFrameCount(length));
    }

    [Fact]
    public void Stitching_DropsFifteenFramesEachSideAndTruncates()
    {
        const int bins = 2;
        const int total = 300;
        var destination = new float[total * bins];
        for (var w = 0; w < 3; w++)
        {
            var output = new float[BasicPitch.FramesPerWindow * bins];
            for (var t = 0; t < BasicPitch.FramesPerWindow; t++)
            {
                output[t * bins] = (w * 1000) + t;
                output[(t * bins) + 1] = -((w * 1000) + t);
            }

            BasicPitch.StitchWindow(output, bins, w, destination, total);
        }

        for (var frame = 0; frame < total; frame++)
        {
            var w = frame / BasicPitch.KeptFramesPerWindow;
            var t = (frame % BasicPitch.KeptFramesPerWindow) + BasicPitch.EdgeFrames;
            Assert.Equal((w * 1000) + t, destination[frame * bins]);
            Assert.Equal(-((w * 1000) + t), destination[(frame * bins) + 1]);
        }
    }

    [Fact]
    public void FrameTimes_FollowTheMagicOffsetFormula()
    {
        Assert.Equal(0, BasicPitch.FrameToSeconds(0));
        Assert.Equal(171 * 256 / 22050.0, BasicPitch.FrameToSeconds(171), 1e-12);
        var offset = (256 / 22050.0 * (172 - (43844 / 256.0))) + 0.0018;
        Assert.Equal((172 * 256 / 22050.0) - offset, BasicPitch.FrameToSeconds(172), 1e-12);
        Assert.Equal((400 * 256 / 22050.0) - (2 * offset), BasicPitch.FrameToSeconds(400), 1e-12);
    }
}
