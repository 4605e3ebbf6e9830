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
        var g = MathF.Tan(MathF.PI * fc / sampleRate);
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
        var ic1 = _ic1;
        var ic2 = _ic2;
        var a1 = _a1;
        var a2 = _a2;
        var a3 = _a3;
        switch (mode)
        {
            case FilterMode.LowPass:
                for (var i = 0; i < samples.Length; i++)
                {
                    var v3 = samples[i] - ic2;
                    var v1 = (a1 * ic1) + (a2 * v3);
                    var v2 = ic2 + (a2 * ic1) + (a3 * v3);
                    ic1 = v1 + v1 - ic1;
                    ic2 = v2 + v2 - ic2;
                    samples[i] = v2;
                }

                break;
            case FilterMode.HighPass:
                {
                    var k = _k;
                    for (var i = 0; i < samples.Length; i++)
                    {
                        var x = samples[i];
                        var v3 = x - ic2;
                        var v1 = (a1 * ic1) + (a2 * v3);
                        var v2 = ic2 + (a2 * ic1) + (a3 * v3);
                        ic1 = v1 + v1 - ic1;
                        ic2 = v2 + v2 - ic2;
                        samples[i] = x - (k * v1) - v2;
                    }

                    break;
                }

            case FilterMode.BandPass:
                {
                    var k = _k;
                    for (var i = 0; i < samples.Length; i++)
                    {
                        var v3 = samples[i] - ic2;
                        var v1 = (a1 * ic1) + (a2 * v3);
                        var v2 = ic2 + (a2 * ic1) + (a3 * v3);
                        ic1 = v1 + v1 - ic1;
                        ic2 = v2 + v2 - ic2;
                        samples[i] = k * v1;
                    }

                    break;
                }

            default:
                return;
        }

        _ic1 = ic1;
        _ic2 = ic2;
    }
}
