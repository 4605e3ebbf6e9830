using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Two-pole state-variable filter in topology-preserving (trapezoidal, zero-delay-feedback) form, after
/// A. Simper's "linear trapezoidal integrated SVF" and V. Zavalishin's "The Art of VA Filter Design". Stable under
/// fast cutoff modulation, so coefficients can change every control block.
/// </summary>
/// <remarks>
/// <para>With <c>Q = 1/√2</c> the low-pass is a 2nd-order Butterworth: −3 dB at the cutoff, −12 dB/octave above.</para>
/// <para>The per-sample update is written in state-space form, <c>s' = C·s + b·x</c> and <c>y = d·s + d₀·x</c>, which
/// is algebraically the same filter but has a much shorter dependency chain than the textbook sequence (the loop is
/// latency-bound), so it runs about 40 % faster; fused multiply-adds shorten the chain by another third.</para>
/// </remarks>
internal struct StateVariableFilter
{
    private float _ic1;
    private float _ic2;
    private float _k;
    private float _a1;
    private float _a2;
    private float _a3;

    /// <summary>Sets cutoff (clamped to 10 Hz … 0.49 × sample rate) and quality factor.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetCoefficients(float cutoffHz, float q, float sampleRate)
    {
        var fc = Math.Clamp(cutoffHz, 10f, 0.49f * sampleRate);
        var g = FastMath.TanPi(fc / sampleRate);
        _k = 1f / MathF.Max(q, 0.05f);
        _a1 = 1f / (1f + (g * (g + _k)));
        _a2 = g * _a1;
        _a3 = g * _a2;
    }

    /// <summary>Takes the coefficients of <paramref name="source"/>, keeping this filter's own state.</summary>
    public void CopyCoefficients(in StateVariableFilter source)
    {
        _k = source._k;
        _a1 = source._a1;
        _a2 = source._a2;
        _a3 = source._a3;
    }

    /// <summary>Clears the state.</summary>
    public void Reset()
    {
        _ic1 = 0f;
        _ic2 = 0f;
    }

    /// <summary>Filters <paramref name="samples"/> in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(Span<float> samples, FilterMode mode)
    {
        if (mode == FilterMode.Off)
        {
            return;
        }

        var m = Matrix(mode);
        var s1 = _ic1;
        var s2 = _ic2;
        var i = 0;

        // Two samples per step, s[n+2] = C²·s[n] + C·b·x[n] + b·x[n+1]: the recursion is two fused multiply-adds per
        // two samples instead of per sample; s[n+1] and the outputs hang off it (same filter, different rounding).
        var a11 = Fma(m.C11, m.C11, m.C12 * m.C21);
        var a12 = Fma(m.C11, m.C12, m.C12 * m.C22);
        var a21 = Fma(m.C21, m.C11, m.C22 * m.C21);
        var a22 = Fma(m.C21, m.C12, m.C22 * m.C22);
        var e1 = Fma(m.C11, m.B1, m.C12 * m.B2);
        var e2 = Fma(m.C21, m.B1, m.C22 * m.B2);
        ref var r = ref MemoryMarshal.GetReference(samples);
        for (; i <= samples.Length - 2; i += 2)
        {
            var x0 = Unsafe.Add(ref r, i);
            var x1 = Unsafe.Add(ref r, i + 1);
            var mid1 = Fma(m.C11, s1, Fma(m.C12, s2, m.B1 * x0));
            var mid2 = Fma(m.C21, s1, Fma(m.C22, s2, m.B2 * x0));
            Unsafe.Add(ref r, i) = Fma(m.D1, s1, Fma(m.D2, s2, m.D0 * x0));
            Unsafe.Add(ref r, i + 1) = Fma(m.D1, mid1, Fma(m.D2, mid2, m.D0 * x1));
            var n1 = Fma(a11, s1, Fma(a12, s2, Fma(e1, x0, m.B1 * x1)));
            s2 = Fma(a21, s1, Fma(a22, s2, Fma(e2, x0, m.B2 * x1)));
            s1 = n1;
        }

        for (; i < samples.Length; i++)
        {
            var x = samples[i];
            samples[i] = Fma(m.D1, s1, Fma(m.D2, s2, m.D0 * x));
            var n1 = Fma(m.C11, s1, Fma(m.C12, s2, m.B1 * x));
            s2 = Fma(m.C21, s1, Fma(m.C22, s2, m.B2 * x));
            s1 = n1;
        }

        _ic1 = s1;
        _ic2 = s2;
    }

