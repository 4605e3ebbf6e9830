using System.Diagnostics;
using System.Buffers;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Dsp;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// One MDX-Net chunk, as UVR's <c>run_model</c> (model-contracts.md §1.2–1.3): STFT of each channel (periodic Hann
/// n_fft, hop 1024, centred, reflect padding), channels [L.re, L.im, R.re, R.im] cropped to dim_f with the 3 lowest
/// bins zeroed, the network, then the output spectrum zero-padded back to n_fft/2 + 1 bins and inverted (torch.istft
/// without <c>length</c>: hop·(dim_t − 1) samples, exactly one chunk).
/// </summary>
/// <remarks>
/// Thread-safe: several calls may run at once, each with its own <see cref="Scratch"/>. Nothing is allocated per chunk.
/// </remarks>
internal sealed class MdxNetChunkProcessor
{
    private const string InputName = "input";

    private readonly OnnxModel _model;
    private readonly StftPlan _stft;
    private readonly long[] _shape;
    private readonly string[] _outputNames;

    /// <summary>Creates a processor for a model whose contract was checked against <paramref name="parameters"/>.</summary>
    public MdxNetChunkProcessor(OnnxModel model, MdxNetParameters parameters)
    {
        _model = model;
        Parameters = parameters;
        _stft = StftPlan.Create(parameters.FftLength, MdxNetParameters.HopLength, WindowKind.Hann, center: true, padMode: PadMode.Reflect);
        _shape = [1, 4, parameters.DimF, parameters.DimT];
        _outputNames = [model.OutputNames[0]];
    }

    /// <summary>Gets the model's parameters.</summary>
    public MdxNetParameters Parameters { get; }

    /// <summary>Gets the model.</summary>
    public OnnxModel Model => _model;

    /// <summary>Creates the per-call buffers: the model input over pooled memory and one frame-major spectrum.</summary>
    public Scratch CreateScratch() => new(this);

    /// <summary>Fills the model input from a stereo chunk: STFT, channel packing, low-bin zeroing.</summary>
    /// <param name="chunk">2 channels of <see cref="MdxNetParameters.ChunkLength"/> frames.</param>
    /// <param name="scratch">This call's buffers.</param>
    public void Analyze(AudioBuffer chunk, Scratch scratch)
    {
        var p = Parameters;
        var input = scratch.Inputs.GetBuffer<float>(InputName);
        for (var channel = 0; channel < 2; channel++)
        {
            _stft.Forward(chunk.GetChannel(channel)[..p.ChunkLength], scratch.Real, scratch.Imaginary);
            Pack(scratch.Real, scratch.Imaginary, input, channel);
        }
    }

    /// <summary>Runs the network on the filled input and returns its output (dispose it).</summary>
    /// <exception cref="InferenceException">The run failed or returned an unexpected size.</exception>
    public ModelOutputs Run(Scratch scratch, int chunkIndex, CancellationToken cancellationToken)
    {
        var outputs = _model.Run(scratch.Inputs, _outputNames, chunkIndex, cancellationToken);
        var expected = 4L * Parameters.DimF * Parameters.DimT;
        if (outputs.GetSpan<float>(0).Length != expected)
        {
            var shape = string.Join(", ", outputs.GetShape(0));
            outputs.Dispose();
            throw new InferenceException(
                $"MDX-Net model '{_model.Id}' returned an output of shape [{shape}] on chunk {chunkIndex}; expected [1, 4, {Parameters.DimF}, {Parameters.DimT}]. "
                + "The model does not follow the MDX-Net contract (its output must have the layout of its input).",
                _model.Id,
                chunkIndex);
        }

        return outputs;
    }

