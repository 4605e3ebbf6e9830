using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Sine, FM-operator and noise kernels (the band-limited saw, pulse and triangle live in <see cref="BlepOscillator"/>).
/// Each writes or adds into a destination span and advances a phase in cycles (<c>[0, 1)</c>) by a constant
/// increment (frequency / sample rate) per sample; the SIMD bodies vectorize across time, since within a call the
/// phase of sample <c>k</c> is <c>frac(phase + k·increment)</c>.
/// </summary>
internal static class Oscillators
{
    /// <summary>The largest phase increment oscillators accept (0.45 × sample rate); callers mute notes above it.</summary>
    public const float MaxIncrement = 0.45f;

    /// <summary>Samples per run in which phases are computed from the run start.</summary>
    private const int Run = 64;

    private const float NoiseScale = 1f / 2147483648f;

    /// <summary>Adds a sine (starting at <c>sin(2π·phase)</c>) into <paramref name="destination"/>.</summary>
    public static void AddSine(Span<float> destination, ref float phase, float increment, float amplitude) =>
        SineOperator(destination, ref phase, increment, default, amplitude, 0f, accumulate: true);

    /// <summary>
    /// FM operator: writes (or adds, when <paramref name="accumulate"/>) <c>a_k · sin(2π(phase_k + modulation[k]))</c>
    /// where the amplitude ramps linearly, <c>a_k = amplitude + (k + 1) · amplitudeStep</c>, and the modulation is in
    /// cycles (empty = none). <paramref name="destination"/> and <paramref name="modulation"/> may be the same span.
    /// </summary>
    /// <remarks>
    /// Phases are computed as <c>phase + k·increment</c> from the start of each run of at most <see cref="Run"/> samples
    /// (no loop-carried scalar dependency; the phase error stays below 2e-6 cycles).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SineOperator(
        Span<float> destination, ref float phase, float increment, ReadOnlySpan<float> modulation,
        float amplitude, float amplitudeStep, bool accumulate)
    {
        var n = destination.Length;
        var hasMod = !modulation.IsEmpty;
        var p = phase;
        ref var d = ref MemoryMarshal.GetReference(destination);
        ref var m = ref MemoryMarshal.GetReference(modulation);
        var start = 0;
        while (start < n)
        {
            var end = Math.Min(n, start + Run);
            var i = start;
            if (Vector.IsHardwareAccelerated)
            {
                var w = Vector<float>.Count;
                var dt = new Vector<float>(increment);
                var pv = new Vector<float>(p);
                var ampStepV = new Vector<float>(amplitudeStep);
                var baseAmp = new Vector<float>(amplitude);
                for (; i <= end - w; i += w)
                {
                    var k = Vector<float>.Indices + new Vector<float>(i - start);
                    var t = pv + (k * dt);
                    if (hasMod)
                    {
                        t += Vector.LoadUnsafe(ref m, (nuint)i);
                    }

                    var a = baseAmp + ((Vector<float>.Indices + new Vector<float>(i + 1)) * ampStepV);
                    var v = a * FastMath.SinCycles(t);
                    if (accumulate)
                    {
                        v += Vector.LoadUnsafe(ref d, (nuint)i);
                    }

                    v.StoreUnsafe(ref d, (nuint)i);
                }
            }

            for (; i < end; i++)
            {
                var t = p + ((i - start) * increment);
                if (hasMod)
                {
                    t += Unsafe.Add(ref m, i);
                }

                var v = (amplitude + ((i + 1) * amplitudeStep)) * FastMath.SinCycles(t);
                Unsafe.Add(ref d, i) = accumulate ? Unsafe.Add(ref d, i) + v : v;
            }

            p += (end - start) * increment;
            p -= MathF.Floor(p);
            start = end;
        }

        phase = p;
    }

    /// <summary>
    /// FM operator with self-feedback (scalar: each sample depends on the previous two): writes or adds
    /// <c>a_k · sin(2π(phase_k + modulation[k] + feedback · (y[k-1] + y[k-2]) / 2))</c>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void SineOperatorFeedback(
        Span<float> destination, ref float phase, float increment, ReadOnlySpan<float> modulation,
        float amplitude, float amplitudeStep, float feedback, ref float history1, ref float history2, bool accumulate)
    {
        var p = phase;
        var y1 = history1;
        var y2 = history2;
        var hasMod = !modulation.IsEmpty;
        for (var i = 0; i < destination.Length; i++)
        {
            var t = p + (feedback * 0.5f * (y1 + y2));
            if (hasMod)
            {
                t += modulation[i];
            }

            var s = FastMath.SinCycles(t);
            y2 = y1;
            y1 = s;
            var v = (amplitude + ((i + 1) * amplitudeStep)) * s;
            destination[i] = accumulate ? destination[i] + v : v;
            p += increment;
            if (p >= 1f)
            {
                p -= MathF.Floor(p);
            }
        }

        phase = p;
        history1 = y1;
        history2 = y2;
    }

    /// <summary>
    /// Adds deterministic white noise in <c>[-1, 1)</c> into <paramref name="destination"/>: sample <c>k</c> is a 32-bit
    /// hash (MurmurHash3's finaliser) of <c>state + k</c>, and <paramref name="state"/> advances by the number of
    /// samples. Counter-based, so samples do not depend on each other and the loop vectorizes (a xorshift generator
    /// is a per-sample recursion).
    /// </summary>
    /// <param name="destination">Receives the noise.</param>
    /// <param name="state">The generator's counter.</param>
    /// <param name="amplitude">Scale.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void AddNoise(Span<float> destination, ref uint state, float amplitude)
    {
        var counter = state;
        var scale = amplitude * NoiseScale;
        var n = destination.Length;
        ref var d = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector.IsHardwareAccelerated && n >= Vector<uint>.Count)
        {
            var w = Vector<uint>.Count;
            var s = new Vector<float>(scale);
            for (; i <= n - w; i += w)
            {
                var h = Hash(new Vector<uint>(unchecked(counter + (uint)i)) + Vector<uint>.Indices);
                (Vector.LoadUnsafe(ref d, (nuint)i) + (Vector.ConvertToSingle(Vector.AsVectorInt32(h)) * s)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < n; i++)
        {
            Unsafe.Add(ref d, i) += (int)Hash(unchecked(counter + (uint)i)) * scale;
        }

        state = unchecked(counter + (uint)n);
    }

    /// <summary>Returns a noise counter start (non-zero) derived from <paramref name="a"/> and <paramref name="b"/>.</summary>
    public static uint NoiseSeed(int a, int b)
    {
        var h = unchecked((uint)a * 0x9E3779B1u) ^ unchecked((uint)b * 0x85EBCA77u) ^ 0x27D4EB2Fu;
        h ^= h >> 15;
        h *= 0x2C1B3C6Du;
        h ^= h >> 12;
        return h == 0 ? 0x6D2B79F5u : h;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(uint x)
    {
        x ^= x >> 16;
        x = unchecked(x * 0x85EBCA6Bu);
        x ^= x >> 13;
        x = unchecked(x * 0xC2B2AE35u);
        return x ^ (x >> 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector<uint> Hash(Vector<uint> x)
    {
        x ^= Vector.ShiftRightLogical(x, 16);
        x *= new Vector<uint>(0x85EBCA6Bu);
        x ^= Vector.ShiftRightLogical(x, 13);
        x *= new Vector<uint>(0xC2B2AE35u);
        return x ^ Vector.ShiftRightLogical(x, 16);
    }
}
