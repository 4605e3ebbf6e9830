using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Captioning.Analysis;
using MusicAI.Sdk.Captioning.Beats;
using MusicAI.Sdk.Captioning.Evaluation;
using MusicAI.Sdk.Tests.Dsp;

namespace MusicAI.Sdk.Tests.Captioning.Beats;

public sealed class BeatNetTests
{
    [Fact]
    public void Features_MatchTheMadmomFormulas()
    {
        // Oracle: a numpy re-implementation of madmom's filterbank, framing, log and diff (cap_fixtures.py).
        var (signal, _) = NpyFile.Read(TestAssets.Path("captioning", "beatnet_signal.npy"));
        var (expected, shape) = NpyFile.Read(TestAssets.Path("captioning", "beatnet_features.npy"));
        var features = BeatNetFeatures.Instance;
        Assert.Equal(136, features.BandCount);
        Assert.Equal(BeatNetStream.FeatureCount, shape[1]);

        var frame = new float[BeatNetFeatures.FrameLength];
        var bands = new float[features.BandCount];
        var previous = new float[features.BandCount];
        var scratch = new float[2 * BeatNetFeatures.FrameLength];
        var worst = 0.0;
        for (var m = 0; m < shape[0]; m++)
        {
            for (var j = 0; j < frame.Length; j++)
            {
                var i = (m * BeatNetFeatures.Hop) - (BeatNetFeatures.FrameLength / 2) + j;
                frame[j] = i >= 0 && i < signal.Length ? signal[i] : 0f;
            }

            features.Compute(frame, bands, scratch);
            for (var b = 0; b < bands.Length; b++)
            {
                var diff = m == 0 ? 0 : Math.Max(0, bands[b] - previous[b]);
                worst = Math.Max(worst, Math.Abs(bands[b] - expected[(m * shape[1]) + b]));
                worst = Math.Max(worst, Math.Abs(diff - expected[(m * shape[1]) + bands.Length + b]));
            }

            bands.CopyTo(previous, 0);
        }

        Assert.True(worst < 2e-5, $"max abs error {worst:E2}");
    }

    [Fact]
    public async Task Stream_TakesEveryFrameFromExactlyOneWindow()
    {
        // A stand-in graph with BeatNet's signature whose logits at frame t are features 0..2 of frame t.
        await using var client = MusicAIClient.Create(o => o.ExecutionProviders = [MusicAI.Sdk.Runtime.ExecutionProvider.Cpu]);
        var model = client.Runtime.Sessions.GetModel(TestAssets.Path("captioning", "beatnet_standin.onnx"), "beatnet-standin");
        model.EnsureContract(BeatNetStream.Contract);
        using var stream = new BeatNetStream(model, TestContext.Current.CancellationToken);
        const int frames = 1234;
        var bands = new float[136];
        var expected = new List<float>();
        for (var t = 0; t < frames; t++)
        {
            // Feature 0 (beat logit) = a value unique to the frame, 1 (downbeat) = 0, 2 (no beat) = 1.
            var beat = (float)Math.Sin(t * 0.1) * 3;
            bands[0] = beat;
            bands[1] = 0;
            bands[2] = 1;
            stream.Push(bands);
            double eb = Math.Exp(beat), ed = Math.Exp(0), en = Math.Exp(1);
            expected.Add((float)((eb + ed) / (eb + ed + en)));
        }

        stream.Complete();

        Assert.Equal(frames, stream.Activation.Count);
        for (var t = 0; t < frames; t++)
        {
            Assert.True(Math.Abs(expected[t] - stream.Activation[t]) < 1e-5, $"frame {t}: {stream.Activation[t]} vs {expected[t]}");
        }
    }

    [Fact]
    public async Task RealModel_TracksAClickTrack()
    {
        var path = TestAssets.SharedModels is { } models ? Path.Combine(models, "beatnet", "BeatNet.onnx") : null;
        if (path is null || !File.Exists(path))
        {
            Assert.Skip("BeatNet (../shared/models/beatnet) is not present.");
        }

        await using var client = MusicAIClient.Create(o => o.ExecutionProviders = [MusicAI.Sdk.Runtime.ExecutionProvider.Cpu]);
        var captioner = new Captioner(new CaptionerOptions { BeatTracking = BeatTracking.BeatNet, BeatNetModel = path! }, client);
        var music = SyntheticMusic.Mix(SyntheticMusic.Chords(9, true, [0, 3, 4, 0], 2, 30), SyntheticMusic.ClickTrack(120, 30));
        using var audio = SyntheticMusic.Mono(music);

        var description = await captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.True(CaptionMetrics.TempoAcc1(description.Tempo.Bpm, 120), $"tempo {description.Tempo.Bpm}");
        var reference = Enumerable.Range(0, 60).Select(i => 0.5 + (i * 0.5)).Where(t => t < 29.9).ToArray();
        Assert.True(Analysis.AnalysisRunner.BeatFMeasure(description.Tempo.Beats, reference) >= 0.9);
    }

    [Fact]
    public void BeatNet_NeedsTheRuntime()
    {
        var error = Assert.Throws<ArgumentException>(() => new Captioner(new CaptionerOptions { BeatTracking = BeatTracking.BeatNet }));

        Assert.Contains("new Captioner(options, client)", error.Message, StringComparison.Ordinal);
        Assert.Contains("AddCaptioner", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Activation_ReplacesTheOnsetEnvelope()
    {
        // An activation with a pulse every 25 frames (50 fps) = 120 BPM, on an otherwise silent input.
        var features = new FrameFeatures();
        for (var t = 0; t < AnalysisGrid.FrameAt(30); t++)
        {
            features.Onset.Add(0);
            features.OnsetLow.Add(0);
        }

        for (var m = 0; m < 1500; m++)
        {
            features.BeatActivation.Add(m % 25 == 0 ? 1f : 0.02f);
        }

        features.Duration = 30;

        var tempo = TempoAnalyzer.Analyze(features);

        Assert.True(CaptionMetrics.TempoAcc1(tempo.Bpm, 120), $"tempo {tempo.Bpm}");
    }
}
