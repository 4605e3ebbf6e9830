using System.Buffers;
using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Separation.Chunking;

/// <summary>
/// Streaming weighted overlap-add of per-chunk engine outputs: chunks arrive in order, are cross-faded where they
/// overlap, and every frame no later chunk can touch is handed to an <see cref="ISeparationSink"/> at once, so
/// memory is one chunk per stem and channel whatever the signal length.
/// </summary>
/// <remarks>
/// <para>Chunk k is weighted by a raised-cosine fade-in over its first <c>R</c> frames (not for the first chunk) and a
/// fade-out over its last <c>R</c> frames (not for the last chunk), with <c>R</c> = <see cref="ChunkLayout.Overlap"/>;
/// the weights are sampled half a frame off the ends (<c>sin²(π/2·(i + ½)/R)</c>), so they are never zero, and a
/// fade-in plus the fade-out it overlaps sum to one. Every output frame is divided by the sum of the weights that
/// reached it, so any overlap (also above one half, where three chunks overlap) reconstructs exactly: if every chunk
/// carries the same signal, the output is that signal (up to float rounding).</para>
/// <para>Not thread-safe: call <see cref="Add"/> from one thread, in chunk order. Dispose to return the pooled memory.</para>
/// </remarks>
internal sealed class OverlapAddStitcher : IDisposable
{
    private readonly ChunkLayout _layout;
    private readonly ISeparationSink _sink;
    private readonly int _stemCount;
    private readonly int _channelCount;
    private readonly int _sampleRate;
    private readonly float[] _fadeIn;
    private OverlapAddAccumulator? _sums;
    private float[]? _row;
    private AudioBuffer[] _blocks = [];
    private long _nextChunk;

    /// <summary>Creates a stitcher.</summary>
    /// <param name="layout">The chunk layout every <see cref="Add"/> call follows.</param>
    /// <param name="stemCount">Stems per chunk.</param>
    /// <param name="channelCount">Channels per stem.</param>
    /// <param name="sampleRate">Sample rate of the emitted blocks.</param>
    /// <param name="sink">Receives consecutive blocks covering exactly <see cref="ChunkLayout.TotalFrames"/> frames.</param>
    public OverlapAddStitcher(ChunkLayout layout, int stemCount, int channelCount, int sampleRate, ISeparationSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stemCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCount);
        _layout = layout;
        _sink = sink;
        _stemCount = stemCount;
        _channelCount = channelCount;
        _sampleRate = sampleRate;
        _fadeIn = new float[layout.Overlap];
        for (var i = 0; i < _fadeIn.Length; i++)
        {
            var s = Math.Sin(Math.PI / 2 * (i + 0.5) / _fadeIn.Length);
            _fadeIn[i] = (float)(s * s);
        }

        var capacity = (int)Math.Min(layout.ChunkLength, Math.Max(1, layout.TotalFrames));
        _sums = new OverlapAddAccumulator(stemCount, channelCount, capacity);
        _row = ArrayPool<float>.Shared.Rent(capacity);
    }

    /// <summary>Gets a value indicating whether every chunk has been added (and so every frame emitted).</summary>
    public bool IsComplete => _nextChunk == _layout.ChunkCount;

    /// <summary>
    /// Adds the output of the next chunk and emits every frame that is now final.
    /// </summary>
    /// <param name="chunk">The chunk index; must be the next one in order.</param>
    /// <param name="stems">One buffer per stem, each <see cref="ChunkLayout.Length"/>(chunk) frames of the stitcher's channel count.</param>
    public void Add(long chunk, ReadOnlySpan<AudioBuffer> stems)
    {
        var sums = _sums;
        ObjectDisposedException.ThrowIf(sums is null, this);
        if (chunk != _nextChunk)
        {
            throw new InvalidOperationException($"Chunk {chunk} was added but chunk {_nextChunk} is next: add chunks in order.");
        }

        if (stems.Length != _stemCount)
        {
            throw new ArgumentException($"{stems.Length} stems were given; the stitcher was created for {_stemCount}.", nameof(stems));
        }

        var length = _layout.Length(chunk);
        foreach (var stem in stems)
        {
            if (stem.FrameCount != length || stem.ChannelCount != _channelCount)
            {
                throw new ArgumentException($"Chunk {chunk} needs {_channelCount}-channel stems of {length} frames; one is {stem.ChannelCount} ch × {stem.FrameCount}.", nameof(stems));
            }
        }

        var row = _row.AsSpan(0, length);
        FillWeights(chunk, row);
        sums.AddWeights(0, row);
        for (var s = 0; s < _stemCount; s++)
        {
            for (var c = 0; c < _channelCount; c++)
            {
                sums.AddWeighted(s, c, 0, stems[s].GetChannel(c), row);
            }
        }

        var last = chunk == _layout.ChunkCount - 1;
        var start = _layout.Start(chunk);
        var final = (int)((last ? _layout.TotalFrames : _layout.Start(chunk + 1)) - start);
        Emit(sums, final);

        // Keep the overlap tail (it still receives the next chunk's fade-in) at the front.
        sums.Advance(final);
        _nextChunk++;
    }

    /// <summary>Returns the pooled memory.</summary>
    public void Dispose()
    {
        var sums = Interlocked.Exchange(ref _sums, null);
        if (sums is null)
        {
            return;
        }

        sums.Dispose();
        ArrayPool<float>.Shared.Return(_row!);
        _row = null;
        DisposeBlocks();
    }

    private void FillWeights(long chunk, Span<float> row)
    {
        row.Fill(1f);
        var ramp = _fadeIn.Length;
        if (ramp == 0)
        {
            return;
        }

        if (chunk > 0)
        {
            var n = Math.Min(ramp, row.Length);
            TensorPrimitives.Multiply(row[..n], _fadeIn.AsSpan(0, n), row[..n]);
        }

        if (chunk < _layout.ChunkCount - 1)
        {
            // Only full-length chunks fade out, so the tail is exactly the mirrored fade-in.
            var tail = row[^ramp..];
            for (var i = 0; i < ramp; i++)
            {
                tail[i] *= _fadeIn[ramp - 1 - i];
            }
        }
    }

    private void Emit(OverlapAddAccumulator sums, int frames)
    {
        if (frames <= 0)
        {
            return;
        }

        if (_blocks.Length == 0 || _blocks[0].FrameCount != frames)
        {
            DisposeBlocks();
            _blocks = new AudioBuffer[_stemCount];
            for (var s = 0; s < _stemCount; s++)
            {
                _blocks[s] = AudioBuffer.Create(_channelCount, frames, _sampleRate);
            }
        }

        for (var s = 0; s < _stemCount; s++)
        {
            for (var c = 0; c < _channelCount; c++)
            {
                sums.Normalize(s, c, 0, _blocks[s].GetChannel(c));
            }
        }

        _sink.Write(_blocks);
    }

    private void DisposeBlocks()
    {
        foreach (var block in _blocks)
        {
            block.Dispose();
        }

        _blocks = [];
    }
}
