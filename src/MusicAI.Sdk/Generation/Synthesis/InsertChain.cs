using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Runs an <see cref="InsertSpec"/> on one or two channels of a strip (state kept per channel).</summary>
internal sealed class InsertChain
{
    private readonly InsertSpec _spec;
    private readonly float _quantize;
    private readonly float _toneCoefficient;
    private readonly float[] _hold = new float[2];
    private readonly int[] _holdCount = new int[2];
    private readonly float[] _tone = new float[2];

    /// <summary>Creates the chain.</summary>
    public InsertChain(InsertSpec spec, float sampleRate)
    {
        _spec = spec;
        _quantize = spec.Bits > 0 ? MathF.Pow(2f, spec.Bits - 1) : 0f;
        _toneCoefficient = spec.ToneHz > 0f ? 1f - MathF.Exp(-2f * MathF.PI * spec.ToneHz / sampleRate) : 0f;
    }

    /// <summary>Processes <paramref name="samples"/> of <paramref name="channel"/> (0 or 1) in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Process(Span<float> samples, int channel)
    {
        if (_spec.Drive > 0f)
        {
            SpanKernels.SoftClip(samples, _spec.Drive);
        }

        if (_quantize > 0f)
        {
            Quantize(samples, _quantize);
        }

        if (_spec.Downsample > 1)
        {
            var hold = _hold[channel];
            var count = _holdCount[channel];
            for (var i = 0; i < samples.Length; i++)
            {
                if (count == 0)
                {
                    hold = samples[i];
                }

                samples[i] = hold;
                count = count + 1 == _spec.Downsample ? 0 : count + 1;
            }

            _hold[channel] = hold;
            _holdCount[channel] = count;
        }

        if (_toneCoefficient > 0f)
        {
            // y += a·(x − y), written as y·(1 − a) + a·x with a fused multiply-add: one step of latency per sample.
            var y = _tone[channel];
            var a = _toneCoefficient;
            var keep = 1f - a;
            for (var i = 0; i < samples.Length; i++)
            {
                y = MathF.FusedMultiplyAdd(y, keep, a * samples[i]);
                samples[i] = y;
            }

            _tone[channel] = y;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Quantize(Span<float> samples, float steps)
    {
        var inverse = 1f / steps;
        var i = 0;
        ref var d = ref MemoryMarshal.GetReference(samples);
        if (Vector.IsHardwareAccelerated)
        {
            var w = Vector<float>.Count;
            var s = new Vector<float>(steps);
            var inv = new Vector<float>(inverse);
            var half = new Vector<float>(0.5f);
            for (; i <= samples.Length - w; i += w)
            {
                (Vector.Floor((Vector.LoadUnsafe(ref d, (nuint)i) * s) + half) * inv).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < samples.Length; i++)
        {
            samples[i] = MathF.Floor((samples[i] * steps) + 0.5f) * inverse;
        }
    }
}
