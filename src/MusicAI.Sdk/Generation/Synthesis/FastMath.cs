using System.Numerics;
using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Cheap, branch-free approximations used in the synthesizer's per-sample loops (scalar and <see cref="Vector{T}"/>
/// forms compute the same formula, so the SIMD body and the scalar tail agree).
/// </summary>
internal static class FastMath
{
    // sin(pi*u) ~= u * (1 - u^2) * P(u^2) on u in [-1, 1]; least-squares fit, max error 2.7e-7 (-131 dB) in float.
    private const float S0 = 3.141591302f;
    private const float S1 = -2.026083922f;
    private const float S2 = 0.5237813446f;
    private const float S3 = -0.07446128909f;
    private const float S4 = 0.005974575320f;

    /// <summary>Returns <c>sin(2π·cycles)</c> for any finite <paramref name="cycles"/>.</summary>
    /// <remarks>
    /// The polynomial is evaluated with fused multiply-adds (exact, so the same on every machine): the FM feedback
    /// operator calls this in a per-sample recursion, whose speed is the latency of this chain.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SinCycles(float cycles)
    {
        var x = cycles - MathF.Floor(cycles + 0.5f); // [-0.5, 0.5)
        var u = x + x;
        var u2 = u * u;
        var p = MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(MathF.FusedMultiplyAdd(S4, u2, S3), u2, S2), u2, S1), u2, S0);
        return u * (1f - u2) * p;
    }

    /// <summary>Vector form of <see cref="SinCycles(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SinCycles(Vector<float> cycles)
    {
        var x = cycles - Vector.Floor(cycles + new Vector<float>(0.5f));
        var u = x + x;
        var u2 = u * u;
        var p = Vector.FusedMultiplyAdd(new Vector<float>(S4), u2, new Vector<float>(S3));
        p = Vector.FusedMultiplyAdd(p, u2, new Vector<float>(S2));
        p = Vector.FusedMultiplyAdd(p, u2, new Vector<float>(S1));
        p = Vector.FusedMultiplyAdd(p, u2, new Vector<float>(S0));
        return u * (Vector<float>.One - u2) * p;
    }

    /// <summary>
    /// Soft clipper: the (3,2) Padé approximant of tanh on [-3, 3], exactly ±1 beyond (continuous, monotonic).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SoftClip(float x)
    {
        x = Math.Clamp(x, -3f, 3f);
        var x2 = x * x;
        return x * (27f + x2) / (27f + 9f * x2);
    }

    /// <summary>Vector form of <see cref="SoftClip(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<float> SoftClip(Vector<float> x)
    {
        x = Vector.Min(Vector.Max(x, new Vector<float>(-3f)), new Vector<float>(3f));
        var x2 = x * x;
        return x * (new Vector<float>(27f) + x2) / (new Vector<float>(27f) + new Vector<float>(9f) * x2);
    }

    /// <summary>Frequency in Hz of a (fractional) MIDI pitch, A4 = 69 = 440 Hz.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float PitchToHz(float pitch) => 440f * Exp2((pitch - 69f) * (1f / 12f));

    /// <summary>2^x with a relative error below 2e-7 for x in [−126, 126] (clamped outside).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float Exp2(float x)
    {
        x = Math.Clamp(x, -126f, 126f);
        var whole = MathF.Floor(x);
        var f = x - whole;
        var p = ((((((2.169061383e-04f * f) + 1.244308552e-03f) * f + 9.678471409e-03f) * f + 5.548352576e-02f) * f
            + 2.402297954e-01f) * f + 6.931469871e-01f) * f + 1.000000002e+00f;
        return p * BitConverter.Int32BitsToSingle(((int)whole + 127) << 23);
    }

    /// <summary>
    /// <c>tan(π · <paramref name="cycles"/>)</c> for cycles in [0, 0.49] (a filter's <c>g = tan(π·fc/fs)</c>), from the
    /// sine polynomial; relative error below 1e-5.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static float TanPi(float cycles)
    {
        var half = 0.5f * cycles;
        return SinCycles(half) / SinCycles(half + 0.25f);
    }

    /// <summary>Multiplier of a pole radius so that a one-pole decay falls by 60 dB in <paramref name="seconds"/>.</summary>
    public static float DecayCoefficient(float seconds, float sampleRate) =>
        seconds <= 0f ? 0f : MathF.Exp(-6.907755f / (seconds * sampleRate));
}
