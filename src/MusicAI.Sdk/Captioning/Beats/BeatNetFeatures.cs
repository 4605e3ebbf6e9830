using System.Numerics.Tensors;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Captioning.Beats;

/// <summary>
/// BeatNet's input features, as its <c>log_spect.py</c> computes them with madmom: frames of 1411 samples (64 ms at
/// 22,050 Hz) every 441 samples (50 frames/s), centred (frame m is centred on sample 441·m, zeros outside the signal),
/// symmetric Hann window (<c>np.hanning</c>), 1411-point FFT magnitudes of bins 0–704, madmom's logarithmic filterbank
/// (24 bands per octave, 30–17,000 Hz, frequencies snapped to unique FFT bins, triangular filters over consecutive bin
/// triples, each normalised to sum 1: 136 bands at 22,050 Hz), <c>log10(1 + x)</c>; the network input is these 136
/// values followed by their positive difference from the previous frame (madmom's <c>diff_ratio=0.5</c> gives a lag of
/// one frame for this window and hop): 272 values per frame.
/// </summary>
/// <remarks>Immutable tables, thread-safe; <see cref="Compute"/> allocates nothing.</remarks>
internal sealed class BeatNetFeatures
{
    /// <summary>Sample rate the features are defined at.</summary>
    public const int SampleRate = 22_050;

    /// <summary>Frame (window and FFT) length.</summary>
    public const int FrameLength = 1411;

    /// <summary>Hop between frames.</summary>
    public const int Hop = 441;

    /// <summary>Frames per second.</summary>
    public const double FrameRate = SampleRate / (double)Hop;

    /// <summary>Magnitude bins used (madmom drops the Nyquist bin; 1411 is odd so there is none).</summary>
    public const int BinCount = FrameLength / 2;

    private static readonly Lazy<BeatNetFeatures> s_instance = new(() => new BeatNetFeatures());

    private readonly float[] _window;
    private readonly FftPlan _fft = FftPlan.Get(FrameLength);
    private readonly int[] _starts;
    private readonly float[][] _weights;

    private BeatNetFeatures()
    {
        _window = new float[FrameLength];
        for (var n = 0; n < FrameLength; n++)
        {
            _window[n] = (float)(0.5 - (0.5 * Math.Cos(2 * Math.PI * n / (FrameLength - 1))));
        }

        var bins = FilterBins();
        var starts = new List<int>();
        var weights = new List<float[]>();
        for (var i = 0; i + 2 < bins.Count; i++)
        {
            int start = bins[i], center = bins[i + 1], stop = bins[i + 2];
            if (stop - start < 2)
            {
                center = start;
                stop = start + 1;
            }

            var rise = center - start;
            var length = stop - start;
            var filter = new double[length];
            for (var j = 0; j < rise; j++)
            {
                filter[j] = j / (double)rise;
            }

            for (var j = rise; j < length; j++)
            {
                filter[j] = 1 - ((j - rise) / (double)(length - rise));
            }

            var sum = filter.Sum();
            starts.Add(start);
            weights.Add([.. filter.Select(w => (float)(w / sum))]);
        }

        _starts = [.. starts];
        _weights = [.. weights];
    }

    /// <summary>Gets the shared instance.</summary>
    public static BeatNetFeatures Instance => s_instance.Value;

    /// <summary>Gets the number of filterbank bands (136).</summary>
    public int BandCount => _weights.Length;

    /// <summary>Gets the weights of band <paramref name="band"/> and the FFT bin they start at.</summary>
    public (int Start, float[] Weights) Filter(int band) => (_starts[band], _weights[band]);

    /// <summary>Log-filtered magnitudes of one frame.</summary>
    /// <param name="frame"><see cref="FrameLength"/> samples centred on the frame's instant.</param>
    /// <param name="bands">Destination, <see cref="BandCount"/> values.</param>
    /// <param name="scratch">Work span of at least 2·<see cref="FrameLength"/> floats.</param>
    public void Compute(ReadOnlySpan<float> frame, Span<float> bands, Span<float> scratch)
    {
        var real = scratch[..FrameLength];
        var imaginary = scratch.Slice(FrameLength, FrameLength);
        TensorPrimitives.Multiply(frame[..FrameLength], _window, real);
        imaginary.Clear();
        _fft.Forward(real, imaginary);
        var magnitude = real[..BinCount];
        SpectralKernels.Magnitude(magnitude, imaginary[..BinCount], magnitude);
        for (var b = 0; b < _weights.Length; b++)
        {
            var value = TensorPrimitives.Dot(_weights[b], magnitude.Slice(_starts[b], _weights[b].Length));
            bands[b] = MathF.Log10(1 + value);
        }
    }

    /// <summary>madmom's <c>log_frequencies(24, 30, 17000)</c> snapped to unique FFT bins (<c>frequencies2bins</c>).</summary>
    private static List<int> FilterBins()
    {
        var binHz = SampleRate / (double)FrameLength;
        var left = Math.Floor(Math.Log2(30 / 440.0) * 24);
        var right = Math.Ceiling(Math.Log2(17000 / 440.0) * 24);
        var bins = new SortedSet<int>();
        for (var k = left; k < right; k++)
        {
            var frequency = 440 * Math.Pow(2, k / 24);
            if (frequency < 30 || frequency > 17000)
            {
                continue;
            }

            // searchsorted (first bin ≥ frequency), clipped to [1, bins − 1], then the nearer of it and its left neighbour.
            var index = Math.Clamp((int)Math.Ceiling(frequency / binHz), 1, BinCount - 1);
            if (frequency - ((index - 1) * binHz) < (index * binHz) - frequency)
            {
                index--;
            }

            bins.Add(index);
        }

        return [.. bins];
    }
}
