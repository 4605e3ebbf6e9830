using System.Numerics;
using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Look-ahead peak limiter that computes one gain per frame from a stereo signal, so the same gain can be applied to
/// the mix and to every stem (stems keep summing to the mix).
/// </summary>
/// <remarks>
/// <para>Per frame: the required gain <c>r = min(1, ceiling / peak)</c>, where the peak includes inter-sample peaks
/// estimated by 4× windowed-sinc interpolation (16 taps per phase; "true-peak-ish"); a release smoother lets the gain
/// recover exponentially; a sliding minimum over <c>L + 1</c> frames followed by a moving average over <c>L + 1</c>
/// frames turns each gain dip into a linear ramp that starts <c>L</c> frames early. Because every frame of the average
/// has the frame in its minimum window, the output gain never exceeds <c>r</c>: sample peaks stay at or below the
/// ceiling (up to float rounding, covered by a 1e-5 margin).</para>
/// <para>The gain for frame <c>t</c> is known once frame <c>t + <see cref="Latency"/></c> has been pushed.
/// Allocation happens in the constructor only.</para>
/// </remarks>
internal sealed class Limiter
{
    private const int Taps = 16;
    private const int TruePeakDelay = Taps / 2;
    private const int Phases = 3;

    // Index, in the tap window x[i − Taps + 1 … i], of the frame judged now; interpolation runs between it and the next.
    private const int Centre = (Taps / 2) - 1;

    private readonly int _window;
    private readonly float _ceiling;
    private readonly float _releaseCoefficient;
    private readonly float[] _queueValue;
    private readonly long[] _queueIndex;
    private readonly float[] _box;
    private readonly float[] _coefficients = new float[Phases * Taps];
    private readonly float _coefficientAbsSum;
    private readonly float[] _historyLeft;
    private readonly float[] _historyRight;
    private readonly float[] _truePeak;
    private readonly int _queueMask;

    private int _queueHead;
    private int _queueCount;
    private int _boxPosition;
    private double _boxSum;
    private long _index;
    private float _release = 1f;
    private float _previousTruePeak;
    private int _unityRun;
    private bool _atRest = true;

    /// <summary>Creates a limiter.</summary>
    /// <param name="lookAheadFrames">Attack ramp / look-ahead in frames (at least 4).</param>
    /// <param name="ceiling">Linear output ceiling (0.891 = −1 dBFS).</param>
    /// <param name="releaseSeconds">Release time constant.</param>
    /// <param name="sampleRate">Sample rate.</param>
    /// <param name="maxBlock">Largest block passed to <see cref="Process"/>.</param>
    public Limiter(int lookAheadFrames, float ceiling, float releaseSeconds, float sampleRate, int maxBlock)
    {
        var lookAhead = Math.Max(4, lookAheadFrames);
        _window = lookAhead + 1;
        _ceiling = ceiling * (1f - 1e-5f);
        _releaseCoefficient = 1f - MathF.Exp(-1f / (releaseSeconds * sampleRate));
        var queueSize = RingBuffer.PowerOfTwoAtLeast(_window + 1);
        _queueMask = queueSize - 1;
        _queueValue = new float[queueSize];
        _queueIndex = new long[queueSize];
        _truePeak = new float[maxBlock];
        _box = new float[_window];
        Array.Fill(_box, 1f);
        _boxSum = _window;
        Latency = lookAhead + TruePeakDelay;
        _historyLeft = new float[Taps - 1 + maxBlock];
        _historyRight = new float[Taps - 1 + maxBlock];

        // Phases 0.25, 0.5, 0.75 between x[i-8] and x[i-7] of a 16-sample window x[i-15 .. i]; Hann-windowed sinc.
        var maxAbs = 0f;
        for (var p = 0; p < Phases; p++)
        {
            var fraction = (p + 1) * 0.25;
            var sum = 0.0;
            var taps = new double[Taps];
            for (var k = 0; k < Taps; k++)
            {
                var x = k - ((Taps / 2) - 1) - fraction;
                var sinc = Math.Abs(x) < 1e-12 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);
                var window = 0.5 + (0.5 * Math.Cos(Math.PI * x / ((Taps / 2) + 0.5)));
                taps[k] = sinc * window;
                sum += taps[k];
            }

            var abs = 0f;
            for (var k = 0; k < Taps; k++)
            {
                _coefficients[(p * Taps) + k] = (float)(taps[k] / sum);
                abs += MathF.Abs(_coefficients[(p * Taps) + k]);
            }

            maxAbs = MathF.Max(maxAbs, abs);
        }

