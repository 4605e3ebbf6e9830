using MusicAI.Sdk.Captioning;

namespace MusicAI.Sdk.Tests.Captioning;

/// <summary>Loudness through the public API, on EBU Tech 3341/3342-style signals synthesized here.</summary>
public sealed class CaptionerLoudnessTests
{
    private static readonly Captioner s_captioner = new();

    [Theory]
    [InlineData(-23.0)] // Tech 3341 test 1
    [InlineData(-33.0)] // Tech 3341 test 2
    public async Task StereoSine1k_HasTheNominalLoudness(double dbfs)
    {
        using var audio = SyntheticMusic.Stereo(SyntheticMusic.Sine(1000, dbfs, 20, 48000), 48000);

        var description = await s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(dbfs, description.Loudness.IntegratedLufs, 0.1);
        Assert.Equal(1, description.Loudness.Confidence);
        Assert.Equal(3.01, description.Dynamics.CrestFactorDb, 0.05);
    }

    [Fact]
    public async Task GatedSequence_IgnoresTheQuietParts()
    {
        // Tech 3341 test 3: −36 / −23 / −36 dBFS for 10 / 60 / 10 s → −23.0 LUFS.
        var signal = SyntheticMusic.Concat(SyntheticMusic.Sine(1000, -36, 10, 48000), SyntheticMusic.Sine(1000, -23, 60, 48000), SyntheticMusic.Sine(1000, -36, 10, 48000));
        using var audio = SyntheticMusic.Stereo(signal, 48000);

        var description = await s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(-23.0, description.Loudness.IntegratedLufs, 0.1);
    }

    [Fact]
    public async Task TwoLevels_GiveTheirLoudnessRange()
    {
        // Tech 3342 test 1: −20 then −30 dBFS for 20 s each → LRA 10 ± 1 LU.
        var signal = SyntheticMusic.Concat(SyntheticMusic.Sine(1000, -20, 20, 48000), SyntheticMusic.Sine(1000, -30, 20, 48000));
        using var audio = SyntheticMusic.Stereo(signal, 48000);

        var description = await s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(10, description.Loudness.RangeLu, 1.0);
    }

    [Fact]
    public async Task InterSamplePeak_IsFoundByTheTruePeak()
    {
        // Tech 3341 test 15 style: fs/4 sine at 45° phase — samples peak at −3.01 dBFS, the waveform at 0 dBTP.
        var signal = SyntheticMusic.Sine(12000, 0, 10, 48000, phase: Math.PI / 4);
        using var audio = SyntheticMusic.Stereo(signal, 48000);

        var description = await s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.InRange(description.Loudness.TruePeakDbtp, -0.4, 0.2);
    }

    [Fact]
    public async Task StreamedFile_MatchesTheInMemoryMeasurement()
    {
        // 150 s at three levels: the streamed path meters 60 s windows with a 3 s pre-roll.
        var signal = SyntheticMusic.Concat(
            SyntheticMusic.Sine(440, -18, 50, 48000),
            SyntheticMusic.Sine(880, -30, 50, 48000),
            SyntheticMusic.Sine(220, -24, 50, 48000));
        using var audio = SyntheticMusic.Stereo(signal, 48000);
        using var directory = new TemporaryDirectory();
        var path = System.IO.Path.Combine(directory.Path, "levels.wav");
        await audio.SaveWavAsync(path, TestContext.Current.CancellationToken);

        var inMemory = await s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);
        var streamed = await s_captioner.AnalyzeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(inMemory.Loudness.IntegratedLufs, streamed.Loudness.IntegratedLufs, 0.02);
        Assert.Equal(inMemory.Loudness.RangeLu, streamed.Loudness.RangeLu, 0.1);
        Assert.Equal(inMemory.Loudness.TruePeakDbtp, streamed.Loudness.TruePeakDbtp, 0.01);
        Assert.Equal(inMemory.Tempo.Bpm.HasValue, streamed.Tempo.Bpm.HasValue);
        Assert.Equal(inMemory.Key.Name, streamed.Key.Name);
    }
}
