using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation;

/// <summary>The streaming file path: same stems as in memory, all-or-nothing files, cancellation, bad input.</summary>
public sealed class SeparateToFilesTests
{
    [Theory]
    [InlineData(44_100, 2, new[] { Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals })]
    [InlineData(48_000, 1, new[] { Stem.Vocals, Stem.Accompaniment })]
    public async Task FilesHoldTheSameStemsAsTheInMemoryResult(int rate, int channels, Stem[] stems)
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        using var separator = SeparatorTests.CreateSeparator();
        using var mix = SeparationTestAudio.Song(channels, rate * 25, rate);
        var input = Path.Combine(directory.Path, "song.wav");
        await mix.SaveWavAsync(input, ct);
        var output = Path.Combine(directory.Path, "out", "stems");

        var reports = new List<ProcessingProgress>();
        var files = await separator.Stems(stems).SeparateToFilesAsync(input, output, new SynchronousProgress(reports.Add), ct);

        using var memory = await separator.Stems(stems).SeparateAsync(mix, cancellationToken: ct);
        Assert.Equal(stems.Select(s => Path.Combine(output, StemNames.Name(s) + ".wav")).Order(), files.Values.Order());
        var loaded = new List<AudioBuffer>();
        try
        {
            foreach (var stem in stems)
            {
                var audio = await AudioBuffer.LoadAsync(files[stem], ct);
                loaded.Add(audio);
                Assert.Equal(rate, audio.SampleRate);
                Assert.Equal(channels, audio.ChannelCount);
                Assert.Equal(mix.FrameCount, audio.FrameCount);
                for (var c = 0; c < channels; c++)
                {
                    var expected = memory[stem].GetChannel(c);
                    var actual = audio.GetChannel(c);
                    for (var i = 0; i < actual.Length; i += 7)
                    {
                        Assert.Equal(expected[i], actual[i], 1e-6f);
                    }
                }
            }

            Assert.InRange(SeparationTestAudio.SumError(mix, loaded), 0f, 1e-4f);
        }
        finally
        {
            loaded.ForEach(b => b.Dispose());
        }

        Assert.Equal(stems.Length, Directory.GetFiles(output).Length);
        Assert.Contains(reports, r => r.Stage == "decode");
        Assert.Equal(1.0, reports.Last(r => r.Stage == "separate").Fraction);
    }

    [Theory]
    [InlineData("decode")]
    [InlineData("separate")]
    public async Task CancellationLeavesNoStemOrTemporaryFile(string stage)
    {
        using var directory = new TemporaryDirectory();
        using var separator = SeparatorTests.CreateSeparator();
        using var mix = SeparationTestAudio.Song(2, 44_100 * 70, 44_100);
        var input = Path.Combine(directory.Path, "song.wav");
        await mix.SaveWavAsync(input, TestContext.Current.CancellationToken);
        var output = Path.Combine(directory.Path, "stems");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "keep.txt"), "not ours");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var progress = new SynchronousProgress(p =>
        {
            if (p.Stage == stage)
            {
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => separator.Stems(Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals).SeparateToFilesAsync(input, output, progress, cts.Token));

        Assert.Equal(["keep.txt"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public async Task BadInputsFailClearlyAndWriteNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        using var separator = SeparatorTests.CreateSeparator();
        var output = Path.Combine(directory.Path, "stems");

        await Assert.ThrowsAsync<FileNotFoundException>(
            () => separator.Stems(Stem.Vocals).SeparateToFilesAsync(Path.Combine(directory.Path, "missing.wav"), output, cancellationToken: ct));

        using var mix = SeparationTestAudio.Song(2, 8000, 8000);
        mix.GetChannel(0)[5000] = float.NaN;
        var nan = Path.Combine(directory.Path, "nan.wav");
        await mix.SaveWavAsync(nan, ct);
        var error = await Assert.ThrowsAsync<AudioFormatException>(() => separator.Stems(Stem.Vocals).SeparateToFilesAsync(nan, output, cancellationToken: ct));
        Assert.Contains("5000", error.Message);
        Assert.Empty(Directory.GetFiles(output));

        var garbage = Path.Combine(directory.Path, "garbage.wav");
        await File.WriteAllBytesAsync(garbage, [.. Enumerable.Range(0, 400).Select(i => (byte)(i * 7))], ct);
        await Assert.ThrowsAsync<AudioFormatException>(() => separator.Stems(Stem.Vocals).SeparateToFilesAsync(garbage, output, cancellationToken: ct));
        Assert.Empty(Directory.GetFiles(output));
    }

    [Fact]
    public async Task AnEmptyFileGivesEmptyStemFiles()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        using var separator = SeparatorTests.CreateSeparator();
        using var empty = AudioBuffer.Create(2, 0, 44_100);
        var input = Path.Combine(directory.Path, "empty.wav");
        await empty.SaveWavAsync(input, ct);
        var files = await separator.Stems(Stem.Vocals, Stem.Accompaniment).SeparateToFilesAsync(input, directory.Path, cancellationToken: ct);
        using var vocals = await AudioBuffer.LoadAsync(files[Stem.Vocals], ct);
        Assert.Equal(0, vocals.FrameCount);
        Assert.Equal(2, vocals.ChannelCount);
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool, too late to cancel in step).</summary>
    internal sealed class SynchronousProgress(Action<ProcessingProgress> report) : IProgress<ProcessingProgress>
    {
        public void Report(ProcessingProgress value) => report(value);
    }
}