        _coefficientAbsSum = maxAbs;
    }

    /// <summary>Gets the delay, in frames, between pushing a frame and receiving its gain.</summary>
    public int Latency { get; }

    /// <summary>
    /// Pushes <c>left.Length</c> frames and writes, for each, the gain of the frame <see cref="Latency"/> frames
    /// earlier into <paramref name="gains"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> gains)
    {
        var n = left.Length;
        const int history = Taps - 1;
        left.CopyTo(_historyLeft.AsSpan(history));
        right.CopyTo(_historyRight.AsSpan(history));
        var bufferLeft = _historyLeft.AsSpan(0, history + n);
        var bufferRight = _historyRight.AsSpan(0, history + n);
        var peak = MathF.Max(SpanKernels.MaxAbs(bufferLeft), SpanKernels.MaxAbs(bufferRight));
        var truePeakPossible = peak * MathF.Max(1f, _coefficientAbsSum) > _ceiling;

        if (_atRest && !truePeakPossible)
        {
            gains[..n].Fill(1f);
            _index += n;
            _previousTruePeak = 0f;
        }
        else
        {
            ProcessSlow(bufferLeft, bufferRight, n, truePeakPossible, gains);
        }

        // Keep the last Taps − 1 samples as history for the next block.
        bufferLeft.Slice(n, history).CopyTo(_historyLeft);
        bufferRight.Slice(n, history).CopyTo(_historyRight);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ProcessSlow(Span<float> left, Span<float> right, int n, bool truePeak, Span<float> gains)
    {
        var interpolated = _truePeak.AsSpan(0, n);
        if (truePeak)
        {
            InterpolatedPeaks(left, right, interpolated);
        }
        else
        {
            interpolated.Clear();
        }

        var mask = _queueMask;
        var window = _window;
        var inverseWindow = 1.0 / window;
        var ceiling = _ceiling;
        var releaseCoefficient = _releaseCoefficient;
        var values = _queueValue;
        var indices = _queueIndex;
        var box = _box;
        var head = _queueHead;
        var count = _queueCount;
        var index = _index;
        var rel = _release;
        var previousTruePeak = _previousTruePeak;
        var boxSum = _boxSum;
        var boxPosition = _boxPosition;
        var unityRun = _unityRun;
        for (var k = 0; k < n; k++)
        {
            // Window x[i-15 .. i] for input i = k sits at left[k .. k+15]; the frame judged now is j = i - 8
            // (left[k + Centre]), with the inter-sample peaks on both sides of it.
            var tp = interpolated[k];
            var p = MathF.Max(MathF.Max(MathF.Abs(left[k + Centre]), MathF.Abs(right[k + Centre])), MathF.Max(tp, previousTruePeak));
            previousTruePeak = tp;
            var required = p > ceiling ? ceiling / p : 1f;

            var relaxed = rel + ((1f - rel) * releaseCoefficient);
            rel = MathF.Min(required, relaxed > 0.9999f ? 1f : relaxed);

            // Sliding minimum over the last `window` values (monotonic queue in a power-of-two ring).
            while (count > 0 && values[(head + count - 1) & mask] >= rel)
            {
                count--;
            }

            var slot = (head + count) & mask;
            values[slot] = rel;
            indices[slot] = index;
            count++;
            if (indices[head] <= index - window)
            {
                head = (head + 1) & mask;
                count--;
            }

            index++;
            var held = values[head];

            // Moving average over the last `window` held values.
            boxSum += held - box[boxPosition];
            box[boxPosition] = held;
            boxPosition = boxPosition + 1 == window ? 0 : boxPosition + 1;

            if (held == 1f)
            {
                unityRun++;
                if (unityRun >= window)
                {
                    boxSum = window;
                }
            }
            else
            {
                unityRun = 0;
            }

            gains[k] = unityRun >= window ? 1f : (float)(boxSum * inverseWindow);
        }

        _queueHead = head;
        _queueCount = count;
        _index = index;
        _release = rel;
        _previousTruePeak = previousTruePeak;
        _boxSum = boxSum;
        _boxPosition = boxPosition;
        _unityRun = unityRun;
        _atRest = unityRun >= window;
    }

    // peaks[k] = max over 3 phases and both channels of |interpolated value between x[k+Centre] and the next|,
    // vectorized across k: y_p[k] = Σ_j c_p[j]·x[k + j].
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void InterpolatedPeaks(ReadOnlySpan<float> left, ReadOnlySpan<float> right, Span<float> peaks)
    {
        var n = peaks.Length;
        var k = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<float>.Count;
            var threshold = _ceiling / MathF.Max(1f, _coefficientAbsSum);
            for (; k <= n - w; k += w)
            {
                // Skip groups whose whole tap span is too quiet for any interpolated value to reach the ceiling.
                var span = MathF.Max(SpanKernels.MaxAbs(left.Slice(k, w + Taps - 1)), SpanKernels.MaxAbs(right.Slice(k, w + Taps - 1)));
                if (span <= threshold)
                {
                    Vector<float>.Zero.CopyTo(peaks[k..]);
                    continue;
                }

                var max = Vector<float>.Zero;
                for (var p = 0; p < Phases; p++)
                {
                    var yl = Vector<float>.Zero;
                    var yr = Vector<float>.Zero;
                    for (var j = 0; j < Taps; j++)
                    {
                        var c = new Vector<float>(_coefficients[(p * Taps) + j]);
                        yl += c * new Vector<float>(left[(k + j)..]);
                        yr += c * new Vector<float>(right[(k + j)..]);
                    }

                    max = Vector.Max(max, Vector.Max(Vector.Abs(yl), Vector.Abs(yr)));
                }

                max.CopyTo(peaks[k..]);
            }
        }

        for (; k < n; k++)
        {
            var max = 0f;
            for (var p = 0; p < Phases; p++)
            {
                var yl = 0f;
                var yr = 0f;
                for (var j = 0; j < Taps; j++)
                {
                    var c = _coefficients[(p * Taps) + j];
                    yl += c * left[k + j];
                    yr += c * right[k + j];
                }

                max = MathF.Max(max, MathF.Max(MathF.Abs(yl), MathF.Abs(yr)));
            }

            peaks[k] = max;
        }
    }
}
