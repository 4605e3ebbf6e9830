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

    /// <summary>Gets the chunk processor.</summary>
    internal MdxNetChunkProcessor Processor => _processor;

    /// <summary>Gets <c>np.hanning(chunk)</c>, the weights of every full-length chunk.</summary>
    internal ReadOnlySpan<float> ChunkWindow => _chunkWindow;

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
        return NeuralEngineCalls.Start(this, source, sink, settings, o => Parameters.Step(o), () => Separate(source, sink, settings.Overlap, progress, cancellationToken), cancellationToken);
    }

    /// <summary>Runs the whole separation on the calling thread.</summary>
    internal void Separate(ISeparationSource source, ISeparationSink sink, float? overlap, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        if (source.FrameCount == 0)
        {
            return;
        }

        using var run = new MdxNetSeparation(this, source, sink, overlap, progress);
        var chunkIndex = 0;
        for (long start = 0; start < run.MixtureLength; start += run.Step, chunkIndex++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            run.ProcessChunk(start, chunkIndex, cancellationToken);
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

    /// <summary>Fills <paramref name="window"/> with <c>np.hanning(window.Length)</c>.</summary>
    internal static Span<float> SymmetricHann(Span<float> window)
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
