using System.Buffers;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// UVR MDX-Net separator (model-contracts.md §1): the network gives the primary stem's spectrum per chunk; chunks are
/// stitched exactly as UVR's <c>SeperateMDX.demix</c>, the result is multiplied by <c>compensate</c>, and the
/// secondary stem is mix − primary (UVR semantics, §1.5).
/// </summary>
/// <remarks>
/// <para><b>Chunking (§1.4).</b> UVR pads the whole track — trim = n_fft/2 zeros in front, pad = gen + trim − N mod gen
/// behind — and visits chunk starts 0, step, 2·step, … below the padded length, where step is chunk − n_fft for the
/// <c>Default</c> overlap (<see cref="SeparationSettings.Overlap"/> null) or int((1 − o)·chunk). Each chunk output is
/// weighted by a symmetric <c>np.hanning(a)</c> (a = the chunk's length inside the padded track; no window when
/// o = 0), summed, and divided by the summed weights; the first trim samples are dropped and N kept.</para>
/// <para><b>Streaming.</b> The padded track is never built: chunk i reads source frames [i − trim, i − trim + chunk)
/// (zeros outside the track, as the padding is), and once chunk i is added no later chunk touches frames before
/// i + step, so they are final and written to the sink. Memory is one chunk of sums whatever the input length, and
/// the numbers are those of the whole-track reference.</para>
/// <para>Thread-safe: concurrent calls keep their state on their own stacks; the shared ONNX session allows concurrent runs.</para>
/// </remarks>
internal sealed class MdxNetEngine : ISeparationEngine
{
    private static readonly Stem[] s_stems = [Stem.Vocals, Stem.Accompaniment];

    private readonly MdxNetChunkProcessor _processor;
    private readonly float[] _chunkWindow;

