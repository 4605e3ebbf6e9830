using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Neural;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Midi;
using MusicAI.Sdk.Tests.Runtime;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>The real basic-pitch model (from ../shared/models; skipped when absent) against upstream's golden outputs.</summary>
public sealed class MelodyTranscriberTests
{
    [Fact]
    public void SoxrResampledInput_ReproducesTheReferenceActivations()
    {
        var modelPath = BasicPitchFixtures.RequireModel();
        var fixtures = BasicPitchFixtures.RequireFixtures();

        using var factory = OnnxFixtures.CpuFactory();
        var engine = new BasicPitchEngine(factory.GetModel(modelPath, "basic-pitch"));
        var input = BasicPitchFixtures.ReadSoxrInput();
        var expected = BasicPitchFixtures.ReadReferenceActivations(fixtures);

        var actual = engine.Run(input, includeContour: true, progress: null, TestContext.Current.CancellationToken);

        Assert.Equal(expected.FrameCount, actual.FrameCount);
        var note = MaxAbsDifference(expected.Note, actual.Note);
        var onset = MaxAbsDifference(expected.Onset, actual.Onset);
        var contour = MaxAbsDifference(expected.Contour!, actual.Contour!);
        TestContext.Current.TestOutputHelper?.WriteLine($"max |Δ| note {note:G3}, onset {onset:G3}, contour {contour:G3}");
        Assert.True(note <= 1e-4 && onset <= 1e-4 && contour <= 1e-4, $"max |Δ| note {note:G3}, onset {onset:G3}, contour {contour:G3}");
    }

