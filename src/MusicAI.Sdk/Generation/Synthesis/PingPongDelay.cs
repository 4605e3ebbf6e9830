using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Tempo-synced stereo ping-pong delay: the mono send enters the left line, each line feeds the other through a
/// two-tap low-pass (each repeat a little darker) and the feedback gain. A change of delay time cross-fades from the
/// old read position to the new one (no click, no pitch sweep).
/// </summary>
/// <remarks>Vectorized across time like <see cref="Reverb"/>; idles when silent; allocates in the constructor only.</remarks>
internal sealed class PingPongDelay
{
    private const float SilenceThreshold = 1e-6f;

    private readonly float[] _left;
    private readonly float[] _right;
    private readonly float[] _readLeft;
    private readonly float[] _readRight;
    private readonly float[] _oldLeft;
    private readonly float[] _oldRight;
    private readonly float[] _writeLeft;
    private readonly float[] _writeRight;
    private readonly int _maxDelay;
    private readonly int _minDelay;
    private readonly int _crossfadeLength;
    private readonly int _maxBlock;
    private int _write;
    private int _delay;
    private int _oldDelay;
    private int _crossfadeDone;
    private float _lastLeft;
    private float _lastRight;
    private float _feedback = 0.35f;
    private float _damping = 0.25f;
    private int _silentSamples;
    private bool _idle = true;

    /// <summary>Creates a delay holding up to <paramref name="maxDelaySeconds"/>.</summary>
    public PingPongDelay(float sampleRate, float maxDelaySeconds, int maxBlock)
    {
        _maxDelay = Math.Max(2, (int)(maxDelaySeconds * sampleRate));
        _minDelay = Math.Max(2, (int)(0.01f * sampleRate));
        _crossfadeLength = Math.Max(1, (int)(0.04f * sampleRate));
        _maxBlock = maxBlock;
        var size = RingBuffer.PowerOfTwoAtLeast(_maxDelay + maxBlock + 1);
        _left = new float[size];
        _right = new float[size];
        _readLeft = new float[maxBlock + 1];
        _readRight = new float[maxBlock + 1];
        _oldLeft = new float[maxBlock];
        _oldRight = new float[maxBlock];
        _writeLeft = new float[maxBlock];
        _writeRight = new float[maxBlock];
        _delay = _minDelay;
        _oldDelay = _minDelay;
        _crossfadeDone = _crossfadeLength;
    }

    /// <summary>Sets the feedback (0 … 0.95) and damping (0 = bright … 1 = dark).</summary>
    public void SetFeedback(float feedback, float damping)
    {
        _feedback = Math.Clamp(feedback, 0f, 0.95f);
        _damping = 0.5f * Math.Clamp(damping, 0f, 1f);
    }

    /// <summary>Sets the delay time in samples (clamped to 10 ms … the maximum); cross-fades when it changes.</summary>
    public void SetDelay(int samples)
    {
        var delay = Math.Clamp(samples, _minDelay, _maxDelay);
        if (delay == _delay)
        {
            return;
        }

        if (_idle)
        {
            _delay = delay;
            _oldDelay = delay;
            _crossfadeDone = _crossfadeLength;
            return;
        }

        _oldDelay = _delay;
        _delay = delay;
        _crossfadeDone = 0;
    }

    /// <summary>Adds the echoes of <paramref name="input"/> into <paramref name="left"/> and <paramref name="right"/>.</summary>
    /// <param name="input">Mono send signal (not modified).</param>
    /// <param name="inputGain">Send level applied to <paramref name="input"/>.</param>
    /// <param name="left">Left output (added to).</param>
    /// <param name="right">Right output (added to).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(ReadOnlySpan<float> input, float inputGain, Span<float> left, Span<float> right)
    {
        var inputPeak = inputGain == 0f ? 0f : SpanKernels.MaxAbs(input);
        if (_idle)
        {
            if (inputPeak == 0f)
            {
                return;
            }

            _idle = false;
            _silentSamples = 0;
        }

        var outputPeak = 0f;
        var offset = 0;
        while (offset < input.Length)
        {
            var n = Math.Min(Math.Min(_maxBlock, input.Length - offset), Math.Min(_delay, _oldDelay));
            outputPeak = MathF.Max(outputPeak, ProcessSubBlock(input.Slice(offset, n), inputGain, left.Slice(offset, n), right.Slice(offset, n)));
            offset += n;
        }

        if (inputPeak == 0f && outputPeak < SilenceThreshold)
        {
            _silentSamples += input.Length;
            if (_silentSamples > _left.Length)
            {
                Array.Clear(_left);
                Array.Clear(_right);
                _lastLeft = 0f;
                _lastRight = 0f;
                _oldDelay = _delay;
                _crossfadeDone = _crossfadeLength;
                _idle = true;
            }
        }
        else
        {
            _silentSamples = 0;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float ProcessSubBlock(ReadOnlySpan<float> input, float inputGain, Span<float> left, Span<float> right)
    {
        var n = input.Length;
        var readLeft = _readLeft.AsSpan(0, n + 1);
        var readRight = _readRight.AsSpan(0, n + 1);
        readLeft[0] = _lastLeft;
        readRight[0] = _lastRight;
        RingBuffer.Read(_left, _write - _delay, readLeft[1..]);
        RingBuffer.Read(_right, _write - _delay, readRight[1..]);

        if (_crossfadeDone < _crossfadeLength)
        {
            var oldLeft = _oldLeft.AsSpan(0, n);
            var oldRight = _oldRight.AsSpan(0, n);
            RingBuffer.Read(_left, _write - _oldDelay, oldLeft);
            RingBuffer.Read(_right, _write - _oldDelay, oldRight);
            // y = old + ramp·(new − old), written out here rather than with a span kernel: a tempo change is the
            // first time this path runs, and a separate generic kernel would be JIT-compiled on the audio thread then.
            var newLeft = readLeft[1..];
            var newRight = readRight[1..];
            var step = 1f / _crossfadeLength;
            for (var i = 0; i < n; i++)
            {
                var ramp = MathF.Min(1f, (_crossfadeDone + i + 1) * step);
                newLeft[i] = oldLeft[i] + (ramp * (newLeft[i] - oldLeft[i]));
                newRight[i] = oldRight[i] + (ramp * (newRight[i] - oldRight[i]));
            }

            _crossfadeDone += n;
            if (_crossfadeDone >= _crossfadeLength)
            {
                _oldDelay = _delay;
            }
        }

        _lastLeft = readLeft[n];
        _lastRight = readRight[n];

        // Damped feedback: z = (1 − a)·y[t] + a·y[t−1]; left line ← input + fb·z_right; right line ← fb·z_left.
        var a = _damping;
        var fb = _feedback;
        var writeLeft = _writeLeft.AsSpan(0, n);
        var writeRight = _writeRight.AsSpan(0, n);
        SpanKernels.Scale(readRight[..n], a * fb, writeLeft);
        SpanKernels.AddScaled(readRight[1..], (1f - a) * fb, writeLeft);
        SpanKernels.AddScaled(input, inputGain, writeLeft);
        SpanKernels.Scale(readLeft[..n], a * fb, writeRight);
        SpanKernels.AddScaled(readLeft[1..], (1f - a) * fb, writeRight);
        RingBuffer.Write(_left, _write, writeLeft);
        RingBuffer.Write(_right, _write, writeRight);
        _write += n;

        SpanKernels.Add(readLeft[1..], left);
        SpanKernels.Add(readRight[1..], right);
        return MathF.Max(SpanKernels.MaxAbs(writeLeft), SpanKernels.MaxAbs(writeRight));
    }
}
