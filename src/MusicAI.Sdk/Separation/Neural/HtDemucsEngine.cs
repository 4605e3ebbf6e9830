using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Separation.Chunking;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// Hybrid Transformer Demucs (v4) separator in ONNX (model-contracts.md §2), either export flavour:
/// <list type="bullet">
/// <item><b>A, STFT outside the graph</b> (sevagh/demucs.onnx): input 0 the waveform [1, 2, 343980], input 1 the
/// complex-as-channels spectrogram [1, 4, 2048, 336] (<see cref="HtDemucsSpectrogram"/>); output 0 the spectrogram
/// branch [1, S, 4, 2048, 336] (inverted here), output 1 the time branch [1, S, 2, 343980]; stem = time + iSTFT(spec).</item>
/// <item><b>B, STFT inside the graph</b>: one input [1, 2, L], one output [1, S, 2, L].</item>
/// </list>
/// </summary>
/// <remarks>
/// <para><b>Whole-track procedure (§2.5)</b>, as demucs <c>separate</c> + <c>apply_model(split=True)</c>: a first pass
/// over the source measures the mono mix mean and unbiased standard deviation; the input is normalised with them and
/// the stems denormalised. Segments of L (343,980) samples start every int((1 − overlap)·L) samples (overlap 0.25 by
/// default); a segment shorter than L at the end takes real neighbouring samples as context, centred, with zeros only
/// beyond the track (<c>TensorChunk.padded</c>), and its output is centre-trimmed back. Outputs are weighted by a
/// triangle (transition power 1) and divided by the summed weights.</para>
/// <para><b>Deviations.</b> shifts = 0 (demucs' CLI default is 1 random shift: non-deterministic); a silent input
/// (standard deviation 0) is normalised with 1 instead of dividing by zero. Stems are [drums, bass, other, vocals];
/// a 6-source model's guitar and piano are added to other (the SDK has no guitar or piano stem).</para>
/// <para><b>Streaming.</b> After the segment at offset o no later segment touches frames before o + stride, so they are
/// final: memory is one segment of sums whatever the track length.</para>
/// <para>Thread-safe: per-call state only; the shared session allows concurrent runs.</para>
/// </remarks>
internal sealed class HtDemucsEngine : ISeparationEngine
{
    /// <summary>Segment of the published models: int(7.8 s · 44,100).</summary>
    public const int DefaultSegmentLength = 343_980;

    /// <summary>demucs' default overlap between segments.</summary>
    public const float DefaultOverlap = 0.25f;

    private const int Channels = 2;
    private static readonly Stem[] s_stems = [Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals];

    private readonly OnnxModel _model;
    private readonly HtDemucsSpectrogram? _spectrogram;
    private readonly float[] _weights;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _waveShape;
    private readonly long[]? _specShape;

