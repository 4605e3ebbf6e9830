using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Stereo reverb: two input diffusion all-passes feeding an 8-line feedback delay network with a Householder
/// feedback matrix, a two-tap low-pass in each line (high frequencies die first) and per-line gains set for the
/// requested RT60. Mono in, stereo out (two orthogonal sign patterns over the lines).
/// </summary>
/// <remarks>
/// <para>Every delay is longer than the processing sub-block, so each sub-block only reads samples written in earlier
/// sub-blocks: the whole network runs as vector operations across time (no per-sample recursion).</para>
/// <para>When its input has been silent and its output below −120 dBFS for longer than its memory, it clears its
/// state and stops computing until input returns (deterministic). Allocates in the constructor only.</para>
/// </remarks>
internal sealed class Reverb
{
    private const int Lines = 8;
    private const float SilenceThreshold = 1e-6f;
    private const float InputGain = 0.35f;
    private const float OutputGain = 0.35f;

    // Delays in samples at 48 kHz (mutually prime, 23–57 ms), and the two diffusers.
    private static readonly int[] s_lineDelays = [1117, 1327, 1559, 1777, 1999, 2243, 2503, 2749];
    private static readonly int[] s_diffuserDelays = [347, 461];
    private static readonly float[] s_inputSigns = [1f, -1f, 1f, 1f, -1f, 1f, -1f, -1f];
    private static readonly float[] s_leftSigns = [1f, 1f, -1f, 1f, -1f, -1f, 1f, -1f];
    private static readonly float[] s_rightSigns = [1f, -1f, 1f, 1f, 1f, -1f, -1f, -1f];

    private readonly float _sampleRate;
    private readonly int[] _delays = new int[Lines];
    private readonly float[][] _lines = new float[Lines][];
    private readonly float[] _lineGain = new float[Lines];
    private readonly float[] _lastOut = new float[Lines];
    private readonly int[] _diffuserDelay = new int[2];
    private readonly float[][] _diffusers = new float[2][];
    private readonly float[] _read;
    private readonly float[] _damped;
    private readonly int _readStride;
    private readonly float[] _input;
    private readonly float[] _sum;
    private readonly float[] _scratch;
    private readonly int _subBlock;
    private readonly int _memory;
    private int _write;
    private float _damping = 0.3f;
    private int _silentSamples;
    private bool _idle = true;

    /// <summary>Creates a reverb.</summary>
    public Reverb(float sampleRate, float decaySeconds, float damping, int maxBlock)
    {
        _sampleRate = sampleRate;
        var scale = sampleRate / 48000f;
        var longest = 0;
        var shortest = int.MaxValue;
        for (var i = 0; i < Lines; i++)
        {
            _delays[i] = Math.Max(2, (int)MathF.Round(s_lineDelays[i] * scale));
            longest = Math.Max(longest, _delays[i]);
            shortest = Math.Min(shortest, _delays[i]);
        }

        for (var d = 0; d < 2; d++)
        {
            _diffuserDelay[d] = Math.Max(2, (int)MathF.Round(s_diffuserDelays[d] * scale));
            shortest = Math.Min(shortest, _diffuserDelay[d]);
        }

        _subBlock = Math.Min(maxBlock, shortest);
        var size = RingBuffer.PowerOfTwoAtLeast(longest + _subBlock + 1);
        _readStride = _subBlock + 1;
        _read = new float[Lines * _readStride];
        _damped = new float[Lines * _subBlock];
        for (var i = 0; i < Lines; i++)
        {
            _lines[i] = new float[size];
        }

        for (var d = 0; d < 2; d++)
        {
            _diffusers[d] = new float[RingBuffer.PowerOfTwoAtLeast(_diffuserDelay[d] + _subBlock + 1)];
        }

        _input = new float[_subBlock];
        _sum = new float[_subBlock];
        _scratch = new float[_subBlock];
        _memory = size + _diffusers[0].Length + _diffusers[1].Length;
        SetDecay(decaySeconds, damping);
    }

    /// <summary>Sets the RT60 (seconds) and the high-frequency damping (0 = bright … 1 = dark).</summary>
    public void SetDecay(float decaySeconds, float damping)
    {
        var t60 = Math.Clamp(decaySeconds, 0.1f, 30f);
        for (var i = 0; i < Lines; i++)
        {
            _lineGain[i] = MathF.Pow(10f, -3f * _delays[i] / (t60 * _sampleRate));
        }

        _damping = 0.5f * Math.Clamp(damping, 0f, 1f);
    }

    /// <summary>Adds the reverb of <paramref name="input"/> into <paramref name="left"/> and <paramref name="right"/>.</summary>
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
        for (var offset = 0; offset < input.Length; offset += _subBlock)
        {
            var n = Math.Min(_subBlock, input.Length - offset);
            outputPeak = MathF.Max(outputPeak, ProcessSubBlock(input.Slice(offset, n), inputGain, left.Slice(offset, n), right.Slice(offset, n)));
        }

