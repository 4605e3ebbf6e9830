using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>The neural engines behind the public <see cref="Separator"/> (<c>WithModel(path)</c>), on the tiny models.</summary>
public sealed class NeuralSeparatorIntegrationTests
{
    [Theory]
    [InlineData("mdx_tiny_6144.onnx", "mdx-net")]
    [InlineData("htdemucs_tiny_a.onnx", "htdemucs")]
    [InlineData("htdemucs_tiny_b.onnx", "htdemucs")]
    public async Task WithModel_SeparatesMono48kHz_IntoStemsThatSumToTheMix(string model, string engine)
    {
        var ct = TestContext.Current.CancellationToken;
        using var cache = new TemporaryDirectory();
        await using var client = CreateClient(cache.Path);
        var signal = NeuralTestSignal.Generate(3 * 48_000);
        using var mix = AudioBuffer.FromChannels(48_000, signal[0]);

        using var stems = await client.Separator.Stems(Stem.Vocals, Stem.Accompaniment).WithModel(NeuralFixtures.Path(model)).SeparateAsync(mix, cancellationToken: ct);

        Assert.StartsWith(engine, stems.Engine, StringComparison.Ordinal);
        var vocals = stems[Stem.Vocals];
        var accompaniment = stems[Stem.Accompaniment];
        Assert.Equal((48_000, 1, mix.FrameCount), (vocals.SampleRate, vocals.ChannelCount, vocals.FrameCount));
        var input = mix.GetChannel(0);
        var v = vocals.GetChannel(0);
        var a = accompaniment.GetChannel(0);
        for (var i = 0; i < input.Length; i++)
        {
            Assert.Equal(input[i], v[i] + a[i], 1e-5f);
        }

        Assert.Contains(v.ToArray(), s => s != 0f);
    }
    [Fact]
    public async Task WithModel_AModelOffContract_FailsNamingExpectedAndActualShapes_AndWritesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        await using var client = CreateClient(directory.Path);
        var input = Path.Combine(directory.Path, "mix.wav");
        var signal = NeuralTestSignal.Generate(44_100);
        using (var mix = AudioBuffer.FromChannels(44_100, signal[0], signal[1]))
        {
            await mix.SaveWavAsync(input, ct);
        }

        var output = Path.Combine(directory.Path, "stems");
        var error = await Assert.ThrowsAsync<ModelContractException>(() =>
            client.Separator.Stems(Stem.Vocals, Stem.Accompaniment).WithModel(NeuralFixtures.Path("three_inputs.onnx")).SeparateToFilesAsync(input, output, cancellationToken: ct));

        Assert.Contains("match no separator", error.Message, StringComparison.Ordinal);
        Assert.Contains("[", error.Expected, StringComparison.Ordinal);
        Assert.Contains("[", error.Actual, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any(), "no stem file may be written");
    }

    [Fact]
    public async Task WithModel_CancelledMidFile_LeavesNoStemFile()
    {
        using var directory = new TemporaryDirectory();
        await using var client = CreateClient(directory.Path);
        var input = Path.Combine(directory.Path, "mix.wav");
        var signal = NeuralTestSignal.Generate(30 * 44_100);
        using (var mix = AudioBuffer.FromChannels(44_100, signal[0], signal[1]))
        {
            await mix.SaveWavAsync(input, TestContext.Current.CancellationToken);
        }

        var output = Path.Combine(directory.Path, "stems");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var fractions = new List<double?>();
        var progress = new SeparateToFilesTests.SynchronousProgress(p =>
        {
            if (p.Stage == "separate" && p.Fraction is > 0.2 and < 1)
            {
                fractions.Add(p.Fraction);
                cts.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Separator.Stems(Stem.Vocals, Stem.Accompaniment).WithModel(NeuralFixtures.Path("mdx_tiny_6144.onnx")).SeparateToFilesAsync(input, output, progress, cts.Token));

        Assert.NotEmpty(fractions);
        Assert.True(!Directory.Exists(output) || !Directory.EnumerateFileSystemEntries(output).Any(), "a cancelled separation must leave no stem or temporary file");
    }

    private static MusicAIClient CreateClient(string cache) => MusicAIClient.Create(o =>
    {
        o.ModelDirectory = cache;
        o.Offline = true;
        o.ExecutionProviders = [ExecutionProvider.Cpu];
    });
}
