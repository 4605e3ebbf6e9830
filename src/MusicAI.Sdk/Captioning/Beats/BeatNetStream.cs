using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Beats;

/// <summary>
/// Runs the BeatNet network (Heydari, Cwitkowitz and Duan, "BeatNet: CRNN and particle filtering for online joint
/// beat, downbeat and meter tracking", ISMIR 2021; weights CC BY 4.0) over a stream of <see cref="BeatNetFeatures"/>
/// frames and collects the beat activation (probability of beat or downbeat) at 50 frames per second.
/// </summary>
/// <remarks>
/// <para>The exported graph takes exactly <see cref="WindowFrames"/> frames (10 s) and its LSTMs are causal, so each
/// window is run from zero state and the first <see cref="WarmUpFrames"/> frames of every window but the first only
/// give the network context: windows start every <see cref="WindowHop"/> frames and each frame's activation comes
/// from exactly one window (frames [0, 500) from the first, then [400k + 100, 400k + 500) from window k). The last
/// window is zero-padded. The three output logits (beat, downbeat, no beat) are soft-maxed; activation = p(beat) +
/// p(downbeat).</para>
/// <para>Memory: two windows of features; nothing grows with the input but the activation list (one float per
/// 20 ms). Not thread-safe (one per analysis); the shared <see cref="OnnxModel"/> allows concurrent runs.</para>
/// </remarks>
internal sealed class BeatNetStream : IDisposable
{
    /// <summary>Frames per network run.</summary>
    public const int WindowFrames = 500;

    /// <summary>Frames each later window spends warming up its LSTM state.</summary>
    public const int WarmUpFrames = 100;

    /// <summary>Frames between window starts.</summary>
    public const int WindowHop = WindowFrames - WarmUpFrames;

    /// <summary>Features per frame: 136 bands and their positive differences.</summary>
    public const int FeatureCount = 272;

    /// <summary>The model's input tensor name.</summary>
    public const string InputName = "spectrogram";

    /// <summary>The model's output tensor name.</summary>
    public const string OutputName = "activations";

    private static readonly long[] s_inputShape = [1, WindowFrames, FeatureCount];

    private readonly OnnxModel _model;
    private readonly CancellationToken _cancellationToken;
    private readonly float[] _previous;
    private readonly float[] _features = new float[(WindowFrames + WindowHop) * FeatureCount];
    private readonly ModelInputs _inputs = new();
    private readonly float[] _input = new float[WindowFrames * FeatureCount];
    private int _bufferStart;
    private int _buffered;
    private int _frames;
    private int _windows;

    /// <summary>Creates a stream over a loaded, contract-checked model.</summary>
    public BeatNetStream(OnnxModel model, CancellationToken cancellationToken)
    {
        _model = model;
        _cancellationToken = cancellationToken;
        _previous = new float[BeatNetFeatures.Instance.BandCount];
        _inputs.Add(InputName, _input.AsMemory(), s_inputShape);
    }

    /// <summary>Gets the tensor contract checked after loading the model.</summary>
    public static ModelContract Contract { get; } = ModelContract.Parse(
        "beatnet",
        [$"{InputName} float32 [1, {WindowFrames}, {FeatureCount}]"],
        [$"{OutputName} float32 [1, 3, {WindowFrames}]"]);

    /// <summary>Gets the beat activation of every finished frame (50 per second), 0–1.</summary>
    public List<float> Activation { get; } = [];

    /// <summary>Appends the 136 log-filtered bands of the next frame.</summary>
    /// <exception cref="InferenceException">A network run failed.</exception>
    public void Push(ReadOnlySpan<float> bands)
    {
        var offset = (_buffered - _bufferStart) * FeatureCount;
        var row = _features.AsSpan(offset, FeatureCount);
        bands.CopyTo(row);
        var difference = row[bands.Length..];
        for (var b = 0; b < bands.Length; b++)
        {
            difference[b] = _frames == 0 ? 0f : Math.Max(0f, bands[b] - _previous[b]);
        }

        bands.CopyTo(_previous);
        _frames++;
        _buffered++;
        if (_buffered - _bufferStart == WindowFrames)
        {
            RunWindow(WindowFrames);
        }
    }

    /// <summary>Runs the last, partial window.</summary>
    public void Complete()
    {
        if (_buffered > _bufferStart && Activation.Count < _frames)
        {
            RunWindow(_buffered - _bufferStart);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _inputs.Dispose();

    /// <summary>Runs the window of buffered frames [bufferStart, bufferStart + count), zero-padded to 500 frames.</summary>
    private void RunWindow(int count)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        Array.Clear(_input);
        _features.AsSpan(0, count * FeatureCount).CopyTo(_input);
        using (var outputs = _model.Run(_inputs, [OutputName], _windows, _cancellationToken))
        {
            var logits = outputs.GetSpan<float>(0);
            var keepFrom = _windows == 0 ? 0 : WarmUpFrames;
            for (var t = keepFrom; t < count; t++)
            {
                float beat = logits[t], downbeat = logits[WindowFrames + t], none = logits[(2 * WindowFrames) + t];
                var max = Math.Max(beat, Math.Max(downbeat, none));
                float eb = MathF.Exp(beat - max), ed = MathF.Exp(downbeat - max), en = MathF.Exp(none - max);
                Activation.Add((eb + ed) / (eb + ed + en));
            }
        }

        _windows++;

        // The next window starts WindowHop frames later; its first WarmUpFrames frames are the last ones of this window.
        var keep = Math.Max(0, count - WindowHop);
        _features.AsSpan(WindowHop * FeatureCount, keep * FeatureCount).CopyTo(_features);
        _bufferStart = _buffered - keep;
    }
}
