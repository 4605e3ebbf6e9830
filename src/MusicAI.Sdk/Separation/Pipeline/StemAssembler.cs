using System.Buffers;
using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Resampling;

namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>
/// The sink the engine writes to: turns native stems into the requested ones (<see cref="StemPlan"/>), converts them
/// back to the input's rate with a streaming resampler, computes the residual stem from the original mix at the
/// input's rate (so that the stems sum to the mix), and hands every block to the <see cref="IStemTargets"/>.
/// </summary>
/// <remarks>Memory is one engine block per stem, whatever the input's length. Not thread-safe (one engine call).</remarks>
internal sealed class StemAssembler : ISeparationSink, IDisposable
{
    private readonly StemPlan _plan;
    private readonly ISeparationSource _engineSource;
    private readonly IMixReader? _mix;
    private readonly IStemTargets _targets;
    private readonly int _channels;
    private readonly long _inputFrames;
    private readonly PolyphaseResampler? _resampler;
    private readonly int _derivedCount;
    private readonly int[] _derivedSlot;
    private readonly int _residualSlot;

    private float[][][] _derived = [];
    private float[][][] _output = [];
    private float[][] _mixBlock = [];
    private float[] _interleaved = [];
    private int _capacity;
    private int _outputCapacity;
    private long _enginePosition;
    private long _emitted;

    /// <summary>Creates the assembler.</summary>
    /// <param name="plan">How requested stems come from native ones.</param>
    /// <param name="engineSource">The input at the engine's rate (read when a stem needs the mix there).</param>
    /// <param name="mix">The input at its own rate, read once sequentially; null when there is no residual.</param>
    /// <param name="targets">Receives the stems.</param>
    /// <param name="inputRate">The input's sample rate (the output rate).</param>
    /// <param name="inputFrames">The input's frame count; exactly this many frames are emitted.</param>
    public StemAssembler(StemPlan plan, ISeparationSource engineSource, IMixReader? mix, IStemTargets targets, int inputRate, long inputFrames)
    {
        _plan = plan;
        _engineSource = engineSource;
        _mix = mix;
        _targets = targets;
        _channels = engineSource.ChannelCount;
        _inputFrames = inputFrames;
        _derivedCount = plan.Derived.Count;
        if (inputRate != engineSource.SampleRate && _derivedCount > 0)
        {
            _resampler = new PolyphaseResampler(ResamplerKernel.Create(engineSource.SampleRate, inputRate), _derivedCount * _channels);
        }

        _derivedSlot = [.. plan.Derived.Select(s => IndexOf(plan.Requested, s))];
        _residualSlot = plan.Residual is { } residual ? IndexOf(plan.Requested, residual) : -1;
        if (_residualSlot >= 0 && mix is null)
        {
            throw new ArgumentNullException(nameof(mix), "A plan with a residual stem needs the mix.");
        }
    }

    /// <inheritdoc/>
    public void Write(ReadOnlySpan<AudioBuffer> stems)
    {
        var frames = stems.IsEmpty ? 0 : stems[0].FrameCount;
        if (frames == 0)
        {
            return;
        }

        EnsureCapacity(frames);
        AudioBuffer? engineMix = null;
        try
        {
            if (_plan.NeedsEngineMix)
            {
                engineMix = AudioBuffer.Create(_channels, frames, _engineSource.SampleRate);
                _engineSource.Read(_enginePosition, engineMix);
            }

            for (var k = 0; k < _derivedCount; k++)
            {
                var weights = _plan.Weights[k];
                for (var c = 0; c < _channels; c++)
                {
                    var target = _derived[k][c].AsSpan(0, frames);
                    target.Clear();
                    for (var i = 0; i < stems.Length; i++)
                    {
                        if (weights[i] != 0)
                        {
                            TensorPrimitives.MultiplyAdd(stems[i].GetChannel(c), weights[i], target, target);
                        }
                    }

                    if (weights[^1] != 0)
                    {
                        TensorPrimitives.MultiplyAdd(engineMix!.GetChannel(c), weights[^1], target, target);
                    }
                }
            }
        }
        finally
        {
            engineMix?.Dispose();
        }

        _enginePosition += frames;
        if (_resampler is null)
        {
            Emit(_derived, frames);
            return;
        }

        Interleave(frames);
        _resampler.Write(_interleaved.AsSpan(0, frames * _derivedCount * _channels));
        Drain();
    }

