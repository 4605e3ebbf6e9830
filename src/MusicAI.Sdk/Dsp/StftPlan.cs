using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Short-time Fourier transform and its inverse with <c>torch.stft</c>/<c>torch.istft</c> conventions.
/// </summary>
/// <remarks>
/// <para><b>Forward.</b> Frame t covers padded samples [t·hop, t·hop + n_fft); with <see cref="Center"/> the signal is
/// first padded by n_fft/2 samples on each side using <see cref="PadMode"/> (edge frames are built in a small buffer;
/// the signal is never copied). Each frame is multiplied by the window (length win_length ≤ n_fft, zero-padded and
/// centred in n_fft), transformed by a <see cref="RealFftPlan"/>, and bins 0..n_fft/2 are stored. With
/// <see cref="Normalized"/> the spectrum is divided by √n_fft. Frame count: 1 + (L + 2·(n_fft/2) − n_fft)/hop with
/// centring, 1 + (L − n_fft)/hop without (0 when the signal is shorter than a frame).</para>
/// <para><b>Layout.</b> Frame-major: bin b of frame t is at index t·<see cref="BinCount"/> + b of two separate spans,
/// real and imaginary. This is the layout the FFT produces without any transposition.</para>
/// <para><b>Inverse.</b> Each frame is inverse-transformed (imaginary parts of DC and Nyquist ignored), multiplied by
/// the window, overlap-added, and divided by the overlap-added squared window (window-sum-square); n_fft/2 samples
/// are trimmed at the start when centring, and the output has <c>length</c> samples (zero tail if the frames do not
/// reach that far) or, without <c>length</c>, hop·(frames − 1) samples (centred) — exactly <c>torch.istft</c>.</para>
/// <para>Plans are immutable and thread-safe. Each call rents its scratch once from <see cref="ArrayPool{T}.Shared"/>;
/// nothing is allocated per frame.</para>
/// </remarks>
internal sealed unsafe class StftPlan
{
    private readonly RealFftPlan _fft;
    private readonly float[] _analysisWindow;
    private readonly float[] _synthesisWindow;
    private readonly float[] _windowSquared;

    /// <summary>Creates a plan with an explicit window.</summary>
    /// <param name="fftLength">n_fft, 2 or more.</param>
    /// <param name="hopLength">Hop in samples, 1 or more.</param>
    /// <param name="window">Window of win_length ≤ n_fft samples; zero-padded and centred in n_fft.</param>
    /// <param name="center">Pad n_fft/2 samples on both sides so frame t is centred on sample t·hop.</param>
    /// <param name="padMode">Padding used when centring.</param>
    /// <param name="normalized">Divide the spectrum by √n_fft (and multiply by it before the inverse).</param>
    public StftPlan(int fftLength, int hopLength, ReadOnlySpan<float> window, bool center = true, PadMode padMode = PadMode.Reflect, bool normalized = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(fftLength, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hopLength);
        if (window.IsEmpty || window.Length > fftLength)
        {
            throw new ArgumentException($"The window must have 1 to n_fft ({fftLength}) samples; it has {window.Length}.", nameof(window));
        }

        FftLength = fftLength;
        HopLength = hopLength;
        WindowLength = window.Length;
        Center = center;
        PadMode = padMode;
        Normalized = normalized;
        BinCount = (fftLength / 2) + 1;
        _fft = RealFftPlan.Get(fftLength);

        var padded = new float[fftLength];
        WindowFunctions.CenterPad(window, padded);
        _windowSquared = new float[fftLength];
        TensorPrimitives.Multiply(padded, padded, _windowSquared);

        // The forward scale (1/√n when normalised) is folded into the analysis window; the inverse scale
        // (1/n for the unnormalised inverse FFT, times √n when normalised) into the synthesis window.
        _analysisWindow = new float[fftLength];
        TensorPrimitives.Multiply(padded, normalized ? (float)(1 / Math.Sqrt(fftLength)) : 1f, _analysisWindow);
        _synthesisWindow = new float[fftLength];
        TensorPrimitives.Multiply(padded, (float)(normalized ? 1 / Math.Sqrt(fftLength) : 1.0 / fftLength), _synthesisWindow);
    }

    /// <summary>Gets n_fft.</summary>
    public int FftLength { get; }

    /// <summary>Gets the hop in samples.</summary>
    public int HopLength { get; }

    /// <summary>Gets the window length before zero-padding to n_fft.</summary>
    public int WindowLength { get; }

    /// <summary>Gets a value indicating whether frames are centred (signal padded by n_fft/2 each side).</summary>
    public bool Center { get; }

    /// <summary>Gets the padding used when centring.</summary>
    public PadMode PadMode { get; }