    [Fact]
    public void SoxrResampledInput_DecodesToTheReferenceNotes()
    {
        var modelPath = BasicPitchFixtures.RequireModel();

        using var factory = OnnxFixtures.CpuFactory();
        var engine = new BasicPitchEngine(factory.GetModel(modelPath, "basic-pitch"));
        var activations = engine.Run(BasicPitchFixtures.ReadSoxrInput(), includeContour: false, progress: null, TestContext.Current.CancellationToken);
        var expected = BasicPitchFixtures.ReadReferenceNotes();

        var events = NoteDecoder.Decode(activations, new NoteDecodingSettings());

        Assert.Equal(expected.Count, events.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Pitch, events[i].Pitch);
            Assert.Equal(expected[i].Start, BasicPitch.FrameToSeconds(events[i].StartFrame), 1e-9);
            Assert.Equal(expected[i].End, BasicPitch.FrameToSeconds(events[i].EndFrame), 1e-9);
            Assert.Equal(expected[i].Amplitude, events[i].Amplitude, 1e-4);
        }
    }

    [Fact]
    public async Task WavThroughTheSdkResampler_MatchesTheReferenceNotes()
    {
        var modelPath = BasicPitchFixtures.RequireModel();
        var fixtures = BasicPitchFixtures.RequireFixtures();

        var ct = TestContext.Current.CancellationToken;
        await using var host = new OfflineCpuClient();
        var transcriber = host.Transcriber(modelPath);
        using var audio = await AudioBuffer.LoadAsync(Path.Combine(fixtures, "vocadito_10.wav"), ct);

        // The activations, through the SDK's own resampler instead of soxr.
        var engine = await transcriber.LoadEngineAsync(null, ct);
        using var input = ModelAudio.ToMono(audio, BasicPitch.SampleRate);
        var activations = engine.Run(input.GetChannel(0), includeContour: false, null, ct);
        var reference = BasicPitchFixtures.ReadReferenceActivations(fixtures);
        var note = MaxAbsDifference(reference.Note, activations.Note);
        var onset = MaxAbsDifference(reference.Onset, activations.Onset);

        var transcription = await transcriber.TranscribeAsync(audio, cancellationToken: ct);
        var expected = BasicPitchFixtures.ReadReferenceNotes();
        var matched = expected.Count(e => transcription.Notes.Any(n =>
            n.Pitch == e.Pitch && Math.Abs(n.Start - e.Start) <= 0.0117 && Math.Abs(n.End - e.End) <= 0.0117));
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"SDK resampler: max |Δ| note {note:G3}, onset {onset:G3}; {transcription.Notes.Count} notes, {matched}/{expected.Count} reference notes matched within one frame");

        Assert.Equal(TimeSpan.FromSeconds(401_214 / 44_100.0), transcription.Duration);
        // Measured 9.6e-4 (note) and 3.1e-3 (onset): the SDK's Kaiser-windowed sinc resampler is not soxr HQ, so the
        // model sees slightly different samples; the bound leaves room for provider differences, and the notes decide.
        Assert.True(note <= 5e-3 && onset <= 5e-3, $"max |Δ| note {note:G3}, onset {onset:G3}");
        Assert.Equal(expected.Count, transcription.Notes.Count);
        Assert.Equal(expected.Count, matched);
    }

    [Fact]
    public async Task SynthesizedMelody_IsTranscribedToItsPitches_AndSavedAsMidi()
    {
        var modelPath = BasicPitchFixtures.RequireModel();

        // A4, C5, E5, A4: 0.5 s each with 0.1 s rests, 44.1 kHz stereo (mixed to mono and resampled by the transcriber).
        int[] pitches = [69, 72, 76, 69];
        using var audio = Melody(pitches, 44_100, channels: 2);
        await using var host = new OfflineCpuClient();
        var transcriber = host.Transcriber(modelPath);
        var reports = new List<ProcessingProgress>();

        var transcription = await transcriber.TranscribeAsync(audio, progress: new SyncProgress(reports), cancellationToken: TestContext.Current.CancellationToken);

        var melody = transcription.Notes.Where(n => n.Duration >= 0.3).ToList();
        Assert.Equal(pitches, melody.Select(n => n.Pitch));
        for (var i = 0; i < pitches.Length; i++)
        {
            Assert.InRange(melody[i].Start, (i * 0.6) - 0.03, (i * 0.6) + 0.05);
            Assert.InRange(melody[i].End, (i * 0.6) + 0.4, (i * 0.6) + 0.6);
            Assert.InRange(melody[i].Velocity, 1, 127);
        }

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal("transcribe", r.Stage));
        Assert.Equal(reports[^1].Total, reports[^1].Completed);

        var path = Path.Combine(host.CachePath, "melody.mid");
        transcription.SaveMidi(path);
        var midi = MidiFileReader.Read(path);
        var track = Assert.Single(midi.Tracks);
        Assert.Equal(4, track.Program);
        Assert.Equal(transcription.Notes.Select(n => n.Pitch), track.Notes.Select(n => n.Pitch));
        Assert.Equal(transcription.Notes.Select(n => n.Velocity), track.Notes.Select(n => n.Velocity));
        Assert.All(track.Notes.Zip(transcription.Notes), p => Assert.Equal(p.Second.Start, p.First.Start, 0.002));
    }

    [Fact]
    public async Task SilenceAndTinyClips_GiveNoNotes()
    {
        var modelPath = BasicPitchFixtures.RequireModel();

        await using var host = new OfflineCpuClient();
        var transcriber = host.Transcriber(modelPath);
        using var silence = AudioBuffer.Create(1, 48_000, 48_000);
        using var tiny = AudioBuffer.Create(2, 100, 44_100);

        Assert.Empty((await transcriber.TranscribeAsync(silence, cancellationToken: TestContext.Current.CancellationToken)).Notes);
        Assert.Empty((await transcriber.TranscribeAsync(tiny, cancellationToken: TestContext.Current.CancellationToken)).Notes);
    }

    [Fact]
    public async Task Cancellation_WrongModelsAndBadOptions_FailClearly()
    {
        var modelPath = BasicPitchFixtures.RequireModel();

        await using var host = new OfflineCpuClient();
        using var audio = Melody([69], 22_050, channels: 1);
        var transcriber = host.Transcriber(modelPath);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transcriber.TranscribeAsync(audio, cancellationToken: new CancellationToken(canceled: true)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => transcriber.TranscribeAsync(audio, new TranscriptionOptions { OnsetThreshold = 1.5 }, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => transcriber.TranscribeAsync(audio, new TranscriptionOptions { MinimumFrequency = 500, MaximumFrequency = 400 }, cancellationToken: TestContext.Current.CancellationToken));

        var wrong = host.Transcriber(OnnxFixtures.Path("affine.onnx"));
        var ex = await Assert.ThrowsAsync<ModelContractException>(() => wrong.TranscribeAsync(audio, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("basic-pitch", ex.Message, StringComparison.Ordinal);

        var missing = host.Transcriber(Path.Combine(host.CachePath, "nope.onnx"));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => missing.TranscribeAsync(audio, cancellationToken: TestContext.Current.CancellationToken));
    }

    /// <summary>Sine notes of 0.5 s with 0.1 s rests and 10 ms fades, amplitude 0.5.</summary>
    private static AudioBuffer Melody(int[] pitches, int sampleRate, int channels)
    {
        var step = (int)(0.6 * sampleRate);
        var length = (int)(0.5 * sampleRate);
        var fade = sampleRate / 100;
        var buffer = AudioBuffer.Create(channels, (step * pitches.Length) + sampleRate / 2, sampleRate);
        for (var i = 0; i < pitches.Length; i++)
        {
            var hz = 440.0 * Math.Pow(2, (pitches[i] - 69) / 12.0);
            for (var j = 0; j < length; j++)
            {
                var gain = Math.Min(1.0, Math.Min(j, length - j) / (double)fade);
                var sample = (float)(0.5 * gain * Math.Sin(2 * Math.PI * hz * j / sampleRate));
                for (var c = 0; c < channels; c++)
                {
                    buffer.GetChannel(c)[(i * step) + j] = sample;
                }
            }
        }

        return buffer;
    }

    private sealed class SyncProgress(List<ProcessingProgress> reports) : IProgress<ProcessingProgress>
    {
        public void Report(ProcessingProgress value) => reports.Add(value);
    }

    private static double MaxAbsDifference(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        var max = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            max = Math.Max(max, Math.Abs((double)a[i] - b[i]));
        }

        return max;
    }
}