    private HtDemucsEngine(OnnxModel model, int segmentLength, int sources, bool spectrogramOutside)
    {
        _model = model;
        SegmentLength = segmentLength;
        SourceCount = sources;
        _spectrogram = spectrogramOutside ? new HtDemucsSpectrogram(segmentLength) : null;
        _weights = TriangleWeights(segmentLength);
        _inputNames = [.. model.Inputs.Select(i => i.Name!)];
        _outputNames = spectrogramOutside ? [model.OutputNames[0], model.OutputNames[1]] : [model.OutputNames[0]];
        _waveShape = [1, Channels, segmentLength];
        _specShape = _spectrogram is null ? null : [1, 2 * Channels, HtDemucsSpectrogram.Bins, _spectrogram.Frames];
        Name = $"htdemucs {model.Id}";
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public IReadOnlyList<Stem> Stems => s_stems;

    /// <inheritdoc/>
    public int SampleRate => 44_100;

    /// <inheritdoc/>
    public int ChannelCount => Channels;

    /// <summary>Gets the segment length in samples.</summary>
    public int SegmentLength { get; }

    /// <summary>Gets the number of sources the model outputs (4, or 6 with guitar and piano).</summary>
    public int SourceCount { get; }

    /// <summary>Gets a value indicating whether the STFT runs outside the graph (flavour A).</summary>
    public bool SpectrogramOutside => _spectrogram is not null;

    /// <summary>Creates the engine for a flavour-A model (two inputs), checking its contract.</summary>
    /// <exception cref="ModelContractException">The model does not have the flavour-A signature.</exception>
    public static HtDemucsEngine CreateSpectrogramOutside(OnnxModel model)
    {
        const string Kind = "HT-Demucs (STFT outside the graph)";
        string[] inputs = [$"* float32 [1, 2, {DefaultSegmentLength}]", $"* float32 [1, 4, {HtDemucsSpectrogram.Bins}, 336]"];
        model.EnsureContract(ModelContract.Parse(Kind, inputs, []));
        var sources = SourceCountOf(model, outputDimensions: 5, expected: "[1, S, 4, 2048, 336]");
        model.EnsureContract(ModelContract.Parse(
            Kind,
            inputs,
            [$"* float32 [1, {sources}, 4, {HtDemucsSpectrogram.Bins}, 336]", $"* float32 [1, {sources}, 2, {DefaultSegmentLength}]"]));
        return new HtDemucsEngine(model, DefaultSegmentLength, sources, spectrogramOutside: true);
    }

    /// <summary>Creates the engine for a flavour-B model (one waveform input), checking its contract.</summary>
    /// <exception cref="ModelContractException">The model does not have the flavour-B signature.</exception>
    public static HtDemucsEngine CreateSpectrogramInside(OnnxModel model)
    {
        const string Kind = "HT-Demucs (STFT inside the graph)";
        model.EnsureContract(ModelContract.Parse(Kind, ["* float32 [1, 2, samples]"], []));
        var sources = SourceCountOf(model, outputDimensions: 4, expected: "[1, S, 2, samples]");
        var samples = model.Inputs[0].Dimensions is [_, _, { IsFixed: true } d] ? d.Size : DefaultSegmentLength;
        if (samples < 4096 || samples > int.MaxValue / 4)
        {
            throw new ModelContractException(
                $"HT-Demucs model '{model.Id}' takes segments of {samples} samples; expected about {DefaultSegmentLength} (7.8 s at 44.1 kHz).",
                $"input float32 [1, 2, {DefaultSegmentLength}]",
                model.Inputs[0].ToString(),
                model.Id,
                model.Path);
        }

        model.EnsureContract(ModelContract.Parse(
            Kind,
            [$"* float32 [1, 2, {samples}]"],
            [$"* float32 [1, {sources}, 2, {samples}]"]));
        return new HtDemucsEngine(model, (int)samples, sources, spectrogramOutside: false);
    }

    /// <inheritdoc/>
    public Task SeparateAsync(
        ISeparationSource source,
        ISeparationSink sink,
        SeparationSettings settings,
        IProgress<ProcessingProgress>? progress,
        CancellationToken cancellationToken)
    {
        return NeuralEngineCalls.Start(this, source, sink, settings, o => Stride(o), () => Separate(source, sink, settings.Overlap, progress, cancellationToken), cancellationToken);
    }

    /// <summary>The model is owned by the session factory; nothing to release.</summary>
    public void Dispose()
    {
    }

    /// <summary>Segment stride: int((1 − overlap)·L), with demucs' 0.25 when the overlap is null.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is not in [0, 1) or leaves no stride.</exception>
    public int Stride(float? overlap)
    {
        return NeuralEngineCalls.Step(overlap ?? DefaultOverlap, SegmentLength);
    }

    /// <summary>demucs separate.py: mean and unbiased standard deviation of the mono mix (L + R)/2.</summary>
    internal static (double Mean, double Std) MixStatistics(ISeparationSource source, CancellationToken cancellationToken)
    {
        const int Block = 1 << 16;
        var frames = source.FrameCount;
        using var buffer = AudioBuffer.Create(Channels, (int)Math.Min(Block, Math.Max(frames, 1)), source.SampleRate);
        double mean = 0, m2 = 0;
        long count = 0;
        for (long start = 0; start < frames; start += buffer.FrameCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            source.Read(start, buffer);
            var n = (int)Math.Min(buffer.FrameCount, frames - start);
            var left = buffer.GetChannel(0)[..n];
            var right = buffer.GetChannel(1)[..n];

            // Chan et al.'s pairwise combination of block mean and M2: accurate whatever the length.
            double blockSum = 0;
            for (var i = 0; i < n; i++)
            {
                blockSum += (left[i] + right[i]) * 0.5f;
            }

            var blockMean = blockSum / n;
            double blockM2 = 0;
            for (var i = 0; i < n; i++)
            {
                var d = ((left[i] + right[i]) * 0.5f) - blockMean;
                blockM2 += d * d;
            }

            var total = count + n;
            var delta = blockMean - mean;
            mean += delta * n / total;
            m2 += blockM2 + (delta * delta * count * n / total);
            count = total;
        }

        var std = count > 1 ? Math.Sqrt(m2 / (count - 1)) : 0;
        return (mean, std);
    }

    /// <summary>Runs the whole separation on the calling thread.</summary>
    internal void Separate(ISeparationSource source, ISeparationSink sink, float? overlap, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var frames = source.FrameCount;
        if (frames == 0)
        {
            return;
        }

        var (mean, std) = MixStatistics(source, cancellationToken);
        var meanF = (float)mean;
        var stdF = std > 0 && double.IsFinite(std) ? (float)std : 1f;
        var segment = SegmentLength;
        var stride = Stride(overlap);

        using var chunk = AudioBuffer.Create(Channels, segment, SampleRate);
        using var inputs = new ModelInputs();
        var wave = inputs.AddPooled<float>(_inputNames[0], _waveShape);
        if (_specShape is not null)
        {
            inputs.AddPooled<float>(_inputNames[1], _specShape);
        }

        using var spectrogramScratch = _spectrogram?.CreateScratch();
        using var sums = new OverlapAddAccumulator(SourceCount, Channels, segment);
        using var blocks = new StemBlocks(s_stems.Length, Channels, stride, SampleRate);
        using var stemBuffer = AudioBuffer.Create(1, segment, SampleRate);
        var stem = stemBuffer.GetChannel(0);

        var chunkIndex = 0;
        for (long offset = 0; offset < frames; offset += stride, chunkIndex++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = (int)Math.Min(segment, frames - offset);
            var delta = segment - length;
            var start = offset - (delta / 2);
            source.Read(start, chunk);

            // Normalise the track's samples only: context beyond the track stays zero, as apply_model pads after normalising.
            var first = (int)Math.Max(0, -start);
            var end = (int)Math.Min(segment, frames - start);
            for (var c = 0; c < Channels; c++)
            {
                var samples = chunk.GetChannel(c);
                var target = wave.Slice(c * segment, segment);
                target.Clear();
                var inside = samples[first..end];
                TensorPrimitives.Subtract(inside, meanF, target[first..end]);
                TensorPrimitives.Divide(target[first..end], stdF, target[first..end]);
            }

            if (_spectrogram is not null)
            {
                var spec = inputs.GetBuffer<float>(_inputNames[1]);
                for (var c = 0; c < Channels; c++)
                {
                    _spectrogram.Forward(wave.Slice(c * segment, segment), c, spec, spectrogramScratch!);
                }
            }

            using (var outputs = _model.Run(inputs, _outputNames, chunkIndex, cancellationToken))
            {
                var window = (int)(offset - sums.Start);
                var trim = delta / 2;
                for (var s = 0; s < SourceCount; s++)
                {
                    for (var c = 0; c < Channels; c++)
                    {
                        SourceChannel(outputs, s, c, stem, spectrogramScratch);
                        sums.AddWeighted(s, c, window, stem.Slice(trim, length), _weights);
                    }
                }

                sums.AddWeights(window, _weights.AsSpan(0, length));
            }

            var final = Math.Min(offset + stride, frames);
            var count = (int)(final - sums.Start);
            if (count > 0)
            {
                Emit(sums, blocks.Get(count), stdF, meanF);
                sink.Write(blocks.Get(count));
                progress?.Report(new ProcessingProgress("separate", final, frames));
                sums.Advance(count);
            }
        }
    }

    /// <summary>Writes source <paramref name="s"/>, channel <paramref name="c"/> of one segment's output (time + iSTFT(spec) for flavour A).</summary>
    private void SourceChannel(ModelOutputs outputs, int s, int c, Span<float> destination, HtDemucsSpectrogram.Scratch? scratch)
    {
        var segment = SegmentLength;
        if (_spectrogram is null)
        {
            outputs.GetSpan<float>(0).Slice(((s * Channels) + c) * segment, segment).CopyTo(destination);
            return;
        }

        var plane = _spectrogram.PlaneLength;
        var spec = outputs.GetSpan<float>(0).Slice(((s * 2 * Channels) + (2 * c)) * plane, 2 * plane);
        _spectrogram.Inverse(spec[..plane], spec[plane..], destination, scratch!);
        var time = outputs.GetSpan<float>(1).Slice(((s * Channels) + c) * segment, segment);
        TensorPrimitives.Add(time, destination, destination);
    }

    /// <summary>Normalises the final frames, denormalises (·std + mean) and folds guitar and piano into other.</summary>
    private void Emit(OverlapAddAccumulator sums, AudioBuffer[] stems, float std, float mean)
    {
        for (var c = 0; c < Channels; c++)
        {
            for (var s = 0; s < s_stems.Length; s++)
            {
                var target = stems[s].GetChannel(c);
                sums.Normalize(s, c, 0, target);
                Denormalize(target, std, mean);
            }

            if (SourceCount > s_stems.Length)
            {
                var other = stems[2].GetChannel(c);
                var extra = System.Buffers.ArrayPool<float>.Shared.Rent(other.Length);
                try
                {
                    var span = extra.AsSpan(0, other.Length);
                    for (var s = s_stems.Length; s < SourceCount; s++)
                    {
                        sums.Normalize(s, c, 0, span);
                        Denormalize(span, std, mean);
                        TensorPrimitives.Add(other, span, other);
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<float>.Shared.Return(extra);
                }
            }
        }
    }

    private static void Denormalize(Span<float> values, float std, float mean)
    {
        TensorPrimitives.Multiply(values, std, values);
        TensorPrimitives.Add(values, mean, values);
    }

    /// <summary>demucs' split weights: cat(arange(1, L//2 + 1), arange(L − L//2, 0, −1)) / max (transition power 1).</summary>
    internal static float[] TriangleWeights(int segment)
    {
        var half = segment / 2;
        var weights = new float[segment];
        var max = (float)Math.Max(half, segment - half);
        for (var k = 0; k < segment; k++)
        {
            weights[k] = (k < half ? k + 1 : segment - k) / max;
        }

        return weights;
    }

    private static int SourceCountOf(OnnxModel model, int outputDimensions, string expected)
    {
        if (model.Outputs.Count > 0 && model.Outputs[0].Dimensions.Count == outputDimensions
            && model.Outputs[0].Dimensions[1] is { IsFixed: true, Size: 4 or 6 } sources)
        {
            return (int)sources.Size;
        }

        throw new ModelContractException(
            $"HT-Demucs model '{model.Id}' must output its sources as {expected} with S = 4 (drums, bass, other, vocals) or 6 (+ guitar, piano); "
            + $"it outputs {ModelContract.Describe(model.Outputs)}. Use an HT-Demucs export such as sevagh/demucs.onnx's.",
            $"output 0 float32 {expected}, S = 4 or 6",
            ModelContract.Describe(model.Outputs),
            model.Id,
            model.Path);
    }
}