    /// <summary>Gets a value indicating whether the spectrum is scaled by 1/√n_fft.</summary>
    public bool Normalized { get; }

    /// <summary>Gets the number of bins per frame, n_fft/2 + 1.</summary>
    public int BinCount { get; }

    private int Padding => Center ? FftLength / 2 : 0;

    /// <summary>Creates a plan with a named window of win_length samples (n_fft when omitted).</summary>
    /// <param name="fftLength">n_fft.</param>
    /// <param name="hopLength">Hop in samples.</param>
    /// <param name="window">Window shape (periodic variant, as STFTs use).</param>
    /// <param name="windowLength">win_length ≤ n_fft; null means n_fft.</param>
    /// <param name="center">Centre frames.</param>
    /// <param name="padMode">Padding when centring.</param>
    /// <param name="normalized">Scale by 1/√n_fft.</param>
    public static StftPlan Create(int fftLength, int hopLength, WindowKind window = WindowKind.Hann, int? windowLength = null, bool center = true, PadMode padMode = PadMode.Reflect, bool normalized = false) =>
        new(fftLength, hopLength, WindowFunctions.Create(window, windowLength ?? fftLength, periodic: true), center, padMode, normalized);

    /// <summary>Number of frames the forward transform produces for a signal of <paramref name="signalLength"/> samples.</summary>
    public int FrameCount(int signalLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(signalLength);
        var padded = (long)signalLength + (2L * Padding);
        return padded < FftLength ? 0 : checked((int)(1 + ((padded - FftLength) / HopLength)));
    }

    /// <summary>Number of samples <see cref="Inverse"/> returns for <paramref name="frameCount"/> frames when no length is given.</summary>
    public int InverseLength(int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        return FftLength + (HopLength * (frameCount - 1)) - (2 * Padding);
    }

    /// <summary>Transforms a whole signal.</summary>
    /// <param name="signal">Samples.</param>
    /// <param name="real">Destination, <see cref="FrameCount"/>·<see cref="BinCount"/> floats, frame-major.</param>
    /// <param name="imaginary">Destination for the imaginary parts, same size.</param>
    public void Forward(ReadOnlySpan<float> signal, Span<float> real, Span<float> imaginary) =>
        Forward(signal, 0, FrameCount(signal.Length), real, imaginary);

    /// <summary>Transforms frames [<paramref name="firstFrame"/>, firstFrame + frameCount) of a signal.</summary>
    /// <param name="signal">The whole signal (frames near its ends are padded as configured).</param>
    /// <param name="firstFrame">Index of the first frame to compute.</param>
    /// <param name="frameCount">Number of frames to compute.</param>
    /// <param name="real">Destination, frameCount·<see cref="BinCount"/> floats, frame-major.</param>
    /// <param name="imaginary">Destination for the imaginary parts, same size.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Forward(ReadOnlySpan<float> signal, int firstFrame, int frameCount, Span<float> real, Span<float> imaginary)
    {
        var total = FrameCount(signal.Length);
        ArgumentOutOfRangeException.ThrowIfNegative(firstFrame);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstFrame + (long)frameCount, total, nameof(frameCount));
        var size = (long)frameCount * BinCount;
        ThrowHelper.ThrowIfDestinationTooShort(real.Length, checked((int)size));
        ThrowHelper.ThrowIfDestinationTooShort(imaginary.Length, checked((int)size));
        if (frameCount == 0)
        {
            return;
        }

