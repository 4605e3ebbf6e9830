using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>The stage an <see cref="Envelope"/> is in.</summary>
internal enum EnvelopeStage
{
    /// <summary>Silent; the owning voice may be reused.</summary>
    Idle,

    /// <summary>Rising linearly to 1.</summary>
    Attack,

    /// <summary>Falling to the sustain level.</summary>
    Decay,

    /// <summary>Holding the sustain level until release.</summary>
    Sustain,

    /// <summary>Falling to 0 after note-off.</summary>
    Release,
}

/// <summary>
/// ADSR envelope advanced in whole runs of samples with closed forms (no per-sample loop), so voices evaluate it at
/// control rate and interpolate linearly in between.
/// </summary>
/// <remarks>
/// Retriggering restarts the attack from the current level (no jump, so no click). An exponential segment ends when
/// it is within 1e-4 of its target; a release (or a decay to a zero sustain) ends at 1e-3 of full scale (−60 dB),
/// where it snaps to 0 (the voice interpolates to it over one control block, inaudibly) and the envelope becomes
/// <see cref="EnvelopeStage.Idle"/>.
/// </remarks>
internal struct Envelope
{
    private const float SettleThreshold = 1e-4f;
    private const float EndThreshold = 1e-3f;

    private float _attackRate;
    private float _decayCoefficient;
    private float _decayRate;
    private float _sustain;
    private float _releaseCoefficient;
    private float _releaseSeconds;
    private float _sampleRate;
    private float _releaseRate;
    private bool _exponential;
    private int _block;
    private float _decayBlock;
    private float _releaseBlock;

    /// <summary>Gets the current stage.</summary>
    public EnvelopeStage Stage { get; private set; }

    /// <summary>Gets the current level (0 to 1).</summary>
    public float Level { get; private set; }

    /// <summary>Gets a value indicating whether the envelope has finished.</summary>
    public readonly bool IsIdle => Stage == EnvelopeStage.Idle;

    /// <summary>
    /// Sets the segment shapes (keeps the current stage and level); <paramref name="block"/> is the usual
    /// <see cref="Advance"/> length, whose decay factors are precomputed.
    /// </summary>
    public void Configure(EnvelopeSpec spec, float sampleRate, int block)
    {
        _block = block;
        _sampleRate = sampleRate;
        _exponential = spec.Exponential;
        _sustain = Math.Clamp(spec.Sustain, 0f, 1f);
        var attackSamples = spec.Attack * sampleRate;
        _attackRate = attackSamples <= 1f ? float.PositiveInfinity : 1f / attackSamples;
        _decayCoefficient = FastMath.DecayCoefficient(spec.Decay, sampleRate);
        var decaySamples = MathF.Max(1f, spec.Decay * sampleRate);
        _decayRate = (1f - _sustain) / decaySamples;
        _releaseCoefficient = FastMath.DecayCoefficient(spec.Release, sampleRate);
        _releaseSeconds = MathF.Max(spec.Release, 1f / sampleRate);
        _decayBlock = Power(_decayCoefficient, block);
        _releaseBlock = Power(_releaseCoefficient, block);
    }

    /// <summary>Starts (or restarts) the attack from the current level.</summary>
    public void Trigger() => Stage = EnvelopeStage.Attack;

    /// <summary>Enters the release from the current level (no-op when idle).</summary>
    public void Release()
    {
        if (Stage == EnvelopeStage.Idle)
        {
            return;
        }

        Stage = EnvelopeStage.Release;
        _releaseRate = Level / (_releaseSeconds * _sampleRate);
    }

    /// <summary>Silences the envelope at once.</summary>
    public void Reset()
    {
        Stage = EnvelopeStage.Idle;
        Level = 0f;
    }

    /// <summary>Advances by <paramref name="samples"/> samples.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Advance(int samples)
    {
        var n = (float)samples;
        while (n > 0f)
        {
            switch (Stage)
            {
                case EnvelopeStage.Attack:
                    {
                        var needed = float.IsPositiveInfinity(_attackRate) ? 0f : MathF.Ceiling((1f - Level) / _attackRate);
                        if (needed > n)
                        {
                            Level += n * _attackRate;
                            return;
                        }

                        n -= MathF.Max(needed, 1f);
                        Level = 1f;
                        Stage = _sustain >= 1f ? EnvelopeStage.Sustain : EnvelopeStage.Decay;
                        break;
                    }

                case EnvelopeStage.Decay:
                    if (_exponential)
                    {
                        Level = _sustain + ((Level - _sustain) * (n == _block ? _decayBlock : Power(_decayCoefficient, n)));
                        if (Level - _sustain < (_sustain > 0f ? SettleThreshold : EndThreshold))
                        {
                            EndDecay();
                        }

                        return;
                    }
                    else
                    {
                        var needed = MathF.Ceiling((Level - _sustain) / _decayRate);
                        if (needed > n)
                        {
                            Level -= n * _decayRate;
                            return;
                        }

                        n -= MathF.Max(needed, 1f);
                        EndDecay();
                        break;
                    }

                case EnvelopeStage.Release:
                    if (_exponential)
                    {
                        Level *= n == _block ? _releaseBlock : Power(_releaseCoefficient, n);
                        if (Level < EndThreshold)
                        {
                            Reset();
                        }
                    }
                    else
                    {
                        Level -= n * _releaseRate;
                        if (Level <= 0f)
                        {
                            Reset();
                        }
                    }

                    return;

                default:
                    return; // Idle and Sustain hold their level.
            }
        }
    }

    private void EndDecay()
    {
        Level = _sustain;
        if (_sustain <= 0f)
        {
            Reset();
        }
        else
        {
            Stage = EnvelopeStage.Sustain;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Power(float coefficient, float n) => coefficient <= 0f ? 0f : MathF.Pow(coefficient, n);
}