        if (inputPeak == 0f && outputPeak < SilenceThreshold)
        {
            _silentSamples += input.Length;
            if (_silentSamples > _memory)
            {
                Clear();
            }
        }
        else
        {
            _silentSamples = 0;
        }
    }

    private void Clear()
    {
        foreach (var line in _lines)
        {
            Array.Clear(line);
        }

        foreach (var diffuser in _diffusers)
        {
            Array.Clear(diffuser);
        }

        Array.Clear(_lastOut);
        _idle = true;
        _silentSamples = 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float ProcessSubBlock(ReadOnlySpan<float> input, float inputGain, Span<float> left, Span<float> right)
    {
        var n = input.Length;
        var x = _input.AsSpan(0, n);
        SpanKernels.Scale(input, inputGain, x);

        // Diffusers (Schroeder all-pass): v = x + g·v[t−D]; y = v[t−D] − g·v.
        var delayed = _scratch.AsSpan(0, n);
        var v = _sum.AsSpan(0, n);
        for (var d = 0; d < 2; d++)
        {
            var ring = _diffusers[d];
            RingBuffer.Read(ring, _write - _diffuserDelay[d], delayed);
            AllPass(x, delayed, v);
            RingBuffer.Write(ring, _write, v);
        }

        for (var i = 0; i < Lines; i++)
        {
            var read = _read.AsSpan(i * _readStride, n + 1);
            read[0] = _lastOut[i];
            RingBuffer.Read(_lines[i], _write - _delays[i], read[1..]);
            _lastOut[i] = read[n];
        }

        var peak = Network(x, left, right, n);
        for (var i = 0; i < Lines; i++)
        {
            RingBuffer.Write(_lines[i], _write, _damped.AsSpan(i * _subBlock, n));
        }

        _write += n;
        return peak;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AllPass(Span<float> x, ReadOnlySpan<float> delayed, Span<float> v)
    {
        const float g = 0.6f;
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var gv = new Vector<float>(g);
            ref var xr = ref MemoryMarshal.GetReference(x);
            ref var dr = ref MemoryMarshal.GetReference(delayed);
            ref var vr = ref MemoryMarshal.GetReference(v);
            for (; i <= x.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var dv = Vector.LoadUnsafe(ref dr, (nuint)i);
                var vv = Vector.LoadUnsafe(ref xr, (nuint)i) + (gv * dv);
                vv.StoreUnsafe(ref vr, (nuint)i);
                (dv - (gv * vv)).StoreUnsafe(ref xr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            var vv = x[i] + (g * delayed[i]);
            v[i] = vv;
            x[i] = delayed[i] - (g * vv);
        }
    }

    // One fused pass over the sub-block: per line z = gain·((1 − a)·y[t] + a·y[t−1]); Householder feedback
    // w = z − (2/N)·Σz + b·x written back; outputs are sign-weighted sums of the line outputs y[t].
    [SkipLocalsInit]
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private float Network(ReadOnlySpan<float> x, Span<float> left, Span<float> right, int n)
    {
        Span<float> current = stackalloc float[Lines];
        Span<float> previous = stackalloc float[Lines];
        for (var i = 0; i < Lines; i++)
        {
            current[i] = (1f - _damping) * _lineGain[i];
            previous[i] = _damping * _lineGain[i];
        }

        var stride = _readStride;
        var block = _subBlock;
        ref var read = ref MemoryMarshal.GetArrayDataReference(_read);
        ref var damped = ref MemoryMarshal.GetArrayDataReference(_damped);
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var lr = ref MemoryMarshal.GetReference(left);
        ref var rr = ref MemoryMarshal.GetReference(right);
        var peak = 0f;
        var t = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<float>.Count;
            Span<Vector<float>> c1 = stackalloc Vector<float>[Lines];
            Span<Vector<float>> c0 = stackalloc Vector<float>[Lines];
            for (var i = 0; i < Lines; i++)
            {
                c1[i] = new Vector<float>(current[i]);
                c0[i] = new Vector<float>(previous[i]);
            }

            // Unrolled over the 8 lines (the sign patterns are the constants s_inputSigns, s_leftSigns, s_rightSigns);
            // c1k / c0k: line k's gains for y[t] and y[t − 1].
            var outGain = new Vector<float>(OutputGain);
            var mix = new Vector<float>(-2f / Lines);
            var inGain = new Vector<float>(InputGain);
            var maxV = Vector<float>.Zero;
            var c10 = c1[0];
            var c00 = c0[0];
            var c11 = c1[1];
            var c01 = c0[1];
            var c12 = c1[2];
            var c02 = c0[2];
            var c13 = c1[3];
            var c03 = c0[3];
            var c14 = c1[4];
            var c04 = c0[4];
            var c15 = c1[5];
            var c05 = c0[5];
            var c16 = c1[6];
            var c06 = c0[6];
            var c17 = c1[7];
            var c07 = c0[7];
            for (; t <= n - w; t += w)
            {
                var y00 = Vector.LoadUnsafe(ref read, (nuint)((0 * stride) + t));
                var y10 = Vector.LoadUnsafe(ref read, (nuint)((0 * stride) + t + 1));
                var z0 = (y10 * c10) + (y00 * c00);
                var y01 = Vector.LoadUnsafe(ref read, (nuint)((1 * stride) + t));
                var y11 = Vector.LoadUnsafe(ref read, (nuint)((1 * stride) + t + 1));
                var z1 = (y11 * c11) + (y01 * c01);
                var y02 = Vector.LoadUnsafe(ref read, (nuint)((2 * stride) + t));
                var y12 = Vector.LoadUnsafe(ref read, (nuint)((2 * stride) + t + 1));
                var z2 = (y12 * c12) + (y02 * c02);
                var y03 = Vector.LoadUnsafe(ref read, (nuint)((3 * stride) + t));
                var y13 = Vector.LoadUnsafe(ref read, (nuint)((3 * stride) + t + 1));
                var z3 = (y13 * c13) + (y03 * c03);
                var y04 = Vector.LoadUnsafe(ref read, (nuint)((4 * stride) + t));
                var y14 = Vector.LoadUnsafe(ref read, (nuint)((4 * stride) + t + 1));
                var z4 = (y14 * c14) + (y04 * c04);
                var y05 = Vector.LoadUnsafe(ref read, (nuint)((5 * stride) + t));
                var y15 = Vector.LoadUnsafe(ref read, (nuint)((5 * stride) + t + 1));
                var z5 = (y15 * c15) + (y05 * c05);
                var y06 = Vector.LoadUnsafe(ref read, (nuint)((6 * stride) + t));
                var y16 = Vector.LoadUnsafe(ref read, (nuint)((6 * stride) + t + 1));
                var z6 = (y16 * c16) + (y06 * c06);
                var y07 = Vector.LoadUnsafe(ref read, (nuint)((7 * stride) + t));
                var y17 = Vector.LoadUnsafe(ref read, (nuint)((7 * stride) + t + 1));
                var z7 = (y17 * c17) + (y07 * c07);
                var sum = (z0 + z1 + z2 + z3 + z4 + z5 + z6 + z7) * mix;
                var l = y10 + y11 - y12 + y13 - y14 - y15 + y16 - y17;
                var r = y10 - y11 + y12 + y13 + y14 - y15 - y16 - y17;
                var xv = Vector.LoadUnsafe(ref xr, (nuint)t) * inGain;
                var zs = sum + xv;
                var zd = sum - xv;
                var w0 = z0 + zs;
                w0.StoreUnsafe(ref damped, (nuint)((0 * block) + t));
                var w1 = z1 + zd;
                w1.StoreUnsafe(ref damped, (nuint)((1 * block) + t));
                var w2 = z2 + zs;
                w2.StoreUnsafe(ref damped, (nuint)((2 * block) + t));
                var w3 = z3 + zs;
                w3.StoreUnsafe(ref damped, (nuint)((3 * block) + t));
                var w4 = z4 + zd;
                w4.StoreUnsafe(ref damped, (nuint)((4 * block) + t));
                var w5 = z5 + zs;
                w5.StoreUnsafe(ref damped, (nuint)((5 * block) + t));
                var w6 = z6 + zd;
                w6.StoreUnsafe(ref damped, (nuint)((6 * block) + t));
                var w7 = z7 + zd;
                w7.StoreUnsafe(ref damped, (nuint)((7 * block) + t));
                maxV = Vector.Max(maxV, Vector.Max(Vector.Max(Vector.Max(Vector.Abs(w0), Vector.Abs(w1)), Vector.Max(Vector.Abs(w2), Vector.Abs(w3))), Vector.Max(Vector.Max(Vector.Abs(w4), Vector.Abs(w5)), Vector.Max(Vector.Abs(w6), Vector.Abs(w7)))));
                (Vector.LoadUnsafe(ref lr, (nuint)t) + (l * outGain)).StoreUnsafe(ref lr, (nuint)t);
                (Vector.LoadUnsafe(ref rr, (nuint)t) + (r * outGain)).StoreUnsafe(ref rr, (nuint)t);
            }

            for (var k = 0; k < w; k++)
            {
                peak = MathF.Max(peak, maxV[k]);
            }
        }

        Span<float> z = stackalloc float[Lines];
        for (; t < n; t++)
        {
            var sum = 0f;
            var l = 0f;
            var r = 0f;
            for (var i = 0; i < Lines; i++)
            {
                var y0 = Unsafe.Add(ref read, (i * stride) + t);
                var y1 = Unsafe.Add(ref read, (i * stride) + t + 1);
                z[i] = (y1 * current[i]) + (y0 * previous[i]);
                sum += z[i];
                l += y1 * s_leftSigns[i];
                r += y1 * s_rightSigns[i];
            }

            sum *= -2f / Lines;
            var xs = Unsafe.Add(ref xr, t) * InputGain;
            for (var i = 0; i < Lines; i++)
            {
                var wv = z[i] + sum + (xs * s_inputSigns[i]);
                Unsafe.Add(ref damped, (i * block) + t) = wv;
                peak = MathF.Max(peak, MathF.Abs(wv));
            }

            Unsafe.Add(ref lr, t) += l * OutputGain;
            Unsafe.Add(ref rr, t) += r * OutputGain;
        }

        return peak;
    }
}