        ValidatePadding(signal.Length);
        var scratch = ArrayPool<float>.Shared.Rent(FftLength + _fft.ScratchLength);
        try
        {
            fixed (float* x = signal, re = real, im = imaginary, work = scratch, window = _analysisWindow)
            {
                float* frameBuffer = work, fftScratch = work + FftLength;
                for (var f = 0; f < frameCount; f++)
                {
                    var t = firstFrame + f;
                    var start = ((long)t * HopLength) - Padding;
                    float* frame;
                    if (start >= 0 && start + FftLength <= signal.Length)
                    {
                        frame = x + start;
                    }
                    else
                    {
                        BuildEdgeFrame(signal, start, new Span<float>(frameBuffer, FftLength));
                        frame = frameBuffer;
                    }

                    var offset = (nint)f * BinCount;
                    _fft.ForwardCore(frame, window, re + offset, im + offset, fftScratch);
                }
            }
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Inverse transform (overlap-add with window-sum-square normalisation), as <c>torch.istft</c>.</summary>
    /// <param name="real">Real parts, frame-major, frameCount·<see cref="BinCount"/>.</param>
    /// <param name="imaginary">Imaginary parts, same layout.</param>
    /// <param name="frameCount">Number of frames, 1 or more.</param>
    /// <param name="output">Destination: <paramref name="length"/> samples, or <see cref="InverseLength"/> when null.</param>
    /// <param name="length">Output length (torch's <c>length</c>); null trims as torch does without it.</param>
    /// <exception cref="ArgumentException">The window and hop leave a sample with a window-sum-square below 1e-11 (NOLA fails).</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Inverse(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, int frameCount, Span<float> output, int? length = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(frameCount);
        var size = checked(frameCount * BinCount);
        ThrowHelper.ThrowIfInputTooShort(real.Length, size);
        ThrowHelper.ThrowIfInputTooShort(imaginary.Length, size);
        var outputLength = length ?? InverseLength(frameCount);
        ArgumentOutOfRangeException.ThrowIfNegative(outputLength, nameof(length));
        ThrowHelper.ThrowIfDestinationTooShort(output.Length, outputLength);

        var expected = FftLength + ((long)HopLength * (frameCount - 1));
        var start = Padding;

        // Output sample i is overlap-added sample start + i; those past the last frame stay zero (torch pads).
        var covered = (int)Math.Clamp(expected - start, 0, outputLength);
        var destination = output[..outputLength];
        destination.Clear();
        var envelope = ArrayPool<float>.Shared.Rent(Math.Max(covered, 1));
        var scratch = ArrayPool<float>.Shared.Rent(FftLength + _fft.ScratchLength);
        try
        {
            var env = envelope.AsSpan(0, covered);
            env.Clear();
            fixed (float* re = real, im = imaginary, work = scratch)
            {
                float* frameBuffer = work, fftScratch = work + FftLength;
                var frame = new Span<float>(frameBuffer, FftLength);
                for (var t = 0; t < frameCount; t++)
                {
                    // Overlap-added indices [t·hop, t·hop + n) map to output [t·hop − start, …); clip to [0, covered).
                    var from = ((long)t * HopLength) - start;
                    var lo = (int)Math.Max(0, -from);
                    var hi = (int)Math.Min(FftLength, covered - from);
                    if (hi <= lo)
                    {
                        continue;
                    }

                    var offset = (nint)t * BinCount;
                    _fft.InverseCore(re + offset, im + offset, frameBuffer, fftScratch);
                    var target = destination.Slice((int)(from + lo), hi - lo);
                    TensorPrimitives.MultiplyAdd(frame[lo..hi], _synthesisWindow.AsSpan(lo, hi - lo), target, target);
                    var envTarget = env.Slice((int)(from + lo), hi - lo);
                    TensorPrimitives.Add(envTarget, _windowSquared.AsSpan(lo, hi - lo), envTarget);
                }
            }

            if (covered > 0 && TensorPrimitives.Min(env) < 1e-11f)
            {
                throw new ArgumentException(
                    $"The window-sum-square is (nearly) zero somewhere: this window (length {WindowLength}) and hop ({HopLength}) do not overlap enough to invert (NOLA). Use a smaller hop or a longer window.",
                    nameof(frameCount));
            }

            TensorPrimitives.Divide(destination[..covered], env, destination[..covered]);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(scratch);
            ArrayPool<float>.Shared.Return(envelope);
        }
    }

    private void ValidatePadding(int signalLength)
    {
        if (!Center || PadMode == PadMode.Constant)
        {
            return;
        }

        if (PadMode == PadMode.Reflect && Padding >= signalLength)
        {
            throw new ArgumentException(
                $"Reflect padding needs a signal longer than n_fft/2 ({Padding} samples); it has {signalLength}. Use PadMode.Constant for short signals.",
                nameof(signalLength));
        }

        if (signalLength == 0)
        {
            throw new ArgumentException("Edge padding needs at least one sample; use PadMode.Constant for an empty signal.", nameof(signalLength));
        }
    }

    /// <summary>Fills a frame that starts at signal index <paramref name="start"/> (may be negative) with padding applied.</summary>
    private void BuildEdgeFrame(ReadOnlySpan<float> signal, long start, Span<float> frame)
    {
        var length = signal.Length;
        for (var j = 0; j < frame.Length; j++)
        {
            var index = start + j;
            if (index >= 0 && index < length)
            {
                frame[j] = signal[(int)index];
                continue;
            }

            switch (PadMode)
            {
                case PadMode.Reflect:
                    index = index < 0 ? -index : (2L * (length - 1)) - index;
                    frame[j] = index >= 0 && index < length ? signal[(int)index] : 0f;
                    break;
                case PadMode.Edge:
                    frame[j] = signal[index < 0 ? 0 : length - 1];
                    break;
                default:
                    frame[j] = 0f;
                    break;
            }
        }
    }
}