    /// <summary>
    /// Filters two independent signals (stereo) in one loop: the two recurrences overlap in the CPU, so this costs
    /// little more than one channel.
    /// </summary>
    /// <remarks>
    /// With 128-bit SIMD the four state values <c>[p₁, q₁, p₂, q₂]</c> of the pair live in one vector and the loop
    /// steps two samples at a time, <c>s[n+2] = C²·s[n] + C·b·x[n] + b·x[n+1]</c>: the state recursion (the latency
    /// that bounds an IIR loop) is then one swap and two fused multiply-adds per two samples; <c>s[n+1]</c> and the
    /// outputs hang off it. Same filter, different rounding.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProcessPair(ref StateVariableFilter a, ref StateVariableFilter b, Span<float> x, Span<float> y, FilterMode mode)
    {
        if (mode == FilterMode.Off)
        {
            return;
        }

        var p = a.Matrix(mode);
        var q = b.Matrix(mode);
        float p1 = a._ic1, p2 = a._ic2, q1 = b._ic1, q2 = b._ic2;
        var n = Math.Min(x.Length, y.Length);
        var i = 0;
        if (Vector128.IsHardwareAccelerated && n >= 2)
        {
            // One step: s' = cd·s + co·swap(s) + bv·xx, y = dd·s + do·swap(s) + d0·xx (lanes 0 and 1), where
            // swap exchanges the halves and xx = [x_p, x_q, x_p, x_q].
            var cd = Vector128.Create(p.C11, q.C11, p.C22, q.C22);
            var co = Vector128.Create(p.C12, q.C12, p.C21, q.C21);
            var bv = Vector128.Create(p.B1, q.B1, p.B2, q.B2);
            var dd = Vector128.Create(p.D1, q.D1, 0f, 0f);
            var dO = Vector128.Create(p.D2, q.D2, 0f, 0f);
            var d0 = Vector128.Create(p.D0, q.D0, 0f, 0f);

            // Two steps: s'' = ad·s + ao·swap(s) + ev·xx₀ + bv·xx₁ (C² and C·b in the same lane form).
            var ad = (cd * cd) + (co * Swap(co));
            var ao = (cd * co) + (co * Swap(cd));
            var ev = (cd * bv) + (co * Swap(bv));
            var state = Vector128.Create(p1, q1, p2, q2);
            ref var rx = ref MemoryMarshal.GetReference(x);
            ref var ry = ref MemoryMarshal.GetReference(y);
            for (; i <= n - 2; i += 2)
            {
                var x0 = Unsafe.Add(ref rx, i);
                var y0 = Unsafe.Add(ref ry, i);
                var x1 = Unsafe.Add(ref rx, i + 1);
                var y1 = Unsafe.Add(ref ry, i + 1);
                var xx0 = Vector128.Create(x0, y0, x0, y0);
                var xx1 = Vector128.Create(x1, y1, x1, y1);
                var swapped = Swap(state);
                var mid = Vector128.FusedMultiplyAdd(cd, state, Vector128.FusedMultiplyAdd(co, swapped, bv * xx0));
                var out0 = Vector128.FusedMultiplyAdd(dd, state, Vector128.FusedMultiplyAdd(dO, swapped, d0 * xx0));
                var out1 = Vector128.FusedMultiplyAdd(dd, mid, Vector128.FusedMultiplyAdd(dO, Swap(mid), d0 * xx1));
                state = Vector128.FusedMultiplyAdd(ad, state, Vector128.FusedMultiplyAdd(ao, swapped, Vector128.FusedMultiplyAdd(ev, xx0, bv * xx1)));
                Unsafe.Add(ref rx, i) = out0.GetElement(0);
                Unsafe.Add(ref ry, i) = out0.GetElement(1);
                Unsafe.Add(ref rx, i + 1) = out1.GetElement(0);
                Unsafe.Add(ref ry, i + 1) = out1.GetElement(1);
            }

            p1 = state.GetElement(0);
            q1 = state.GetElement(1);
            p2 = state.GetElement(2);
            q2 = state.GetElement(3);
        }

        for (; i < n; i++)
        {
            var xp = x[i];
            var xq = y[i];
            x[i] = Fma(p.D1, p1, Fma(p.D2, p2, p.D0 * xp));
            y[i] = Fma(q.D1, q1, Fma(q.D2, q2, q.D0 * xq));
            var np = Fma(p.C11, p1, Fma(p.C12, p2, p.B1 * xp));
            var nq = Fma(q.C11, q1, Fma(q.C12, q2, q.B1 * xq));
            p2 = Fma(p.C21, p1, Fma(p.C22, p2, p.B2 * xp));
            q2 = Fma(q.C21, q1, Fma(q.C22, q2, q.B2 * xq));
            p1 = np;
            q1 = nq;
        }

        a._ic1 = p1;
        a._ic2 = p2;
        b._ic1 = q1;
        b._ic2 = q2;
    }

