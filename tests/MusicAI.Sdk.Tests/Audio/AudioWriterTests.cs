using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Wav;
using static MusicAI.Sdk.Tests.Audio.AudioTestHelpers;

namespace MusicAI.Sdk.Tests.Audio;

public sealed class AudioWriterTests
{
    private static float[] ReadFile(string path)
    {
        using var source = WavSampleSource.Open(File.OpenRead(path), ownsStream: true, path, out _)!;
        return ReadAll(source);
    }

    [Fact]
    public async Task ChunkedWrites_ThenComplete_ProduceTheFileAndNoLeftovers()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "stem.wav");
        var signal = Signal(10_000, 2, 44100);
        await using (var writer = AudioWriter.Create(path, 44100, 2, WavSampleFormat.Float32))
        {
            Assert.False(File.Exists(path));
            writer.Write(signal.AsSpan(0, 2 * 1234));
            await writer.WriteAsync(signal.AsMemory(2 * 1234), TestContext.Current.CancellationToken);
            Assert.Equal(10_000, writer.FramesWritten);
            await writer.CompleteAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal([path], Directory.GetFiles(directory.Path));
        Assert.Equal(signal, ReadFile(path));
    }

    [Fact]
    public void DisposeWithoutComplete_LeavesNoFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "partial.wav");
        using (var writer = AudioWriter.Create(path, 8000, 1))
        {
            writer.Write(new float[800]);
            Assert.Single(Directory.GetFiles(directory.Path), f => f.StartsWith(path + ".tmp-", StringComparison.Ordinal));
        }

        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task CancelledWrite_LeavesNoFile_AndTheWriterCannotComplete()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "cancelled.wav");
        using var cts = new CancellationTokenSource();
        var writer = AudioWriter.Create(path, 8000, 1);
        await using (writer)
        {
            writer.Write(new float[100]);
            await cts.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await writer.WriteAsync(new float[100_000], cts.Token));
            Assert.Throws<InvalidOperationException>(writer.Complete);
        }

        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public async Task SaveWavAsync_Cancelled_LeavesTheOldTargetIntactAndNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "song.wav");
        await File.WriteAllTextAsync(path, "old content", TestContext.Current.CancellationToken);
        using var buffer = AudioBuffer.Create(2, 100_000, 44100);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => buffer.SaveWavAsync(path, WavSampleFormat.Pcm16, cts.Token));

        Assert.Equal([path], Directory.GetFiles(directory.Path));
        Assert.Equal("old content", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void FailedMove_LeavesTheOldTargetIntactAndNoTemporaryFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "song.wav");
        File.WriteAllText(path, "old content");
        var writer = AudioWriter.Create(path, 8000, 1);
        using (writer)
        {
            writer.Write(new float[10]);

            // The target becomes a directory, so the rename must fail.
            File.Delete(path);
            Directory.CreateDirectory(path);
            Assert.ThrowsAny<IOException>(writer.Complete);
        }

        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.GetFiles(directory.Path));
    }

    [Fact]
    public void Complete_ReplacesAnExistingFile()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "song.wav");
        File.WriteAllText(path, "old content");
        using (var writer = AudioWriter.Create(path, 8000, 1, WavSampleFormat.Pcm16))
        {
            writer.Write([0.5f, -0.5f]);
            writer.Complete();
            writer.Complete();
        }

        Assert.Equal([0.5f, -0.5f], ReadFile(path));
    }

    [Fact]
    public void StreamingWriter_SwitchesToRf64_AboveTheInjectedLimit_AndReadsBack()
    {
        using var directory = new TemporaryDirectory();
        var small = Path.Combine(directory.Path, "small.wav");
        var large = Path.Combine(directory.Path, "large.wav");
        var signal = Signal(3000, 2, 22050);
        foreach (var (path, frames) in new[] { (small, 100), (large, 3000) })
        {
            using var writer = AudioWriter.Create(path, 22050, 2, WavSampleFormat.Pcm24, riffLimit: 4096);
            writer.Write(signal.AsSpan(0, frames * 2));
            writer.Complete();
        }

        var smallBytes = File.ReadAllBytes(small);
        var largeBytes = File.ReadAllBytes(large);
        Assert.Equal("RIFF"u8.ToArray(), smallBytes[..4]);
        Assert.Equal("JUNK"u8.ToArray(), smallBytes[12..16]);
        Assert.Equal("RF64"u8.ToArray(), largeBytes[..4]);
        Assert.Equal("ds64"u8.ToArray(), largeBytes[12..16]);
        Assert.Equal((long)largeBytes.Length - 8, BitConverter.ToInt64(largeBytes, 20));

        var back = ReadFile(large);
        Assert.Equal(signal.Length, back.Length);
        for (var i = 0; i < signal.Length; i++)
        {
            Assert.InRange(Math.Abs(back[i] - signal[i]), 0, 1.0 / 8388608);
        }

        Assert.Equal(200, ReadFile(small).Length);
    }

    [Fact]
    public void Arguments_AreValidatedAtTheBoundary()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "a.wav");
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioWriter.Create(path, 10, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioWriter.Create(path, 8000, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioWriter.Create(path, 8000, 1, (WavSampleFormat)42));
        Assert.Throws<ArgumentException>(() => AudioWriter.Create(directory.Path, 8000, 1));
        Assert.Throws<DirectoryNotFoundException>(() => AudioWriter.Create(Path.Combine(directory.Path, "missing", "a.wav"), 8000, 1));
        using var writer = AudioWriter.Create(path, 8000, 2);
        Assert.Throws<ArgumentException>(() => writer.Write(new float[3]));
        using var mono = AudioBuffer.Create(1, 10, 8000);
        Assert.Throws<ArgumentException>(() => writer.Write(mono));
        Assert.DoesNotContain(Directory.GetFiles(directory.Path), f => !f.Contains(".tmp-", StringComparison.Ordinal));
    }
}