    /// <summary>Creates an engine over a model whose contract matches <paramref name="parameters"/>.</summary>
    public MdxNetEngine(OnnxModel model, MdxNetParameters parameters, string origin)
    {
        _processor = new MdxNetChunkProcessor(model, parameters);
        _chunkWindow = SymmetricHann(parameters.ChunkLength);
        Name = $"mdx-net {model.Id}";
        Origin = origin;
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets where the parameters came from (recognised hash, sidecar, caller).</summary>
    public string Origin { get; }

    /// <summary>Gets the model's parameters.</summary>
    public MdxNetParameters Parameters => _processor.Parameters;

    /// <inheritdoc/>
    public IReadOnlyList<Stem> Stems => s_stems;

    /// <inheritdoc/>
    public int SampleRate => MdxNetParameters.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => 2;

    /// <summary>Gets the chunk processor (for benchmarks).</summary>
    internal MdxNetChunkProcessor Processor => _processor;

    /// <summary>Loads the parameters of <paramref name="model"/>, checks its contract and creates the engine.</summary>
    /// <exception cref="ModelContractException">The parameters are unknown, or the model's signature does not match them.</exception>
    /// <exception cref="ModelLoadException">The parameter sidecar is not valid.</exception>
    public static MdxNetEngine Create(OnnxModel model, MdxNetParameters? parameters)
    {
        var resolved = MdxNetModelCatalog.Resolve(model, parameters, out var origin);
        model.EnsureContract(Contract(resolved));
        return new MdxNetEngine(model, resolved, origin);
    }

    /// <summary>The MDX-Net contract for a parameter set: <c>input float32 [batch, 4, dim_f, dim_t]</c> in, the same layout out.</summary>
    public static ModelContract Contract(MdxNetParameters parameters) => ModelContract.Parse(
        "MDX-Net separator",
        [$"input float32 [batch, 4, {parameters.DimF}, {parameters.DimT}]"],
        [$"* float32 [batch, 4, {parameters.DimF}, {parameters.DimT}]"]);

    /// <inheritdoc/>
    public Task SeparateAsync(
        ISeparationSource source,
        ISeparationSink sink,
        SeparationSettings settings,
        IProgress<ProcessingProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(settings);
        if (source.SampleRate != SampleRate || source.ChannelCount != ChannelCount)
        {
            throw new ArgumentException($"{Name} needs {ChannelCount} channels at {SampleRate} Hz; the source has {source.ChannelCount} at {source.SampleRate} Hz.", nameof(source));
        }

        _ = _processor.Parameters.Step(settings.Overlap);
        return Task.Run(() => Separate(source, sink, settings.Overlap, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Runs the whole separation on the calling thread.</summary>
    internal void Separate(ISeparationSource source, ISeparationSink sink, float? overlap, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var p = _processor.Parameters;
        var frames = source.FrameCount;
        if (frames == 0)
        {
            return;
        }

        int chunk = p.ChunkLength, trim = p.Trim, step = p.Step(overlap);
        var mixtureLength = p.MixtureLength(frames);
        var windowed = overlap != 0f;
        var primaryIndex = p.PrimaryStem == Stem.Vocals ? 0 : 1;
        var compensate = (float)p.Compensate;

        using var scratch = _processor.CreateScratch();
        using var input = AudioBuffer.Create(2, chunk, SampleRate);
        using var sums = new OverlapAddAccumulator(1, 2, chunk);
        using var blocks = new StemBlocks(s_stems.Length, 2, step, SampleRate);
        var left = ArrayPool<float>.Shared.Rent(chunk);
        var right = ArrayPool<float>.Shared.Rent(chunk);
        var tailWindow = ArrayPool<float>.Shared.Rent(chunk);
        try
        {
            var chunkIndex = 0;
            for (long start = 0; start < mixtureLength; start += step, chunkIndex++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var length = (int)Math.Min(chunk, mixtureLength - start);
                source.Read(start - trim, input);
                _processor.Process(input, scratch, left, right, chunkIndex, cancellationToken);

                var offset = checked((int)(start - sums.Start));
                if (windowed)
                {
                    ReadOnlySpan<float> window = length == chunk ? _chunkWindow : SymmetricHann(tailWindow.AsSpan(0, length));
                    sums.AddWeighted(0, 0, offset, left.AsSpan(0, length), window);
                    sums.AddWeighted(0, 1, offset, right.AsSpan(0, length), window);
                    sums.AddWeights(offset, window[..length]);
                }
                else
                {
                    sums.Add(0, 0, offset, left.AsSpan(0, length));
                    sums.Add(0, 1, offset, right.AsSpan(0, length));
                    sums.AddWeights(offset, length, 1f);
                }

                // No later chunk reaches below start + step: those padded-mixture frames are final.
                var final = Math.Min(start + step, mixtureLength);
                var keepFrom = Math.Max(sums.Start, trim);
                var keepTo = Math.Min(final, trim + frames);
                if (keepTo > keepFrom)
                {
                    var count = (int)(keepTo - keepFrom);
                    var stems = blocks.Get(count);
                    var windowOffset = (int)(keepFrom - sums.Start);
                    var mixOffset = (int)(keepFrom - start);
                    for (var channel = 0; channel < 2; channel++)
                    {
                        var primary = stems[primaryIndex].GetChannel(channel);
                        sums.Normalize(0, channel, windowOffset, primary);
                        System.Numerics.Tensors.TensorPrimitives.Multiply(primary, compensate, primary);
                        var mix = input.GetChannel(channel).Slice(mixOffset, count);
                        System.Numerics.Tensors.TensorPrimitives.Subtract(mix, primary, stems[1 - primaryIndex].GetChannel(channel));
                    }

                    sink.Write(stems);
                    progress?.Report(new ProcessingProgress("separate", keepTo - trim, frames));
                }

                sums.Advance((int)(final - sums.Start));
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(left);
            ArrayPool<float>.Shared.Return(right);
            ArrayPool<float>.Shared.Return(tailWindow);
        }
    }

    /// <summary>The model is owned by the session factory; nothing to release.</summary>
    public void Dispose()
    {
    }

    /// <summary><c>np.hanning(n)</c>: 0.5 − 0.5·cos(2πk/(n − 1)), symmetric, zero at both ends (1 for n = 1).</summary>
    internal static float[] SymmetricHann(int length)
    {
        var window = new float[length];
        SymmetricHann(window);
        return window;
    }

    private static Span<float> SymmetricHann(Span<float> window)
    {
        if (window.Length == 1)
        {
            window[0] = 1f;
            return window;
        }

        var scale = 2.0 * Math.PI / (window.Length - 1);
        for (var k = 0; k < window.Length; k++)
        {
            window[k] = (float)(0.5 - (0.5 * Math.Cos(scale * k)));
        }

        return window;
    }
}
