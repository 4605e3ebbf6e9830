using System.Buffers;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// The spectrogram HT-Demucs computes outside an export with the STFT outside the graph (model-contracts.md §2.3–2.4;
/// demucs <c>HTDemucs._spec</c>/<c>_ispec</c>, sevagh/demucs.onnx <c>standalone_spec</c>/<c>standalone_ispec</c>).
/// </summary>
/// <remarks>
/// <para><b>Forward</b> for a segment of L samples: le = ⌈L/1024⌉; reflect-pad 1536 samples on the left and
/// 1536 + le·1024 − L on the right; <c>torch.stft</c> with n_fft 4096, hop 1024, periodic Hann, centred (reflect),
/// <c>normalized=True</c> (÷64); drop the Nyquist bin and 2 frames at each end → 2048 bins × le frames, written as
/// complex-as-channels planes [L.re, L.im, R.re, R.im] of [4, 2048, le].</para>
/// <para><b>Inverse</b> of one source channel: zero Nyquist bin and 2 zero frames at each end (le + 4 frames),
/// <c>torch.istft</c> normalized with length le·1024 + 3072, then samples [1536, 1536 + L).</para>
/// <para>Immutable and thread-safe; callers pass the scratch (see <see cref="Scratch"/>).</para>
/// </remarks>
internal sealed class HtDemucsSpectrogram
{
    /// <summary>n_fft.</summary>
    public const int FftLength = 4096;

    /// <summary>Hop.</summary>
    public const int HopLength = 1024;

    /// <summary>Bins kept (the Nyquist bin is dropped).</summary>
    public const int Bins = FftLength / 2;

    private const int Pad = HopLength / 2 * 3;
    private const int FullBins = Bins + 1;

    private readonly StftPlan _plan = StftPlan.Create(FftLength, HopLength, WindowKind.Hann, center: true, padMode: PadMode.Reflect, normalized: true);

    /// <summary>Creates the transform for segments of <paramref name="segmentLength"/> samples.</summary>
    public HtDemucsSpectrogram(int segmentLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentLength, Pad + HopLength);
        SegmentLength = segmentLength;
        Frames = (segmentLength + HopLength - 1) / HopLength;
        PaddedLength = (Frames * HopLength) + (2 * Pad);
    }

    /// <summary>Gets the segment length L.</summary>
    public int SegmentLength { get; }

    /// <summary>Gets the frames per segment, ⌈L/1024⌉ (336 for 343,980).</summary>
    public int Frames { get; }

    /// <summary>Gets the length of the padded segment, le·1024 + 3072.</summary>
    public int PaddedLength { get; }

    /// <summary>Gets the floats one complex-as-channels plane pair holds: 2048 · le.</summary>
    public int PlaneLength => Bins * Frames;

    /// <summary>Creates scratch for one call.</summary>
    public Scratch CreateScratch() => new(this);

    /// <summary>Writes the spectrogram of one channel into planes 2·channel (re) and 2·channel + 1 (im) of <paramref name="spectrogram"/>.</summary>
    /// <param name="segment">L samples.</param>
    /// <param name="channel">0 or 1.</param>
    /// <param name="spectrogram">The [4, 2048, le] model input.</param>
    /// <param name="scratch">This call's scratch.</param>
    public void Forward(ReadOnlySpan<float> segment, int channel, Span<float> spectrogram, Scratch scratch)
    {
        var padded = scratch.Signal[..PaddedLength];
        segment.CopyTo(padded[Pad..]);
        var right = PaddedLength - Pad - SegmentLength;
        for (var j = 0; j < Pad; j++)
        {
            padded[j] = segment[Pad - j];
        }

        for (var j = 0; j < right; j++)
        {
            padded[Pad + SegmentLength + j] = segment[SegmentLength - 2 - j];
        }

        var count = Frames * FullBins;
        var real = scratch.Real[..count];
        var imaginary = scratch.Imaginary[..count];
        _plan.Forward(padded, firstFrame: 2, frameCount: Frames, real, imaginary);

        ComplexPlanes.Gather(
            real,
            imaginary,
            FullBins,
            Frames,
            spectrogram.Slice(2 * channel * PlaneLength, PlaneLength),
            spectrogram.Slice(((2 * channel) + 1) * PlaneLength, PlaneLength),
            Bins);
    }

    /// <summary>Inverts one source channel given as re/im planes of [2048, le] into L samples.</summary>
    /// <param name="real">The real plane.</param>
    /// <param name="imaginary">The imaginary plane.</param>
    /// <param name="destination">L samples.</param>
    /// <param name="scratch">This call's scratch.</param>
    public void Inverse(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> destination, Scratch scratch)
    {
        var frames = Frames + 4;
        var re = scratch.Real[..(frames * FullBins)];
        var im = scratch.Imaginary[..(frames * FullBins)];
        re[..(2 * FullBins)].Clear();
        im[..(2 * FullBins)].Clear();
        re[((frames - 2) * FullBins)..].Clear();
        im[((frames - 2) * FullBins)..].Clear();
        ComplexPlanes.Scatter(real, imaginary, Bins, Frames, re, im, FullBins, firstFrame: 2);
        for (var t = 2; t < frames - 2; t++)
        {
            re[(t * FullBins) + Bins] = 0f;
            im[(t * FullBins) + Bins] = 0f;
        }

        var signal = scratch.Signal[..PaddedLength];
        _plan.Inverse(re, im, frames, signal, PaddedLength);
        signal.Slice(Pad, SegmentLength).CopyTo(destination);
    }

    /// <summary>Per-call buffers, rented: one padded signal and one frame-major spectrum of le + 4 frames.</summary>
    internal sealed class Scratch : IDisposable
    {
        private readonly float[] _signal;
        private readonly float[] _real;
        private readonly float[] _imaginary;
        private readonly int _signalLength;
        private readonly int _spectrumLength;
        private bool _disposed;

        internal Scratch(HtDemucsSpectrogram owner)
        {
            _signalLength = owner.PaddedLength;
            _spectrumLength = (owner.Frames + 4) * FullBins;
            _signal = ArrayPool<float>.Shared.Rent(_signalLength);
            _real = ArrayPool<float>.Shared.Rent(_spectrumLength);
            _imaginary = ArrayPool<float>.Shared.Rent(_spectrumLength);
        }

        /// <summary>Gets the padded-signal buffer.</summary>
        public Span<float> Signal => _signal.AsSpan(0, _signalLength);

        /// <summary>Gets the frame-major real parts.</summary>
        public Span<float> Real => _real.AsSpan(0, _spectrumLength);

        /// <summary>Gets the frame-major imaginary parts.</summary>
        public Span<float> Imaginary => _imaginary.AsSpan(0, _spectrumLength);

        /// <summary>Returns the arrays to the pool.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            ArrayPool<float>.Shared.Return(_signal);
            ArrayPool<float>.Shared.Return(_real);
            ArrayPool<float>.Shared.Return(_imaginary);
        }
    }
}