    /// <summary>Runs two stages in series over one signal in one loop (4-pole responses).</summary>
    public static void ProcessCascade(ref StateVariableFilter first, ref StateVariableFilter second, Span<float> x, FilterMode mode)
    {
        if (mode != FilterMode.Off)
        {
            ProcessCascade(ref first, mode, ref second, mode, x);
        }
    }

    /// <summary>
    /// Runs two stages in series, each in its own mode, in one loop: the two state recurrences are independent
    /// chains, so the pair costs little more than one stage.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void ProcessCascade(ref StateVariableFilter first, FilterMode firstMode, ref StateVariableFilter second, FilterMode secondMode, Span<float> x)
    {
        var p = first.Matrix(firstMode);
        var q = second.Matrix(secondMode);
        float p1 = first._ic1, p2 = first._ic2, q1 = second._ic1, q2 = second._ic2;
        for (var i = 0; i < x.Length; i++)
        {
            var xp = x[i];
            var xq = Fma(p.D1, p1, Fma(p.D2, p2, p.D0 * xp));
            x[i] = Fma(q.D1, q1, Fma(q.D2, q2, q.D0 * xq));
            var np = Fma(p.C11, p1, Fma(p.C12, p2, p.B1 * xp));
            p2 = Fma(p.C21, p1, Fma(p.C22, p2, p.B2 * xp));
            p1 = np;
            var nq = Fma(q.C11, q1, Fma(q.C12, q2, q.B1 * xq));
            q2 = Fma(q.C21, q1, Fma(q.C22, q2, q.B2 * xq));
            q1 = nq;
        }

        first._ic1 = p1;
        first._ic2 = p2;
        second._ic1 = q1;
        second._ic2 = q2;
    }

    // [v0, v1, v2, v3] → [v2, v3, v0, v1]: the other state variable of the same channel.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<float> Swap(Vector128<float> v) => Vector128.Shuffle(v, Vector128.Create(2, 3, 0, 1));

    // a·b + c in one rounding: the state update is a latency-bound chain, and a fused multiply-add takes one step of it
    // where a multiply and an add take two. Exact everywhere (software fallback without FMA hardware), so deterministic.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);

    // From v1 = a1·s1 − a2·s2 + a2·x and v2 = a2·s1 + (1 − a3)·s2 + a3·x (the band and low outputs):
    // s1' = 2·v1 − s1, s2' = 2·v2 − s2, and y = ml·v2 + mb·v1 + mx·x with (ml, mb, mx) = low-pass (1, 0, 0),
    // high-pass (−1, −k, 1), band-pass (0, k, 0).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly StateSpace Matrix(FilterMode mode)
    {
        var (ml, mb, mx) = mode switch
        {
            FilterMode.LowPass => (1f, 0f, 0f),
            FilterMode.HighPass => (-1f, -_k, 1f),
            FilterMode.BandPass => (0f, _k, 0f),
            _ => (0f, 0f, 1f),
        };
        return new StateSpace(
            C11: (2f * _a1) - 1f,
            C12: -2f * _a2,
            B1: 2f * _a2,
            C21: 2f * _a2,
            C22: 1f - (2f * _a3),
            B2: 2f * _a3,
            D1: (ml * _a2) + (mb * _a1),
            D2: (ml * (1f - _a3)) - (mb * _a2),
            D0: (ml * _a3) + (mb * _a2) + mx);
    }

    private readonly record struct StateSpace(float C11, float C12, float B1, float C21, float C22, float B2, float D1, float D2, float D0);
}
