using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation.Pipeline;

/// <summary>
/// How the separator adapts input to an engine that needs a fixed rate and channel count (the neural engines' shape),
/// checked with a gain engine whose output is known exactly.
/// </summary>
public sealed class ModelEngineAdaptationTests
{
    [Theory]
    [InlineData(6)]
    [InlineData(3)]
    [InlineData(2)]
    public async Task ChannelGroupsKeepEveryChannelAndSumToTheMix(int channels)
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new GainEngine(44_100, 2, [Stem.Vocals], [0.25f]);
        using var separator = SeparatorTests.CreateSeparator(_ => engine);
        using var mix = SeparationTestAudio.Song(channels, 30_000, 44_100);
        using var result = await separator.Stems(Stem.Vocals, Stem.Accompaniment).WithModel("gain").SeparateAsync(mix, cancellationToken: ct);
        for (var c = 0; c < channels; c++)
        {
            // Group member j of a full pair is scaled by (1 + j); a lone last channel is duplicated and averaged.
            var lone = channels % 2 == 1 && c == channels - 1;
            var gain = 0.25f * (lone ? 1.5f : 1 + (c % 2));
            var input = mix.GetChannel(c);
            var vocals = result[Stem.Vocals].GetChannel(c);
            for (var i = 0; i < input.Length; i += 11)
            {
                Assert.Equal(gain * input[i], vocals[i], 1e-6f);
            }
        }

        Assert.InRange(SeparationTestAudio.SumError(mix, [result[Stem.Vocals], result[Stem.Accompaniment]]), 0f, 1e-5f);
        Assert.Equal((channels + 1) / 2, engine.Calls);
    }

    [Fact]
    public async Task ChannelGroupsStreamToFilesLikeInMemory()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        var engine = new GainEngine(44_100, 2, [Stem.Vocals, Stem.Accompaniment], [0.3f, 0.7f], blockFrames: 7000);
        using var separator = SeparatorTests.CreateSeparator(_ => engine);
        using var mix = SeparationTestAudio.Song(5, 50_000, 44_100);
        var input = Path.Combine(directory.Path, "surround.wav");
        await mix.SaveWavAsync(input, ct);
        var files = await separator.Stems(Stem.Vocals, Stem.Accompaniment).WithModel("gain").SeparateToFilesAsync(input, directory.Path, cancellationToken: ct);
        using var memory = await separator.Stems(Stem.Vocals, Stem.Accompaniment).WithModel("gain").SeparateAsync(mix, cancellationToken: ct);
        using var vocals = await AudioBuffer.LoadAsync(files[Stem.Vocals], ct);
        for (var c = 0; c < 5; c++)
        {
            Assert.Equal(memory[Stem.Vocals].GetChannel(c).ToArray(), vocals.GetChannel(c).ToArray());
        }

        Assert.Equal(["accompaniment.wav", "surround.wav", "vocals.wav"], Directory.GetFiles(directory.Path).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData(8_000)]
    [InlineData(48_000)]
    [InlineData(192_000)]
    public async Task OtherRatesAreResampledInAndOutAndStillSumToTheMix(int rate)
    {
        var ct = TestContext.Current.CancellationToken;
        var engine = new GainEngine(44_100, 2, [Stem.Accompaniment], [0.6f]);
        using var separator = SeparatorTests.CreateSeparator(_ => engine);
        // Tones well inside every pass band, so the band-limited round trip through 44.1 kHz is transparent.
        using var mix = AudioBuffer.FromChannels(rate, [.. Enumerable.Range(0, rate).Select(i => (float)((0.3 * Math.Sin(2 * Math.PI * 220 * i / rate)) + (0.2 * Math.Sin(2 * Math.PI * 1250 * i / rate))))]);
        using var result = await separator.Stems(Stem.Vocals, Stem.Accompaniment).WithModel("inst").SeparateAsync(mix, cancellationToken: ct);
        Assert.Equal(rate, result[Stem.Vocals].SampleRate);
        Assert.Equal(rate, result[Stem.Vocals].FrameCount);
        Assert.InRange(SeparationTestAudio.SumError(mix, [result[Stem.Vocals], result[Stem.Accompaniment]]), 0f, 1e-5f);

        // Mono is duplicated to the engine's two channels and averaged back: accompaniment ≈ 0.6 · 1.5 · mix away from
        // the edges.
        var mixed = mix.GetChannel(0);
        var accompaniment = result[Stem.Accompaniment].GetChannel(0);
        double error = 0, energy = 0;
        for (var i = rate / 10; i < rate * 9 / 10; i++)
        {
            var expected = 0.9 * mixed[i];
            error += (accompaniment[i] - expected) * (accompaniment[i] - expected);
            energy += expected * expected;
        }

        Assert.True(10 * Math.Log10(energy / error) > 60, $"SNR {10 * Math.Log10(energy / error):0.0} dB");
    }

    [Fact]
    public async Task StemsAreDerivedFromWhatTheEngineMakes()
    {
        var ct = TestContext.Current.CancellationToken;
        var four = new GainEngine(0, 0, [Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals], [0.1f, 0.2f, 0.3f, 0.4f]);
        using var separator = SeparatorTests.CreateSeparator(_ => four);
        using var mix = SeparationTestAudio.Song(1, 5000, 16_000);
        using var accompaniment = await separator.Stems(Stem.Accompaniment).WithModel("four").SeparateAsync(mix, cancellationToken: ct);
        using var vocalsOnly = await separator.Stems(Stem.Vocals).WithModel("four").SeparateAsync(mix, cancellationToken: ct);
        for (var i = 0; i < 5000; i += 13)
        {
            Assert.Equal(0.6f * mix.GetChannel(0)[i], accompaniment[Stem.Accompaniment].GetChannel(0)[i], 1e-6f);
            Assert.Equal(0.4f * mix.GetChannel(0)[i], vocalsOnly[Stem.Vocals].GetChannel(0)[i], 1e-6f);
        }

        var two = new GainEngine(0, 0, [Stem.Vocals, Stem.Accompaniment], [0.5f, 0.5f]);
        using var twoSeparator = SeparatorTests.CreateSeparator(_ => two);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => twoSeparator.Stems(Stem.Drums).WithModel("two").SeparateAsync(mix, cancellationToken: ct));
        Assert.Contains("drums cannot be derived", error.Message);
    }

    [Fact]
    public async Task EnginesAreCreatedOncePerModelAndDisposedWithTheSeparator()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = new List<GainEngine>();
        var separator = SeparatorTests.CreateSeparator(_ =>
        {
            var engine = new GainEngine(0, 0, [Stem.Vocals], [1f]);
            created.Add(engine);
            return engine;
        });
        using var mix = SeparationTestAudio.Song(1, 1000, 8000);
        (await separator.Stems(Stem.Vocals).WithModel("a").SeparateAsync(mix, cancellationToken: ct)).Dispose();
        (await separator.Stems(Stem.Vocals).WithModel("a").SeparateAsync(mix, cancellationToken: ct)).Dispose();
        (await separator.Stems(Stem.Vocals).WithModel("b").SeparateAsync(mix, cancellationToken: ct)).Dispose();
        Assert.Equal(2, created.Count);
        Assert.Equal(2, created[0].Calls);
        separator.Dispose();
        Assert.All(created, e => Assert.True(e.Disposed));
    }
}
