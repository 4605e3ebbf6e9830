using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// A morphable single-cycle wavetable with band-limited mip levels: level <c>k</c> holds harmonics
/// <c>1 … 512 / 2^k</c>, so a note reads the richest level whose highest harmonic stays below Nyquist.
/// Immutable after construction and shared by every synthesizer.
/// </summary>
internal sealed class Wavetable
{
    /// <summary>Samples per cycle (a power of two); each table stores one extra guard sample.</summary>
    public const int Size = 2048;

    /// <summary>Number of mip levels (512, 256, …, 1 harmonics).</summary>
    public const int Levels = 10;

    /// <summary>Harmonics in level 0.</summary>
    public const int MaxHarmonics = 512;

    private const int Stride = Size + 1;

    private readonly float[] _data;

    /// <summary>
    /// Builds the tables from harmonic amplitudes: <paramref name="harmonics"/>[f][h] is the sine amplitude of
    /// harmonic <c>h + 1</c> in frame <c>f</c> (length at most <see cref="MaxHarmonics"/>). Each frame is scaled so
    /// its full-band table peaks at 1.
    /// </summary>
    public Wavetable(float[][] harmonics)
    {
        FrameCount = harmonics.Length;
        _data = new float[FrameCount * Levels * Stride];

        // Each level is one inverse real FFT instead of a sum of sines: the spectrum of a·sin(2π·h·n/N) is −i·a·N/2 at
        // bin h, and the unnormalised inverse returns N·x, so bins of −i·a/2 give Σ a·sin(2π·h·n/N) directly.
        var fft = RealFftPlan.Get(Size);
        var real = new float[fft.BinCount];
        var imaginary = new float[fft.BinCount];
        var scratch = new float[fft.ScratchLength];
        var cycle = new float[Size];
        for (var f = 0; f < FrameCount; f++)
        {
            var amplitudes = harmonics[f];
            var scale = 0f;
            for (var level = 0; level < Levels; level++)
            {
                Array.Clear(imaginary);
                var top = Math.Min(amplitudes.Length, MaxHarmonics >> level);
                for (var h = 1; h <= top; h++)
                {
                    imaginary[h] = -0.5f * amplitudes[h - 1];
                }

                fft.Inverse(real, imaginary, cycle, scratch);
                if (level == 0)
                {
                    var peak = SpanKernels.MaxAbs(cycle);
                    scale = peak > 0f ? 1f / peak : 0f;
                }

                var table = _data.AsSpan(((f * Levels) + level) * Stride, Stride);
                SpanKernels.Scale(cycle, scale, table[..Size]);
                table[Size] = table[0];
            }
        }
    }

    /// <summary>Gets the number of morph frames.</summary>
    public int FrameCount { get; }

    /// <summary>The mip level for a phase increment (frequency / sample rate): its top harmonic stays below Nyquist.</summary>
    public static int LevelFor(float increment)
    {
        var x = increment * (2 * MaxHarmonics);
        if (x < 1f)
        {
            return 0;
        }

        var level = (int)MathF.Floor(MathF.Log2(x)) + 1;
        return Math.Min(level, Levels - 1);
    }

    /// <summary>The <see cref="Size"/> + 1 samples of one frame at one mip level.</summary>
    public ReadOnlySpan<float> Table(int frame, int level) =>
        _data.AsSpan(((frame * Levels) + level) * Stride, Stride);

    /// <summary>
    /// Adds <c>amplitude × lerp(tableA, tableB, mix)</c> read with linear interpolation at an advancing phase.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Add(
        Span<float> destination, ref float phase, float increment,
        ReadOnlySpan<float> tableA, ReadOnlySpan<float> tableB, float mix, float amplitude)
    {
        var p = phase;
        ref var a = ref MemoryMarshal.GetReference(tableA);
        ref var b = ref MemoryMarshal.GetReference(tableB);
        var wa = amplitude * (1f - mix);
        var wb = amplitude * mix;
        for (var i = 0; i < destination.Length; i++)
        {
            var position = p * Size;
            var index = (int)position;
            var frac = position - index;
            var a0 = Unsafe.Add(ref a, index);
            var b0 = Unsafe.Add(ref b, index);
            var va = a0 + (frac * (Unsafe.Add(ref a, index + 1) - a0));
            var vb = b0 + (frac * (Unsafe.Add(ref b, index + 1) - b0));
            destination[i] += (wa * va) + (wb * vb);
            p += increment;
            if (p >= 1f)
            {
                p -= 1f;
            }
        }

        phase = p;
    }
}
