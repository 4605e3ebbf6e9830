using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Beats;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Feeds input chunks (any rate, any channel count) through the <see cref="AnalysisSignal"/> and the
/// <see cref="FeatureExtractor"/> window by window, so only ≈ 1 minute of analysis audio is held at a time.
/// </summary>
/// <remarks>Not thread-safe; dispose to return pooled memory.</remarks>
internal sealed class FeaturePipeline : IDisposable
{
    /// <summary>Core frames per window (≈ 59.4 s; a multiple of the chroma stride).</summary>
    public const int WindowFrames = 2560;

    private readonly AnalysisSignal _signal;
    private readonly FeatureExtractor _extractor = new();
    private readonly BeatNetStream? _beatNet;
    private long _nextFrame;

    /// <summary>Creates a pipeline for input at <paramref name="inputRate"/> Hz.</summary>
    /// <param name="inputRate">Sample rate of the input chunks.</param>
    /// <param name="beatNet">When not null, BeatNet runs alongside and fills <see cref="FrameFeatures.BeatActivation"/>.</param>
    public FeaturePipeline(int inputRate, BeatNetStream? beatNet = null)
    {
        _signal = new AnalysisSignal(inputRate);
        _beatNet = beatNet;
    }

    /// <summary>Gets the largest number of analysis samples held at once (see <see cref="AnalysisSignal.PeakHeld"/>).</summary>
    public int PeakHeldSamples => _signal.PeakHeld;

    /// <summary>Gets the features computed so far.</summary>
    public FrameFeatures Features { get; } = new();

    /// <summary>Adds input frames [<paramref name="start"/>, start + count) and computes every window they complete.</summary>
    public void Append(AudioBuffer chunk, int start, int count)
    {
        _signal.Append(chunk, start, count);
        ProcessReady();
    }

    /// <summary>Marks the end of the input and computes the remaining frames.</summary>
    public FrameFeatures Complete()
    {
        _signal.Complete();
        ProcessReady();
        if (_beatNet is not null)
        {
            _beatNet.Complete();
            Features.BeatActivation.AddRange(_beatNet.Activation);
        }

        Features.Duration = _signal.Available / (double)AnalysisGrid.SampleRate;
        return Features;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _signal.Dispose();
        _extractor.Dispose();
    }

    private void ProcessReady()
    {
        while (true)
        {
            var complete = _signal.IsComplete;
            var total = complete ? AnalysisGrid.FrameCount(_signal.Available) : long.MaxValue;
            if (_nextFrame >= total)
            {
                return;
            }

            var end = Math.Min(_nextFrame + WindowFrames, total);
            var needed = ((end + FeatureExtractor.Margin) * AnalysisGrid.Hop) + AnalysisGrid.ChromaFftLength;
            if (!complete && _signal.Available < needed)
            {
                return;
            }

            _extractor.Process(_signal, _nextFrame, end, total, Features, _beatNet);
            _nextFrame = end;
            _signal.Discard(((_nextFrame - FeatureExtractor.Margin) * AnalysisGrid.Hop) - AnalysisGrid.ChromaFftLength);
        }
    }
}