    /// <summary>Inverts the network output (the primary stem's spectrum) into one chunk of samples per channel.</summary>
    /// <param name="spectrum">The output, [1, 4, dim_f, dim_t].</param>
    /// <param name="scratch">This call's buffers.</param>
    /// <param name="left">Destination of <see cref="MdxNetParameters.ChunkLength"/> samples.</param>
    /// <param name="right">Destination of <see cref="MdxNetParameters.ChunkLength"/> samples.</param>
    public void Synthesize(ReadOnlySpan<float> spectrum, Scratch scratch, Span<float> left, Span<float> right)
    {
        for (var channel = 0; channel < 2; channel++)
        {
            Unpack(spectrum, channel, scratch.Real, scratch.Imaginary);
            _stft.Inverse(scratch.Real, scratch.Imaginary, Parameters.DimT, channel == 0 ? left : right);
        }
    }

    /// <summary>Analyze, run and synthesize one chunk.</summary>
    /// <returns>The time spent in the network run, in <see cref="Stopwatch"/> ticks (for benchmarks).</returns>
    public long Process(AudioBuffer chunk, Scratch scratch, Span<float> left, Span<float> right, int chunkIndex, CancellationToken cancellationToken)
    {
        Analyze(chunk, scratch);
        var started = Stopwatch.GetTimestamp();
        using var outputs = Run(scratch, chunkIndex, cancellationToken);
        var runTicks = Stopwatch.GetTimestamp() - started;
        Synthesize(outputs.GetSpan<float>(0), scratch, left, right);
        return runTicks;
    }

    /// <summary>Frame-major STFT of one channel → planes [2·channel] (re) and [2·channel + 1] (im) of [4, dim_f, dim_t], low bins zeroed.</summary>
    private void Pack(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> input, int channel)
    {
        var p = Parameters;
        var plane = p.DimF * p.DimT;
        ComplexPlanes.Gather(
            real,
            imaginary,
            p.BinCount,
            p.DimT,
            input.Slice(2 * channel * plane, plane),
            input.Slice(((2 * channel) + 1) * plane, plane),
            p.DimF,
            MdxNetParameters.ZeroedLowBins);
    }

    /// <summary>Planes 2·channel and 2·channel + 1 of [4, dim_f, dim_t] → frame-major spectrum with bins ≥ dim_f zeroed.</summary>
    private void Unpack(ReadOnlySpan<float> spectrum, int channel, Span<float> real, Span<float> imaginary)
    {
        int bins = Parameters.BinCount, dimF = Parameters.DimF, dimT = Parameters.DimT;
        var plane = dimF * dimT;
        ComplexPlanes.Scatter(spectrum.Slice(2 * channel * plane, plane), spectrum.Slice(((2 * channel) + 1) * plane, plane), dimF, dimT, real, imaginary, bins);
        if (dimF < bins)
        {
            for (var t = 0; t < dimT; t++)
            {
                real.Slice((t * bins) + dimF, bins - dimF).Clear();
                imaginary.Slice((t * bins) + dimF, bins - dimF).Clear();
            }
        }
    }

    /// <summary>Per-call buffers: the model input (pooled) and one frame-major spectrum (pooled).</summary>
    internal sealed class Scratch : IDisposable
    {
        private readonly float[] _real;
        private readonly float[] _imaginary;
        private readonly int _length;
        private bool _disposed;

        internal Scratch(MdxNetChunkProcessor owner)
        {
            var p = owner.Parameters;
            _length = p.DimT * p.BinCount;
            Inputs = new ModelInputs();
            Inputs.AddPooled<float>(InputName, owner._shape);
            _real = ArrayPool<float>.Shared.Rent(_length);
            _imaginary = ArrayPool<float>.Shared.Rent(_length);
        }

        /// <summary>Gets the model input.</summary>
        public ModelInputs Inputs { get; }

        /// <summary>Gets the real parts of one channel's spectrum, frame-major.</summary>
        public Span<float> Real => _real.AsSpan(0, _length);

        /// <summary>Gets the imaginary parts of one channel's spectrum, frame-major.</summary>
        public Span<float> Imaginary => _imaginary.AsSpan(0, _length);

        /// <summary>Releases the input and returns the arrays.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            Inputs.Dispose();
            ArrayPool<float>.Shared.Return(_real);
            ArrayPool<float>.Shared.Return(_imaginary);
        }
    }
}
