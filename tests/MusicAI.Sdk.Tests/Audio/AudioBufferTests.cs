using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Tests.Audio;

public sealed class AudioBufferTests
{
    [Fact]
    public void Create_IsSilentAndHasTheRequestedShape()
    {
        using var buffer = AudioBuffer.Create(2, 1000, 44100);
        Assert.Equal(2, buffer.ChannelCount);
        Assert.Equal(1000, buffer.FrameCount);
        Assert.Equal(44100, buffer.SampleRate);
        Assert.All(buffer.GetChannel(0).ToArray(), s => Assert.Equal(0f, s));
        Assert.All(buffer.GetChannel(1).ToArray(), s => Assert.Equal(0f, s));
    }

    [Fact]
    public void Interleaved_RoundTrips()
    {
        float[] interleaved = [1, -1, 2, -2, 3, -3];
        using var buffer = AudioBuffer.FromInterleaved(interleaved, 2, 8000);
        Assert.Equal([1f, 2f, 3f], buffer.GetChannel(0).ToArray());
        Assert.Equal([-1f, -2f, -3f], buffer.GetChannel(1).ToArray());
        var back = new float[6];
        buffer.CopyToInterleaved(back);
        Assert.Equal(interleaved, back);
    }

    [Fact]
    public void Slice_CopiesTheRange()
    {
        using var buffer = AudioBuffer.FromChannels(8000, [0f, 1, 2, 3, 4]);
        using var slice = buffer.Slice(1, 3);
        Assert.Equal([1f, 2f, 3f], slice.GetChannel(0).ToArray());
        slice.GetChannel(0)[0] = 42;
        Assert.Equal(1f, buffer.GetChannel(0)[1]);
    }

    [Theory]
    [InlineData(0, 10, 44100)]
    [InlineData(65, 10, 44100)]
    [InlineData(2, -1, 44100)]
    [InlineData(2, 10, 0)]
    [InlineData(2, 10, 999)]
    [InlineData(2, 10, 768_001)]
    public void Create_RejectsAbsurdShapes(int channels, int frames, int rate) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioBuffer.Create(channels, frames, rate));

    [Fact]
    public void Dispose_MakesFurtherUseThrow()
    {
        var buffer = AudioBuffer.Create(1, 10, 8000);
        buffer.Dispose();
        buffer.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.GetChannel(0));
        Assert.Equal("AudioBuffer (disposed)", buffer.ToString());
    }

    [Fact]
    public void FromInterleaved_RejectsPartialFrames() =>
        Assert.Throws<ArgumentException>(() => AudioBuffer.FromInterleaved(new float[5], 2, 8000));
}
