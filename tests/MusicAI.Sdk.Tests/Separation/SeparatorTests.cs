using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation;

/// <summary>The public Separator with the built-in DSP engine: shapes, sum-to-mix, odd inputs, options.</summary>
public sealed class SeparatorTests
{
    private static readonly Stem[] s_four = [Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals];

    public static TheoryData<int, int, int> OddInputs => new()
    {
        { 44_100, 2, 44_100 * 3 },
        { 8_000, 1, 8_000 * 2 },
        { 192_000, 2, 192_000 / 2 },
        { 48_000, 6, 48_000 },
        { 11_025, 3, 11_025 * 2 },
        { 44_100, 2, 441 },
        { 8_000, 1, 80 },
        { 22_050, 1, 1 },
    };

    [Theory]
    [MemberData(nameof(OddInputs))]
    public async Task StemsHaveTheInputsShapeAndSumToTheMix(int rate, int channels, int frames)
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var mix = SeparationTestAudio.Song(channels, frames, rate);
        foreach (var stems in new[] { s_four, [Stem.Vocals, Stem.Accompaniment] })
        {
            using var result = await separator.Stems(stems).SeparateAsync(mix, cancellationToken: ct);
            Assert.Equal(stems, result.Stems);
            Assert.Equal(Separator.BuiltInModel, result.Engine);
            foreach (var stem in stems)
            {
                var audio = result[stem];
                Assert.Equal(rate, audio.SampleRate);
                Assert.Equal(channels, audio.ChannelCount);
                Assert.Equal(frames, audio.FrameCount);
                Assert.True(SeparationTestAudio.AllFinite(audio));
            }

            Assert.InRange(SeparationTestAudio.SumError(mix, stems.Select(s => result[s])), 0f, 1e-4f);
        }
    }

    [Fact]
    public async Task VocalsAreFoundInTheCentreAndTheOtherStemsAreNotEmpty()
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var mix = SeparationTestAudio.Song(2, 44_100 * 6, 44_100);
        using var result = await separator.Stems(s_four).SeparateAsync(mix, cancellationToken: ct);
        foreach (var stem in s_four)
        {
            Assert.True(Rms(result[stem]) > 0.005, $"{stem} is (nearly) silent");
        }
    }

    [Fact]
    public async Task SilenceGivesSilentStems()
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var silence = AudioBuffer.Create(2, 44_100, 44_100);
        using var result = await separator.Stems(s_four).SeparateAsync(silence, cancellationToken: ct);
        foreach (var stem in s_four)
        {
            Assert.True(SeparationTestAudio.AllFinite(result[stem]));
            Assert.Equal(0, Rms(result[stem]));
        }
    }

    [Fact]
    public async Task EmptyAudioGivesEmptyStems()
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var empty = AudioBuffer.Create(2, 0, 44_100);
        using var result = await separator.Stems(Stem.Vocals, Stem.Accompaniment).SeparateAsync(empty, cancellationToken: ct);
        Assert.Equal(0, result[Stem.Vocals].FrameCount);
        Assert.Equal(0, result[Stem.Accompaniment].FrameCount);
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    public async Task NonFiniteSamplesAreRejectedWithTheirPosition(float bad)
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var mix = SeparationTestAudio.Song(2, 4000, 8000);
        mix.GetChannel(1)[1234] = bad;
        var error = await Assert.ThrowsAsync<AudioFormatException>(() => separator.Stems(Stem.Vocals).SeparateAsync(mix, cancellationToken: ct));
        Assert.Contains("Sample 1234 of channel 1", error.Message);
        Assert.Contains("ReplaceNonFiniteSamples", error.Message);
    }

    [Fact]
    public void AbsurdRequestsAreRejectedAtOnce()
    {
        using var separator = CreateSeparator();
        Assert.Throws<ArgumentException>(() => separator.Stems());
        Assert.Throws<ArgumentException>(() => separator.Stems(Stem.Vocals, Stem.Vocals));
        var overlapping = Assert.Throws<ArgumentException>(() => separator.Stems(Stem.Accompaniment, Stem.Drums));
        Assert.Contains("Accompaniment already contains", overlapping.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => separator.Stems((Stem)42));
        var request = separator.Stems(Stem.Vocals);
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithOverlap(1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithOverlap(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => request.WithOverlap(float.NaN));
        Assert.Throws<ArgumentException>(() => request.WithModel(" "));
    }

    [Fact]
    public void RequestsAreImmutable()
    {
        using var separator = CreateSeparator();
        var request = separator.Stems(Stem.Vocals, Stem.Accompaniment);
        var overlapped = request.WithOverlap(0.5f);
        var modelled = overlapped.WithModel("some-model");
        Assert.Null(request.Overlap);
        Assert.Null(request.Model);
        Assert.Equal(0.5f, overlapped.Overlap);
        Assert.Null(overlapped.Model);
        Assert.Equal("some-model", modelled.Model);
        Assert.Equal(0.5f, modelled.Overlap);
    }

    [Fact]
    public async Task OverlapChangesTheChunkingButNotTheSumOrTheShape()
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var mix = SeparationTestAudio.Song(2, 44_100 * 45, 44_100);
        using var a = await separator.Stems(Stem.Vocals, Stem.Accompaniment).WithOverlap(0f).SeparateAsync(mix, cancellationToken: ct);
        using var b = await separator.Stems(Stem.Vocals, Stem.Accompaniment).WithOverlap(0.5f).SeparateAsync(mix, cancellationToken: ct);
        Assert.InRange(SeparationTestAudio.SumError(mix, [a[Stem.Vocals], a[Stem.Accompaniment]]), 0f, 1e-4f);
        Assert.InRange(SeparationTestAudio.SumError(mix, [b[Stem.Vocals], b[Stem.Accompaniment]]), 0f, 1e-4f);
        Assert.NotEqual(a[Stem.Vocals].GetChannel(0)[44_100 * 25], b[Stem.Vocals].GetChannel(0)[44_100 * 25]);
    }

    [Fact]
    public async Task ConcurrentRequestsGiveTheSameStemsAsOneAtATime()
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var first = SeparationTestAudio.Song(2, 44_100 * 2, 44_100, seed: 1);
        using var second = SeparationTestAudio.Song(1, 22_050 * 3, 22_050, seed: 2);
        using var a1 = await separator.Stems(s_four).SeparateAsync(first, cancellationToken: ct);
        using var b1 = await separator.Stems(s_four).SeparateAsync(second, cancellationToken: ct);
        var tasks = Enumerable.Range(0, 4).Select(i => separator.Stems(s_four).SeparateAsync(i % 2 == 0 ? first : second, cancellationToken: ct)).ToArray();
        var results = await Task.WhenAll(tasks);
        try
        {
            for (var i = 0; i < results.Length; i++)
            {
                var expected = i % 2 == 0 ? a1 : b1;
                foreach (var stem in s_four)
                {
                    Assert.Equal(expected[stem].GetChannel(0).ToArray(), results[i][stem].GetChannel(0).ToArray());
                }
            }
        }
        finally
        {
            foreach (var result in results)
            {
                result.Dispose();
            }
        }
    }

    [Fact]
    public async Task PathAndStreamInputsGiveTheSameStemsAsTheBuffer()
    {
        var ct = TestContext.Current.CancellationToken;
        using var directory = new TemporaryDirectory();
        using var separator = CreateSeparator();
        using var mix = SeparationTestAudio.Song(2, 22_050 * 2, 22_050);
        var path = Path.Combine(directory.Path, "mix.wav");
        await mix.SaveWavAsync(path, ct);
        using var fromBuffer = await separator.Stems(Stem.Vocals).SeparateAsync(mix, cancellationToken: ct);
        using var fromPath = await separator.Stems(Stem.Vocals).SeparateAsync(path, cancellationToken: ct);
        await using var stream = File.OpenRead(path);
        using var fromStream = await separator.Stems(Stem.Vocals).SeparateAsync(stream, cancellationToken: ct);
        Assert.Equal(fromBuffer[Stem.Vocals].GetChannel(1).ToArray(), fromPath[Stem.Vocals].GetChannel(1).ToArray());
        Assert.Equal(fromBuffer[Stem.Vocals].GetChannel(1).ToArray(), fromStream[Stem.Vocals].GetChannel(1).ToArray());
    }

    [Fact]
    public async Task ResultsAreIndexedByStemAndDisposeTheirBuffers()
    {
        var ct = TestContext.Current.CancellationToken;
        using var separator = CreateSeparator();
        using var mix = SeparationTestAudio.Song(1, 8000, 8000);
        var result = await separator.Stems(Stem.Vocals, Stem.Accompaniment).SeparateAsync(mix, cancellationToken: ct);
        Assert.True(result.Contains(Stem.Vocals));
        Assert.False(result.Contains(Stem.Drums));
        var missing = Assert.Throws<KeyNotFoundException>(() => result[Stem.Drums]);
        Assert.Contains("drums was not requested", missing.Message);
        var vocals = result[Stem.Vocals];
        result.Dispose();
        Assert.Throws<ObjectDisposedException>(() => vocals.GetChannel(0));
    }

    [Fact]
    public async Task ADisposedSeparatorRefusesWork()
    {
        var separator = CreateSeparator();
        var request = separator.Stems(Stem.Vocals);
        await separator.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => separator.Stems(Stem.Vocals));
        using var mix = AudioBuffer.Create(1, 100, 8000);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => request.SeparateAsync(mix, cancellationToken: TestContext.Current.CancellationToken));
    }

    internal static Separator CreateSeparator(Func<string, ISeparationEngine>? models = null) =>
        new(null, (id, _) => Task.FromResult(models?.Invoke(id) ?? throw new InvalidOperationException($"no test model {id}")));

    internal static double Rms(AudioBuffer audio)
    {
        double sum = 0;
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            foreach (var x in audio.GetChannel(c))
            {
                sum += x * x;
            }
        }

        return audio.FrameCount == 0 ? 0 : Math.Sqrt(sum / (audio.FrameCount * audio.ChannelCount));
    }
}