    /// <summary>Flushes the resampler and emits whatever is left, up to exactly the input's frame count.</summary>
    public void Complete()
    {
        if (_resampler is not null)
        {
            _resampler.Complete();
            Drain();
        }

        // Pads with silent derived stems if the engine delivered fewer frames (the residual then carries the mix).
        while (_emitted < _inputFrames)
        {
            var frames = (int)Math.Min(_inputFrames - _emitted, 16384);
            EnsureCapacity(frames);
            EnsureOutputCapacity(frames);
            foreach (var stem in _output)
            {
                foreach (var channel in stem)
                {
                    channel.AsSpan(0, frames).Clear();
                }
            }

            Emit(_output, frames);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _resampler?.Dispose();
        _mix?.Dispose();
        Return(_derived);
        Return(_output);
        foreach (var channel in _mixBlock)
        {
            ArrayPool<float>.Shared.Return(channel);
        }

        if (_interleaved.Length > 0)
        {
            ArrayPool<float>.Shared.Return(_interleaved);
        }

        _derived = _output = [];
        _mixBlock = [];
        _interleaved = [];
    }

    private static int IndexOf(IReadOnlyList<Stem> stems, Stem stem)
    {
        for (var i = 0; i < stems.Count; i++)
        {
            if (stems[i] == stem)
            {
                return i;
            }
        }

        return -1;
    }

    private static void Return(float[][][] stems)
    {
        foreach (var stem in stems)
        {
            foreach (var channel in stem)
            {
                ArrayPool<float>.Shared.Return(channel);
            }
        }
    }

    private static float[][][] Rent(int stems, int channels, int frames)
    {
        var result = new float[stems][][];
        for (var s = 0; s < stems; s++)
        {
            result[s] = new float[channels][];
            for (var c = 0; c < channels; c++)
            {
                result[s][c] = ArrayPool<float>.Shared.Rent(frames);
            }
        }

        return result;
    }

    private void Drain()
    {
        var stride = _derivedCount * _channels;
        while (true)
        {
            var frames = _resampler!.Read(_interleaved.AsSpan(0, _capacity * stride));
            if (frames == 0)
            {
                return;
            }

            EnsureOutputCapacity(frames);
            for (var k = 0; k < _derivedCount; k++)
            {
                for (var c = 0; c < _channels; c++)
                {
                    var target = _output[_derivedSlot[k]][c];
                    var column = (k * _channels) + c;
                    for (var i = 0; i < frames; i++)
                    {
                        target[i] = _interleaved[(i * stride) + column];
                    }
                }
            }

            EmitOutput(frames);
        }
    }

    private void Interleave(int frames)
    {
        var stride = _derivedCount * _channels;
        for (var k = 0; k < _derivedCount; k++)
        {
            for (var c = 0; c < _channels; c++)
            {
                var source = _derived[k][c];
                var column = (k * _channels) + c;
                for (var i = 0; i < frames; i++)
                {
                    _interleaved[(i * stride) + column] = source[i];
                }
            }
        }
    }

    /// <summary>Emits derived stems that are already at the input's rate (<paramref name="derived"/> in plan order).</summary>
    private void Emit(float[][][] derived, int frames)
    {
        EnsureOutputCapacity(frames);
        if (!ReferenceEquals(derived, _output))
        {
            for (var k = 0; k < _derivedCount; k++)
            {
                for (var c = 0; c < _channels; c++)
                {
                    derived[k][c].AsSpan(0, frames).CopyTo(_output[_derivedSlot[k]][c]);
                }
            }
        }

        EmitOutput(frames);
    }

    /// <summary>Emits <c>_output</c> (derived slots filled), after adding the residual, clipped to the input's length.</summary>
    private void EmitOutput(int frames)
    {
        frames = (int)Math.Min(frames, _inputFrames - _emitted);
        if (frames <= 0)
        {
            return;
        }

        if (_residualSlot >= 0)
        {
            _mix!.Read(_mixBlock, frames);
            for (var c = 0; c < _channels; c++)
            {
                var residual = _output[_residualSlot][c].AsSpan(0, frames);
                _mixBlock[c].AsSpan(0, frames).CopyTo(residual);
                for (var k = 0; k < _derivedCount; k++)
                {
                    TensorPrimitives.Subtract(residual, _output[_derivedSlot[k]][c].AsSpan(0, frames), residual);
                }
            }
        }

        _targets.Write(_output, frames);
        _emitted += frames;
    }

    private void EnsureCapacity(int frames)
    {
        if (frames <= _capacity)
        {
            return;
        }

        Return(_derived);
        _derived = Rent(_derivedCount, _channels, frames);
        if (_interleaved.Length > 0)
        {
            ArrayPool<float>.Shared.Return(_interleaved);
        }

        _interleaved = ArrayPool<float>.Shared.Rent(Math.Max(1, frames * _derivedCount * _channels));
        _capacity = frames;
    }

    private void EnsureOutputCapacity(int frames)
    {
        if (frames <= _outputCapacity)
        {
            return;
        }

        Return(_output);
        _output = Rent(_plan.Requested.Count, _channels, frames);
        foreach (var channel in _mixBlock)
        {
            ArrayPool<float>.Shared.Return(channel);
        }

        _mixBlock = new float[_channels][];
        for (var c = 0; c < _channels; c++)
        {
            _mixBlock[c] = ArrayPool<float>.Shared.Rent(frames);
        }

        _outputCapacity = frames;
    }
}
