using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using static MusicAI.Sdk.Tests.Audio.AudioTestHelpers;

namespace MusicAI.Sdk.Tests.Audio;

public sealed class AudioBufferLoadTests
{
    private static byte[] FloatWav(params float[] samples)
    {
        var data = new byte[samples.Length * 4];
        Buffer.BlockCopy(samples, 0, data, 0, data.Length);
        return new WavBuilder().Fmt(3, 1, 8000, 32).Chunk("data", data).Build();
    }

    [Fact]
    public async Task MissingFile_IsFileNotFoundException()
    {
        using var directory = new TemporaryDirectory();
        await Assert.ThrowsAsync<FileNotFoundException>(() => AudioBuffer.LoadAsync(Path.Combine(directory.Path, "missing.wav"), cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => AudioBuffer.LoadAsync(Path.Combine(directory.Path, "no", "missing.wav"), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task NaN_IsRejectedByDefault_NamingTheFrameAndTheOption()
    {
        using var stream = new MemoryStream(FloatWav(0.1f, 0.2f, float.NaN, 0.3f));
        var error = await Assert.ThrowsAsync<AudioFormatException>(() => AudioBuffer.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("Frame 2", error.Message);
        Assert.Contains("NaN", error.Message);
        Assert.Contains("ReplaceNonFiniteSamples", error.Message);
    }

    [Fact]
    public async Task NonFinite_CanBeReplacedWithZero()
    {
        using var stream = new MemoryStream(FloatWav(0.1f, float.PositiveInfinity, float.NaN, float.NegativeInfinity, 0.3f));
        using var buffer = await AudioBuffer.LoadAsync(stream, new AudioLoadOptions { ReplaceNonFiniteSamples = true }, TestContext.Current.CancellationToken);
        Assert.Equal([0.1f, 0, 0, 0, 0.3f], buffer.GetChannel(0).ToArray());
    }

    [Fact]
    public async Task ZeroFrames_LoadsAsAnEmptyBuffer()
    {
        using var stream = new MemoryStream(new WavBuilder().Fmt(1, 2, 44100, 16).Chunk("data", []).Build());
        using var buffer = await AudioBuffer.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(0, buffer.FrameCount);
        Assert.Equal(2, buffer.ChannelCount);
        Assert.Equal(44100, buffer.SampleRate);
    }

    [Fact]
    public async Task SaveThenLoad_RoundTripsThroughTheFileSystem()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "x.wav");
        var signal = Signal(12345, 2, 32000);
        using var original = AudioBuffer.FromInterleaved(signal, 2, 32000);
        // The design.md shapes: LoadAsync(path, ct) and SaveWavAsync(path, ct), float32 by default.
        await original.SaveWavAsync(path, TestContext.Current.CancellationToken);
        using var loaded = await AudioBuffer.LoadAsync(path, TestContext.Current.CancellationToken);
        var back = new float[signal.Length];
        loaded.CopyToInterleaved(back);
        Assert.Equal(signal, back);
    }

    [Fact]
    public async Task NonSeekableStream_Loads_AndIsLeftOpen()
    {
        using var original = AudioBuffer.FromInterleaved(Signal(1000, 1, 8000), 1, 8000);
        var bytes = new MemoryStream();
        original.SaveWav(bytes, WavSampleFormat.Pcm16);
        var inner = new MemoryStream(bytes.ToArray());
        using var stream = new NonSeekableStream(inner);
        using var loaded = await AudioBuffer.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(1000, loaded.FrameCount);
        Assert.True(inner.CanRead);
    }

    [Fact]
    public async Task UnrecognisedContent_WithAWavExtension_SaysItIsNotRiff()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "fake.wav");
        await File.WriteAllTextAsync(path, "this is a text file, not audio at all......", TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<AudioFormatException>(() => AudioBuffer.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("'RIFF'", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public async Task EmptyFile_SaysItIsEmpty()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "empty.flac");
        await File.WriteAllBytesAsync(path, [], TestContext.Current.CancellationToken);
        var error = await Assert.ThrowsAsync<AudioFormatException>(() => AudioBuffer.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("is empty (0 bytes)", error.Message);
        await Assert.ThrowsAsync<AudioFormatException>(() => AudioBuffer.LoadAsync(new MemoryStream(), cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => AudioBuffer.LoadAsync(Decoding.CodecFixtures.Path("source_tone_44k_stereo.wav"), cancellationToken: cts.Token));
    }
}
