using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Beats;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Runs the whole embedded analysis: features window by window (bounded memory), loudness, then the song-level
/// estimators (tempo and beats, key, meter, sections, vocals).
/// </summary>
internal static class SongAnalyzer
{
    /// <summary>Progress stage name.</summary>
    public const string Stage = "analyze";

    /// <summary>Input frames fed per step (progress and cancellation granularity).</summary>
    private const int ChunkFrames = 1 << 16;

    /// <summary>Analyses an in-memory buffer (loudness measured exactly over the whole buffer); with a BeatNet session its activation drives the beat tracker.</summary>
    public static SongAnalysis Analyze(AudioBuffer audio, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken, OnnxModel? beatNet = null)
    {
        using var stream = beatNet is null ? null : new BeatNetStream(beatNet, cancellationToken);
        using var pipeline = new FeaturePipeline(audio.SampleRate, stream);
        for (var start = 0; start < audio.FrameCount; start += ChunkFrames)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(ChunkFrames, audio.FrameCount - start);
            pipeline.Append(audio, start, count);
            progress?.Report(new ProcessingProgress(Stage, start + count, audio.FrameCount));
        }

        var features = pipeline.Complete();
        cancellationToken.ThrowIfCancellationRequested();
        var loudness = LoudnessAccumulator.Measure(audio);
        return Estimate(features, loudness, audio.SampleRate, audio.ChannelCount, audio.FrameCount / (double)audio.SampleRate, cancellationToken);
    }

    /// <summary>Analyses a reader chunk by chunk (loudness window by window, see <see cref="LoudnessAccumulator"/>).</summary>
    public static async Task<SongAnalysis> AnalyzeAsync(AudioReader reader, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken, OnnxModel? beatNet = null)
    {
        using var stream = beatNet is null ? null : new BeatNetStream(beatNet, cancellationToken);
        using var pipeline = new FeaturePipeline(reader.SampleRate, stream);
        var loudness = new LoudnessAccumulator(reader.SampleRate, reader.ChannelCount);
        var interleaved = new float[ChunkFrames * reader.ChannelCount];
        using var chunk = AudioBuffer.Create(reader.ChannelCount, ChunkFrames, reader.SampleRate);
        long frames = 0;
        int read;
        while ((read = await reader.ReadAsync(interleaved, cancellationToken).ConfigureAwait(false)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            chunk.CopyFromInterleaved(interleaved.AsSpan(0, read * reader.ChannelCount), 0);
            Sanitize(chunk, read);
            pipeline.Append(chunk, 0, read);
            loudness.Add(chunk, 0, read);
            frames += read;
            progress?.Report(new ProcessingProgress(Stage, frames, reader.FrameCount ?? 0));
        }

        var features = pipeline.Complete();
        return Estimate(features, loudness.Complete(), reader.SampleRate, reader.ChannelCount, frames / (double)reader.SampleRate, cancellationToken);
    }

    /// <summary>Song-level estimators over complete features.</summary>
    public static SongAnalysis Estimate(FrameFeatures features, LoudnessSummary loudness, int sampleRate, int channels, double duration, CancellationToken cancellationToken)
    {
        var tempo = TempoAnalyzer.Analyze(features);
        cancellationToken.ThrowIfCancellationRequested();
        var (key, chroma12) = KeyEstimator.Analyze(features);
        var meter = MeterEstimator.Analyze(features, tempo.Beats, chroma12);
        cancellationToken.ThrowIfCancellationRequested();
        var sections = SectionSegmenter.Analyze(features, tempo.Beats, chroma12);
        var vocals = VocalDetector.Analyze(features);
        return new SongAnalysis(duration, sampleRate, channels, features, tempo, meter, key, sections, vocals, loudness);
    }

    /// <summary>Replaces non-finite samples by 0 (a NaN would otherwise poison the loudness sums).</summary>
    private static void Sanitize(AudioBuffer chunk, int frames)
    {
        for (var c = 0; c < chunk.ChannelCount; c++)
        {
            var channel = chunk.GetChannel(c)[..frames];
            for (var i = 0; i < channel.Length; i++)
            {
                if (!float.IsFinite(channel[i]))
                {
                    channel[i] = 0f;
                }
            }
        }
    }
}
