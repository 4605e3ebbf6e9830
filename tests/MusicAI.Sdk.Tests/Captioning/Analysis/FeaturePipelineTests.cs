using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Analysis;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

public sealed class FeaturePipelineTests
{
    [Fact]
    public void LongInput_HoldsAboutOneWindowOfAudio()
    {
        // Ten minutes at 44.1 kHz fed in 1 s chunks: the analysis signal never holds more than one window plus margins.
        const int rate = 44100;
        using var chunk = AudioBuffer.FromChannels(rate, SyntheticMusic.ClickTrack(120, 1, sampleRate: rate, firstBeat: 0.1));
        using var pipeline = new FeaturePipeline(rate);
        for (var second = 0; second < 600; second++)
        {
            pipeline.Append(chunk, 0, chunk.FrameCount);
        }

        var features = pipeline.Complete();

        var bound = ((FeaturePipeline.WindowFrames + (2 * FeatureExtractor.Margin)) * AnalysisGrid.Hop) + (2 * AnalysisGrid.ChromaFftLength) + AnalysisGrid.SampleRate;
        Assert.InRange(pipeline.PeakHeldSamples, 1, bound);
        Assert.Equal(600, features.Duration, 0.01);
        Assert.InRange(features.FrameCount, AnalysisGrid.FrameCount(600L * AnalysisGrid.SampleRate) - 1, AnalysisGrid.FrameCount(600L * AnalysisGrid.SampleRate) + 1);
    }

    [Fact]
    public void Windows_GiveTheSameFeaturesAsOneLongWindow()
    {
        // 150 s crosses two window boundaries; the margins make windowed frames identical to a single pass.
        var signal = SyntheticMusic.Mix(SyntheticMusic.Chords(2, false, [0, 3, 4, 0], 2, 150), SyntheticMusic.ClickTrack(100, 150));
        using var buffer = AudioBuffer.FromChannels(AnalysisGrid.SampleRate, signal);
        using var windowed = new FeaturePipeline(AnalysisGrid.SampleRate);
        windowed.Append(buffer, 0, buffer.FrameCount);
        var a = windowed.Complete();

        var signalCopy = new AnalysisSignal(AnalysisGrid.SampleRate);
        signalCopy.Append(buffer, 0, buffer.FrameCount);
        signalCopy.Complete();
        var b = new FrameFeatures();
        using (var extractor = new FeatureExtractor())
        {
            var total = AnalysisGrid.FrameCount(signalCopy.Available);
            extractor.Process(signalCopy, 0, total, total, b);
        }

        signalCopy.Dispose();
        Assert.Equal(b.FrameCount, a.FrameCount);
        for (var t = 0; t < a.FrameCount; t++)
        {
            Assert.Equal(b.Onset[t], a.Onset[t], 4);
            Assert.Equal(b.HarmonicShare[t], a.HarmonicShare[t], 4);
            Assert.Equal(b.Fluctuation[t], a.Fluctuation[t], 3);
        }

        Assert.Equal(b.Chroma.Count, a.Chroma.Count);
        for (var i = 0; i < a.Chroma.Count; i++)
        {
            Assert.Equal(b.Chroma[i], a.Chroma[i], 6);
        }
    }
}
