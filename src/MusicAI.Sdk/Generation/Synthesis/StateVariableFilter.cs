using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Two-pole state-variable filter in topology-preserving (trapezoidal, zero-delay-feedback) form, after
/// A. Simper's "linear trapezoidal integrated SVF" and V. Zavalishin's "The Art of VA Filter Design". Stable under
/// fast cutoff modulation, so coefficients can change every control block.
/// </summary>
/// <remarks>With <c>Q = 1/√2</c> the low-pass is a 2nd-order Butterworth: −3 dB at the cutoff, −12 dB/octave above.</remarks>
internal struct StateVariableFilter
{
    private float _ic1;
    private float _ic2;
    private float _k;
    private float _a1;
    private float _a2;
    private float _a3;

    /// <summary>Sets cutoff (clamped to 10 Hz … 0.49 × sample rate) and quality factor.</summary>
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

    /// <summary>Filters one sample.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Process(float x, FilterMode mode)
    {
        var v3 = x - _ic2;
        var v1 = (_a1 * _ic1) + (_a2 * v3);
        var v2 = _ic2 + (_a2 * _ic1) + (_a3 * v3);
        _ic1 = v1 + v1 - _ic1;
        _ic2 = v2 + v2 - _ic2;
        return mode switch
        {
            FilterMode.LowPass => v2,
            FilterMode.HighPass => x - (_k * v1) - v2,
            FilterMode.BandPass => _k * v1,
            _ => x,
        };
    }

    /// <summary>Filters <paramref name="samples"/> in place.</summary>
    public void Process(Span<float> samples, FilterMode mode)
    {
        if (mode == FilterMode.Off)
        {
            return;
        }

        var (ml, mb, mx) = OutputMix(mode);
        var ic1 = _ic1;
        var ic2 = _ic2;
        var a1 = _a1;
        var a2 = _a2;
        var a3 = _a3;
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            var v3 = x - ic2;
            var v1 = (a1 * ic1) + (a2 * v3);
            var v2 = ic2 + (a2 * ic1) + (a3 * v3);
            ic1 = v1 + v1 - ic1;
            ic2 = v2 + v2 - ic2;
            samples[i] = (ml * v2) + (mb * v1) + (mx * x);
        }

        _ic1 = ic1;
        _ic2 = ic2;
    }

    /// <summary>
    /// Filters two independent signals (stereo) in one loop: the two recurrences overlap in the CPU, so this costs
    /// about as much as one channel.
    /// </summary>
    public static void ProcessPair(ref StateVariableFilter a, ref StateVariableFilter b, Span<float> x, Span<float> y, FilterMode mode)
    {
        if (mode == FilterMode.Off)
        {
            return;
        }

        var (mla, mba, mxa) = a.OutputMixOf(mode);
        var (mlb, mbb, mxb) = b.OutputMixOf(mode);
        float p1 = a._ic1, p2 = a._ic2, q1 = b._ic1, q2 = b._ic2;
        float pa1 = a._a1, pa2 = a._a2, pa3 = a._a3, qa1 = b._a1, qa2 = b._a2, qa3 = b._a3;
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            var xp = x[i];
            var xq = y[i];
            var p3 = xp - p2;
            var q3 = xq - q2;
            var pv1 = (pa1 * p1) + (pa2 * p3);
            var qv1 = (qa1 * q1) + (qa2 * q3);
            var pv2 = p2 + (pa2 * p1) + (pa3 * p3);
            var qv2 = q2 + (qa2 * q1) + (qa3 * q3);
            p1 = pv1 + pv1 - p1;
            q1 = qv1 + qv1 - q1;
            p2 = pv2 + pv2 - p2;
            q2 = qv2 + qv2 - q2;
            x[i] = (mla * pv2) + (mba * pv1) + (mxa * xp);
            y[i] = (mlb * qv2) + (mbb * qv1) + (mxb * xq);
        }

        a._ic1 = p1;
        a._ic2 = p2;
        b._ic1 = q1;
        b._ic2 = q2;
    }

    /// <summary>
    /// Runs two stages in series over one signal in one loop (4-pole responses); the second stage works one sample
    /// behind the first, so the two recurrences overlap.
    /// </summary>
    public static void ProcessCascade(ref StateVariableFilter first, ref StateVariableFilter second, Span<float> x, FilterMode mode)
    {
        if (mode == FilterMode.Off)
        {
            return;
        }

        var (mla, mba, mxa) = first.OutputMixOf(mode);
        var (mlb, mbb, mxb) = second.OutputMixOf(mode);
        float p1 = first._ic1, p2 = first._ic2, q1 = second._ic1, q2 = second._ic2;
        float pa1 = first._a1, pa2 = first._a2, pa3 = first._a3, qa1 = second._a1, qa2 = second._a2, qa3 = second._a3;
        for (var i = 0; i < x.Length; i++)
        {
            var xp = x[i];
            var p3 = xp - p2;
            var pv1 = (pa1 * p1) + (pa2 * p3);
            var pv2 = p2 + (pa2 * p1) + (pa3 * p3);
            p1 = pv1 + pv1 - p1;
            p2 = pv2 + pv2 - p2;
            var xq = (mla * pv2) + (mba * pv1) + (mxa * xp);
            var q3 = xq - q2;
            var qv1 = (qa1 * q1) + (qa2 * q3);
            var qv2 = q2 + (qa2 * q1) + (qa3 * q3);
            q1 = qv1 + qv1 - q1;
            q2 = qv2 + qv2 - q2;
            x[i] = (mlb * qv2) + (mbb * qv1) + (mxb * xq);
        }

        first._ic1 = p1;
        first._ic2 = p2;
        second._ic1 = q1;
        second._ic2 = q2;
    }

    // Output = ml·low + mb·v1 + mx·input: low-pass (1, 0, 0), high-pass (−1, −k, 1), band-pass (0, k, 0).
    private readonly (float Low, float Band, float Input) OutputMixOf(FilterMode mode) => mode switch
    {
        FilterMode.LowPass => (1f, 0f, 0f),
        FilterMode.HighPass => (-1f, -_k, 1f),
        FilterMode.BandPass => (0f, _k, 0f),
        _ => (0f, 0f, 1f),
    };

    private readonly (float Low, float Band, float Input) OutputMix(FilterMode mode) => OutputMixOf(mode);
}
