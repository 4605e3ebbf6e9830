using System.Buffers;
using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation.Chunking;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// The state of one MDX-Net separation call: the chunk being read, the model buffers, the overlap-add window and the
/// output blocks. <see cref="ProcessChunk"/> is UVR's loop body (model-contracts.md §1.4) for one chunk start, followed
/// by the output of every frame no later chunk can change (see <see cref="MdxNetEngine"/>).
/// </summary>
/// <remarks>Not thread-safe; one instance per call. Rents everything it needs once; nothing per chunk.</remarks>
internal sealed class MdxNetSeparation : IDisposable
{
    private readonly MdxNetEngine _engine;
    private readonly MdxNetChunkProcessor _processor;
    private readonly ISeparationSource _source;
    private readonly ISeparationSink _sink;
    private readonly IProgress<ProcessingProgress>? _progress;
    private readonly MdxNetChunkProcessor.Scratch _scratch;
    private readonly AudioBuffer _input;
    private readonly OverlapAddAccumulator _sums;
    private readonly StemBlocks _blocks;
    private readonly float[] _left;
    private readonly float[] _right;
    private readonly float[] _tailWindow;
    private readonly bool _windowed;
    private readonly int _primaryIndex;
    private readonly float _compensate;
    private bool _disposed;

    /// <summary>Prepares a call over <paramref name="source"/> (44.1 kHz stereo, at least one frame).</summary>
    public MdxNetSeparation(MdxNetEngine engine, ISeparationSource source, ISeparationSink sink, float? overlap, IProgress<ProcessingProgress>? progress)
    {
        _engine = engine;
        _processor = engine.Processor;
        _source = source;
        _sink = sink;
        _progress = progress;
        var p = _processor.Parameters;
        Step = p.Step(overlap);
        MixtureLength = p.MixtureLength(source.FrameCount);
        _windowed = overlap != 0f;
        _primaryIndex = p.PrimaryStem == Stem.Vocals ? 0 : 1;
        _compensate = (float)p.Compensate;

        var chunk = p.ChunkLength;
        _scratch = _processor.CreateScratch();
        _input = AudioBuffer.Create(2, chunk, MdxNetParameters.SampleRate);
        _sums = new OverlapAddAccumulator(1, 2, chunk);
        _blocks = new StemBlocks(2, 2, Step, MdxNetParameters.SampleRate);
        _left = ArrayPool<float>.Shared.Rent(chunk);
        _right = ArrayPool<float>.Shared.Rent(chunk);
        _tailWindow = ArrayPool<float>.Shared.Rent(chunk);
    }

    /// <summary>Gets the distance between chunk starts.</summary>
    public int Step { get; }

    /// <summary>Gets the length of UVR's padded mixture: chunks start at 0, Step, … below it.</summary>
    public long MixtureLength { get; }

    /// <summary>Gets the time the last <see cref="ProcessChunk"/> spent in the network run, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long LastRunTicks { get; private set; }

    /// <summary>
    /// Reads, separates and overlap-adds the chunk starting at <paramref name="start"/> (padded-mixture coordinates,
    /// the next multiple of <see cref="Step"/>), then writes the frames that are final to the sink.
    /// </summary>
    public void ProcessChunk(long start, int chunkIndex, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var p = _processor.Parameters;
        int chunk = p.ChunkLength, trim = p.Trim;
        var frames = _source.FrameCount;
        var length = (int)Math.Min(chunk, MixtureLength - start);
        _source.Read(start - trim, _input);
        LastRunTicks = _processor.Process(_input, _scratch, _left, _right, chunkIndex, cancellationToken);

        var offset = checked((int)(start - _sums.Start));
        if (_windowed)
        {
            ReadOnlySpan<float> window = length == chunk ? _engine.ChunkWindow : MdxNetEngine.SymmetricHann(_tailWindow.AsSpan(0, length));
            _sums.AddWeighted(0, 0, offset, _left.AsSpan(0, length), window);
            _sums.AddWeighted(0, 1, offset, _right.AsSpan(0, length), window);
            _sums.AddWeights(offset, window[..length]);
        }
        else
        {
            _sums.Add(0, 0, offset, _left.AsSpan(0, length));
            _sums.Add(0, 1, offset, _right.AsSpan(0, length));
            _sums.AddWeights(offset, length, 1f);
        }

        // No later chunk reaches below start + step: those padded-mixture frames are final. Of them, the track keeps
        // [trim, trim + N); the rest is UVR's padding.
        var final = Math.Min(start + Step, MixtureLength);
        var keepFrom = Math.Max(_sums.Start, trim);
        var keepTo = Math.Min(final, trim + frames);
        if (keepTo > keepFrom)
        {
            var count = (int)(keepTo - keepFrom);
            var stems = _blocks.Get(count);
            var windowOffset = (int)(keepFrom - _sums.Start);
            var mixOffset = (int)(keepFrom - start);
            for (var channel = 0; channel < 2; channel++)
            {
                var primary = stems[_primaryIndex].GetChannel(channel);
                _sums.Normalize(0, channel, windowOffset, primary);
                TensorPrimitives.Multiply(primary, _compensate, primary);
                var mix = _input.GetChannel(channel).Slice(mixOffset, count);
                TensorPrimitives.Subtract(mix, primary, stems[1 - _primaryIndex].GetChannel(channel));
            }

            _sink.Write(stems);
            _progress?.Report(new ProcessingProgress("separate", keepTo - trim, frames));
        }

        _sums.Advance((int)(final - _sums.Start));
    }

    /// <summary>Returns every buffer.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _scratch.Dispose();
        _input.Dispose();
        _sums.Dispose();
        _blocks.Dispose();
        ArrayPool<float>.Shared.Return(_left);
        ArrayPool<float>.Shared.Return(_right);
        ArrayPool<float>.Shared.Return(_tailWindow);
    }
}
