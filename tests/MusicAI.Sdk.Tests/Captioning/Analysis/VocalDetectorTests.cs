using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Analysis;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

public sealed class VocalDetectorTests
{
    [Fact]
    public async Task Speech_IsVoice()
    {
        using var speech = await AudioBuffer.LoadAsync(TestAssets.Path("captioning", "speech_en_16k.wav"), TestContext.Current.CancellationToken);

        var analysis = AnalysisRunner.Analyze(speech);

        Assert.True(analysis.Vocals.SungFraction >= 0.5, $"voice fraction {analysis.Vocals.SungFraction:0.00}");
        Assert.True(analysis.Vocals.VoiceHarmonicShare < 0.5, $"harmonic share {analysis.Vocals.VoiceHarmonicShare:0.00}");
    }

    [Fact]
    public async Task ACappellaSinging_IsVoice_InALowRegister()
    {
        var path = SharedFixture("vocadito_10.wav");
        using var singing = await AudioBuffer.LoadAsync(path, TestContext.Current.CancellationToken);

        var analysis = AnalysisRunner.Analyze(singing);

        // The clip is a male voice, median pitch ≈ 127 Hz by the reference transcription (note_events.npz).
        Assert.True(analysis.Vocals.SungFraction >= 0.6, $"voice fraction {analysis.Vocals.SungFraction:0.00}");
        Assert.NotNull(analysis.Vocals.MedianPitchHz);
        Assert.InRange(analysis.Vocals.MedianPitchHz!.Value, 100, 165);
        Assert.True(analysis.Vocals.VoiceHarmonicShare >= 0.5);
    }

    [Fact]
    public async Task SingingOverAccompaniment_IsVoice()
    {
        var path = SharedFixture("vocadito_10.wav");
        using var singing = await AudioBuffer.LoadAsync(path, new AudioLoadOptions { SampleRate = 22050, ChannelCount = 1 }, TestContext.Current.CancellationToken);
        var voice = singing.GetChannel(0).ToArray();
        var accompaniment = SyntheticMusic.Mix(
            SyntheticMusic.Chords(11, false, [0, 3, 4, 0], 2, voice.Length / 22050.0, amplitude: 0.08),
            SyntheticMusic.ClickTrack(100, voice.Length / 22050.0));

        var analysis = AnalysisRunner.Analyze(SyntheticMusic.Mix(voice, accompaniment));
        var instrumental = AnalysisRunner.Analyze(accompaniment);

        Assert.True(analysis.Vocals.SungFraction >= VocalDetector.PresenceFraction, $"with voice {analysis.Vocals.SungFraction:0.00}");
        Assert.True(instrumental.Vocals.SungFraction < VocalDetector.PresenceFraction, $"without voice {instrumental.Vocals.SungFraction:0.00}");
    }

    [Fact]
    public void SteadyInstruments_AreNotVoice()
    {
        var music = SyntheticMusic.Mix(SyntheticMusic.Chords(4, true, [0, 5, 3, 4], 2, 24), SyntheticMusic.ClickTrack(96, 24));

        var analysis = AnalysisRunner.Analyze(music);

        Assert.True(analysis.Vocals.SungFraction < VocalDetector.PresenceFraction, $"voice fraction {analysis.Vocals.SungFraction:0.00}");
        Assert.True(analysis.Vocals.Confidence <= VocalDetector.MaxConfidence);
    }

    private static string SharedFixture(string name)
    {
        var path = TestAssets.SharedModels is { } models ? System.IO.Path.Combine(models, "fixtures", "basic-pitch", name) : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Skip($"The shared fixture {name} (../shared/models/fixtures/basic-pitch) is not present.");
        }

        return path!;
    }
}
