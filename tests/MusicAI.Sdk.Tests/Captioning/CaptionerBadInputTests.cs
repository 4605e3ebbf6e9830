using System.Text.Json;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning;

namespace MusicAI.Sdk.Tests.Captioning;

/// <summary>Silence, noise, very short clips, speech, NaN, odd shapes: sensible output with low confidence, never a crash.</summary>
public sealed class CaptionerBadInputTests
{
    private static readonly Captioner s_captioner = new();

    private static Task<MusicDescription> DescribeAsync(AudioBuffer audio) =>
        s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

    [Fact]
    public async Task Silence_IsDescribedAsSilence()
    {
        using var audio = AudioBuffer.Create(2, 44100 * 10, 44100);

        var d = await DescribeAsync(audio);

        Assert.Null(d.Tempo.Bpm);
        Assert.Null(d.Key.Name);
        Assert.True(double.IsNegativeInfinity(d.Loudness.IntegratedLufs));
        Assert.Equal(0, d.Loudness.Confidence);
        Assert.False(d.Vocals.Present);
        Assert.Equal("Silence: nothing audible.", d.Caption);
        Assert.Equal(["silence"], d.Tags);
        using var json = JsonDocument.Parse(d.ToJson());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("loudness_lufs").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("tempo_bpm").ValueKind);
    }

    [Fact]
    public async Task WhiteNoise_ClaimsNoBeatAndNoKey()
    {
        using var audio = SyntheticMusic.Stereo(SyntheticMusic.Noise(20, 44100), 44100);

        var d = await DescribeAsync(audio);

        Assert.True(d.Tempo.Confidence < 0.5);
        Assert.True(d.Key.Confidence < 0.5);
        Assert.DoesNotContain("BPM", d.Caption, StringComparison.Ordinal);
        Assert.DoesNotContain(" major", d.Caption, StringComparison.Ordinal);
        Assert.DoesNotContain(" minor", d.Caption, StringComparison.Ordinal);
        Assert.Contains("no clear beat or key", d.Caption, StringComparison.Ordinal);
        Assert.False(d.Vocals.Present);
    }

    [Fact]
    public async Task TwoSecondClip_HasLowConfidences()
    {
        var music = SyntheticMusic.Mix(SyntheticMusic.Chords(0, false, [0, 4], 1, 2), SyntheticMusic.ClickTrack(120, 2, firstBeat: 0.1));
        using var audio = SyntheticMusic.Mono(music);

        var d = await DescribeAsync(audio);

        Assert.True(d.Tempo.Confidence < 0.5, $"tempo {d.Tempo.Confidence}");
        Assert.True(d.Key.Confidence < 0.5, $"key {d.Key.Confidence}");
        Assert.True(d.Mood.Confidence < 0.5, $"mood {d.Mood.Confidence}");
        Assert.StartsWith("A short clip", d.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_IsASpokenVoiceWithNoBeat()
    {
        using var audio = await AudioBuffer.LoadAsync(TestAssets.Path("captioning", "speech_en_16k.wav"), TestContext.Current.CancellationToken);

        var d = await DescribeAsync(audio);

        Assert.True(d.Tempo.Confidence < 0.5, $"tempo {d.Tempo.Confidence}");
        Assert.True(d.Vocals.Present);
        Assert.True(d.Vocals.SpeechLike);
        Assert.DoesNotContain("BPM", d.Caption, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonFiniteSamples_CountAsSilence()
    {
        var music = SyntheticMusic.Mix(SyntheticMusic.Chords(9, true, [0, 3, 4, 0], 2, 20), SyntheticMusic.ClickTrack(100, 20));
        var damaged = (float[])music.Clone();
        for (var i = 1000; i < damaged.Length; i += 4999)
        {
            damaged[i] = i % 3 == 0 ? float.NaN : float.PositiveInfinity;
        }

        using var clean = SyntheticMusic.Mono(music);
        using var dirty = SyntheticMusic.Mono(damaged);

        var a = await DescribeAsync(clean);
        var b = await DescribeAsync(dirty);

        Assert.True(double.IsFinite(b.Loudness.IntegratedLufs));
        Assert.Equal(a.Loudness.IntegratedLufs, b.Loudness.IntegratedLufs, 0.2);
        Assert.Equal(a.Key.Name, b.Key.Name);
        Assert.Equal(a.Tempo.Bpm!.Value, b.Tempo.Bpm!.Value, 1.0);
        Assert.True(float.IsNaN(dirty.GetChannel(0)[1000]) || float.IsInfinity(dirty.GetChannel(0)[1000]), "the caller's buffer is not changed");
    }

    [Theory]
    [InlineData(8000, 1)]
    [InlineData(11025, 2)]
    [InlineData(96000, 2)]
    [InlineData(48000, 6)]
    public async Task AnyRateAndChannelCount_Works(int sampleRate, int channels)
    {
        var music = SyntheticMusic.Mix(
            SyntheticMusic.Chords(7, false, [0, 3, 4, 0], 2, 20, sampleRate),
            SyntheticMusic.ClickTrack(120, 20, sampleRate: sampleRate));
        using var audio = AudioBuffer.FromChannels(sampleRate, [.. Enumerable.Range(0, channels).Select(_ => (float[])music.Clone())]);

        var d = await DescribeAsync(audio);

        Assert.Equal(sampleRate, d.SampleRate);
        Assert.Equal(channels, d.ChannelCount);
        Assert.Equal(20, d.Duration.TotalSeconds, 0.01);
        Assert.Equal(120, d.Tempo.Bpm!.Value, 120 * 0.04);
        Assert.Equal("G major", d.Key.Name);
    }

    [Fact]
    public async Task EmptyBuffer_IsSilence()
    {
        using var audio = AudioBuffer.Create(1, 0, 44100);

        var d = await DescribeAsync(audio);

        Assert.Equal(TimeSpan.Zero, d.Duration);
        Assert.Null(d.Tempo.Bpm);
        Assert.Empty(d.Sections);
        Assert.Equal("Silence: nothing audible.", d.Caption);
    }
}
