using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// One voice of a melodic <see cref="InstrumentPreset"/>: oscillators (with unison) and/or FM operators → optional
/// drive → filter → amplitude envelope. Renders by adding into the caller's buffers; allocates only in its
/// constructor.
/// </summary>
/// <remarks>
/// <para>Modulation (envelopes, LFOs, glide, pitch envelope, filter cutoff) is evaluated every
/// <see cref="ControlBlock"/> samples; amplitudes are interpolated linearly inside a block, so even a zero-attack
/// note rises over one block (1.3 to 2.6 ms at 48 kHz) and its first sample is already non-zero. A note event in the
/// middle of a block ends the block there (<see cref="Interrupt"/>), so events act at their exact sample; the next
/// block then runs to the synthesizer's control-block grid (<see cref="BlockLength"/>), so blocks line up with
/// render segments and vector widths.</para>
/// <para>A stolen voice fades linearly to silence over a few milliseconds (<see cref="Fade"/>) instead of jumping.</para>
/// </remarks>
internal sealed class SynthVoice
{
    /// <summary>Samples per control block.</summary>
    public const int ControlBlock = 64;

    /// <summary>The longest control block: one that re-aligns to the grid after a note event (see <see cref="BlockLength"/>).</summary>
    public const int MaxControlBlock = (2 * ControlBlock) - 1;

    private const float InverseTwoPi = 0.15915494f;
    private const float CentreGain = 0.70710678f;

    private readonly InstrumentPreset _preset;
    private readonly float _sampleRate;
    private readonly bool _stereo;

    private readonly OscillatorSpec[] _oscillators;
    private readonly float[] _oscillatorGain;
    private readonly float[] _oscillatorDecayLevel;
    private readonly Wavetable?[] _tables;
    private readonly int[] _tableFrame;
    private readonly float[] _tableMix;
    private readonly StateVariableFilter[] _noiseFilters;

    private readonly int[] _copyOscillator;
    private readonly float[] _copyRatio;
    private readonly byte[] _copyChannel;
    private readonly float[] _copyStartPhase;
    private readonly BlepOscillator[] _copyOscillators;
    private readonly float[] _copyIncrement;
    private readonly int[] _copyLevel;

    private readonly FmSpec? _fm;
    private readonly int _operatorCount;
    private readonly float[] _operatorPhase;
    private readonly float[] _operatorIncrement;
    private readonly float[] _operatorScale;
    private readonly float[] _operatorLevel;
    private readonly float[] _operatorOut;
    private readonly float[] _operatorStep;
    private readonly Envelope[] _operatorEnvelope;
    private readonly Envelope[] _operatorProbe;
    private float _feedback1;
    private float _feedback2;
    private float _dcInput;
    private float _dcOutput;
    private readonly float _dcCoefficient;

    private readonly FilterMode _filterMode;
    private readonly bool _fourPole;
    private readonly float _q1;
    private readonly float _q2;
    private StateVariableFilter _left1;
    private StateVariableFilter _left2;
    private StateVariableFilter _right1;
    private StateVariableFilter _right2;

    private readonly float[] _left = new float[MaxControlBlock];
    private readonly float[] _right = new float[MaxControlBlock];
    private readonly float[] _scratch = new float[MaxControlBlock];
    private readonly float[] _modulation1 = new float[MaxControlBlock];
    private readonly float[] _modulation2 = new float[MaxControlBlock];

    private Envelope _amp;
    private Envelope _ampProbe;
    private Envelope _filterEnvelope;
    private Envelope _filterProbe;
    private uint _noise;

    private float _lfo1Phase;
    private float _lfo2Phase;
    private readonly float _lfo1Increment;
    private readonly float _lfo2Increment;

    private float _velocity;
    private float _velocityGain;
    private float _pitchNow;
    private float _pitchTarget;
    private readonly float _glideCoefficient;
    private long _age;

    private float _lastPitch = float.NaN;
    private float _lastHz;
    private float _lastOctaves = float.NaN;
    private int _blockLength;
    private int _blockRemaining;
    private int _blockElapsed;
    private float _ampOut;
    private float _ampStep;
    private float _ampEnd;
    private int _fadeRemaining;

    /// <summary>Creates a voice for <paramref name="preset"/>; <paramref name="noiseSeed"/> seeds its noise.</summary>
    public SynthVoice(InstrumentPreset preset, float sampleRate, uint noiseSeed)
    {
        _preset = preset;
        _sampleRate = sampleRate;
        _stereo = preset.IsStereo;
        _noise = noiseSeed == 0 ? 1u : noiseSeed;

        _oscillators = [.. preset.Oscillators];
        var count = _oscillators.Length;
        _oscillatorGain = new float[count];
        _oscillatorDecayLevel = new float[count];
        _tables = new Wavetable?[count];
        _tableFrame = new int[count];
        _tableMix = new float[count];
        _noiseFilters = new StateVariableFilter[count];
        var copies = 0;
        for (var o = 0; o < count; o++)
        {
            var spec = _oscillators[o];
            var unison = Math.Max(1, spec.Unison);
            copies += unison;
            _oscillatorGain[o] = spec.Level / MathF.Sqrt(unison);
            _oscillatorDecayLevel[o] = 1f;
            if (spec.Waveform == Waveform.Wavetable)
            {
                _tables[o] = WavetableBank.Get(spec.Table);
            }
        }

        _copyOscillator = new int[copies];
        _copyRatio = new float[copies];
        _copyChannel = new byte[copies];
        _copyStartPhase = new float[copies];
        _copyOscillators = new BlepOscillator[copies];
        _copyIncrement = new float[copies];
        _copyLevel = new int[copies];
        var c = 0;
        for (var o = 0; o < count; o++)
        {
            var spec = _oscillators[o];
            var unison = Math.Max(1, spec.Unison);
            for (var u = 0; u < unison; u++, c++)
            {
                var cents = unison == 1 ? 0f : spec.DetuneCents * ((u / (float)(unison - 1)) - 0.5f);
                _copyOscillator[c] = o;
                _copyOscillators[c] = new BlepOscillator();
                _copyRatio[c] = spec.Ratio * MathF.Pow(2f, (spec.Semitones + (cents / 100f)) / 12f);
                _copyStartPhase[c] = u == 0 ? 0f : (u * 0.618034f) % 1f;
                _copyChannel[c] = !_stereo ? (byte)0 : !spec.Stereo || unison == 1 || (unison % 2 == 1 && u == unison - 1)
                    ? (byte)2
                    : (byte)(u & 1);
            }
        }

        _fm = preset.Fm;
        _operatorCount = _fm?.OperatorCount ?? 0;
        _operatorPhase = new float[_operatorCount];
        _operatorIncrement = new float[_operatorCount];
        _operatorScale = new float[_operatorCount];
        _operatorLevel = new float[_operatorCount];
        _operatorOut = new float[_operatorCount];
        _operatorStep = new float[_operatorCount];
        _operatorEnvelope = new Envelope[_operatorCount];
        _operatorProbe = new Envelope[_operatorCount];
        for (var j = 0; j < _operatorCount; j++)
        {
            var op = _fm!.Operators[j];
            _operatorEnvelope[j].Configure(op.Envelope, sampleRate, ControlBlock);
            _operatorScale[j] = IsCarrier(j) ? op.Level : op.Level * InverseTwoPi;
        }

        // FM with a 1:1 ratio puts a sideband at 0 Hz; a 10 Hz DC blocker removes it.
        _dcCoefficient = 1f - (2f * MathF.PI * 10f / sampleRate);

        _filterMode = preset.Filter.Mode;
        _fourPole = preset.Filter.Poles >= 4;
        if (_fourPole)
        {
            // Butterworth 4th order split into two stages; resonance raises the second stage's Q.
            var resonance = preset.Filter.Q / 0.7071f;
            _q1 = 0.5412f;
            _q2 = 1.3066f * resonance;
        }
        else
        {
            _q1 = preset.Filter.Q;
        }

        _amp.Configure(preset.AmpEnvelope, sampleRate, ControlBlock);
        _filterEnvelope.Configure(preset.FilterEnvelope, sampleRate, ControlBlock);
        _lfo1Increment = (preset.Lfo1?.RateHz ?? 0f) / sampleRate;
        _lfo2Increment = (preset.Lfo2?.RateHz ?? 0f) / sampleRate;
        _glideCoefficient = preset.Glide > 0f ? MathF.Exp(-ControlBlock / (preset.Glide * sampleRate)) : 0f;
    }

    /// <summary>Gets the MIDI pitch the voice is playing (its target pitch while gliding).</summary>
    public int Pitch { get; private set; } = -1;

    /// <summary>Gets a value indicating whether the key is held (note-off not yet received).</summary>
    public bool Gate { get; private set; }

    /// <summary>Gets the start order (monotonic per instrument), for oldest-voice stealing.</summary>
    public long Order { get; private set; }

    /// <summary>Gets a value indicating whether the voice is sounding (attack to end of release or fade).</summary>
    public bool IsActive { get; private set; }

    /// <summary>Gets a value indicating whether the voice is fading out after being stolen or cut.</summary>
    public bool IsFading => _fadeRemaining > 0;

    /// <summary>Gets the current output amplitude (envelope × velocity gain), for quietest-voice stealing.</summary>
    public float Level => _ampOut;

    /// <summary>Starts a note; a sounding voice continues from its current level and phase (no click).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Start(int pitch, float velocity, long order)
    {
        Interrupt();
        if (!IsActive)
        {
            ResetState();
            _pitchNow = pitch;
        }
        else if (_glideCoefficient == 0f)
        {
            _pitchNow = pitch;
        }

        _pitchTarget = pitch;
        Pitch = pitch;
        Gate = true;
        Order = order;
        IsActive = true;
        _fadeRemaining = 0;
        _age = 0;
        SetVelocity(velocity);
        _amp.Trigger();
        _filterEnvelope.Trigger();
        for (var j = 0; j < _operatorCount; j++)
        {
            _operatorEnvelope[j].Trigger();
        }
    }

    /// <summary>Changes pitch without retriggering (mono legato); glides when the preset has a glide time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Legato(int pitch)
    {
        Interrupt();
        _pitchTarget = pitch;
        if (_glideCoefficient == 0f)
        {
            _pitchNow = pitch;
        }

        Pitch = pitch;
        Gate = true;
    }

    /// <summary>Enters the release.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Release()
    {
        Interrupt();
        Gate = false;
        _amp.Release();
        _filterEnvelope.Release();
        for (var j = 0; j < _operatorCount; j++)
        {
            _operatorEnvelope[j].Release();
        }
    }

    /// <summary>Fades linearly to silence over <paramref name="samples"/> samples, then frees the voice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fade(int samples)
    {
        if (!IsActive)
        {
            return;
        }

        Interrupt();
        Gate = false;
        _fadeRemaining = Math.Max(1, samples);
    }

    /// <summary>Silences the voice at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Kill()
    {
        IsActive = false;
        Gate = false;
        _fadeRemaining = 0;
        _blockRemaining = 0;
        _blockElapsed = 0;
        _ampOut = 0f;
        _amp.Reset();
        _filterEnvelope.Reset();
        for (var j = 0; j < _operatorCount; j++)
        {
            _operatorEnvelope[j].Reset();
        }
    }

    /// <summary>
    /// Ends the current control block at the current sample, committing envelope and LFO time, so that a note
    /// event takes effect exactly here.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Interrupt()
    {
        if (_blockRemaining == 0)
        {
            return;
        }

        var m = _blockElapsed;
        if (m > 0)
        {
            if (_fadeRemaining > 0)
            {
                _fadeRemaining = Math.Max(1, _fadeRemaining - m);
            }
            else
            {
                _amp.Advance(m);
            }

            _filterEnvelope.Advance(m);
            for (var j = 0; j < _operatorCount; j++)
            {
                _operatorEnvelope[j].Advance(m);
            }

            AdvanceTime(m);
        }

        _blockRemaining = 0;
        _blockElapsed = 0;
    }

    /// <summary>Adds the next <c>left.Length</c> samples of the voice into <paramref name="left"/> (and
    /// <paramref name="right"/> for stereo presets); control blocks end on the grid <paramref name="gridPhase"/>
    /// describes (see <see cref="Instrument.Render"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(Span<float> left, Span<float> right, int gridPhase)
    {
        var n = left.Length;
        var done = 0;
        while (done < n && IsActive)
        {
            if (_blockRemaining == 0)
            {
                BeginBlock(BlockLength(gridPhase + done));
            }

            var count = Math.Min(n - done, _blockRemaining);
            RenderChunk(left.Slice(done, count), _stereo ? right.Slice(done, count) : default);
            done += count;
            _blockRemaining -= count;
            _blockElapsed += count;
            if (_blockRemaining == 0)
            {
                EndBlock();
            }
        }
    }

    /// <summary>
    /// The length of a control block starting at grid position <paramref name="gridPhase"/>: <see cref="ControlBlock"/>
    /// on the grid, else the distance to the grid line after next (65 … 127 samples), so that a block cut short by a
    /// note event re-aligns without a block shorter than usual (envelope ramps never get steeper than one block's).
    /// </summary>
    public static int BlockLength(int gridPhase)
    {
        var phase = gridPhase & (ControlBlock - 1);
        return phase == 0 ? ControlBlock : (2 * ControlBlock) - phase;
    }

    private bool IsCarrier(int op) => op == 0 || (_fm!.Algorithm == FmAlgorithm.TwoPairs && op == 2);

    // The operator a modulator feeds (−1 for carriers).
    private int ModulationTarget(int op) => _fm!.Algorithm switch
    {
        FmAlgorithm.Stack2 => op == 1 ? 0 : -1,
        FmAlgorithm.Stack3 => op == 0 ? -1 : op - 1,
        FmAlgorithm.TwoPairs => op == 1 ? 0 : op == 3 ? 2 : -1,
        _ => op == 0 ? -1 : 0,
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SetVelocity(float velocity)
    {
        _velocity = velocity;
        var s = _preset.VelocityToAmplitude;
        _velocityGain = 1f - s + (s * velocity * velocity);
        for (var j = 0; j < _operatorCount; j++)
        {
            var vs = _fm!.Operators[j].VelocitySensitivity;
            _operatorLevel[j] = _operatorScale[j] * (1f - vs + (vs * velocity));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ResetState()
    {
        for (var c = 0; c < _copyOscillators.Length; c++)
        {
            _copyOscillators[c].Reset(_copyStartPhase[c]);
        }

        for (var j = 0; j < _operatorCount; j++)
        {
            _operatorPhase[j] = 0f;
            _operatorOut[j] = 0f;
        }

        for (var o = 0; o < _noiseFilters.Length; o++)
        {
            _noiseFilters[o].Reset();
        }

        _feedback1 = 0f;
        _feedback2 = 0f;
        _dcInput = 0f;
        _dcOutput = 0f;
        _left1.Reset();
        _left2.Reset();
        _right1.Reset();
        _right2.Reset();
        _lfo1Phase = 0f;
        _lfo2Phase = 0.75f; // LFO 2 starts at its minimum: tremolo and wobble begin from the resting value.
        _amp.Reset();
        _filterEnvelope.Reset();
        _ampOut = 0f;
        for (var j = 0; j < _operatorCount; j++)
        {
            _operatorEnvelope[j].Reset();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void AdvanceTime(int samples)
    {
        _age += samples;
        _lfo1Phase += samples * _lfo1Increment;
        _lfo1Phase -= MathF.Floor(_lfo1Phase);
        _lfo2Phase += samples * _lfo2Increment;
        _lfo2Phase -= MathF.Floor(_lfo2Phase);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BeginBlock(int length)
    {
        if (_fadeRemaining > 0)
        {
            length = Math.Min(length, _fadeRemaining);
        }

        _blockLength = length;
        _blockRemaining = length;
        _blockElapsed = 0;

        if (_pitchNow != _pitchTarget)
        {
            _pitchNow = _pitchTarget + ((_pitchNow - _pitchTarget) * _glideCoefficient);
            if (MathF.Abs(_pitchNow - _pitchTarget) < 0.002f)
            {
                _pitchNow = _pitchTarget;
            }
        }

        var seconds = _age / _sampleRate;
        var pitch = _pitchNow;
        if (_preset.PitchEnvelopeSemitones != 0f && seconds < 12f * _preset.PitchEnvelopeSeconds)
        {
            pitch += _preset.PitchEnvelopeSemitones * MathF.Exp(-seconds / MathF.Max(_preset.PitchEnvelopeSeconds, 1e-4f));
        }

        if (_preset.Lfo1 is { VibratoCents: > 0f } lfo1)
        {
            var fadeIn = lfo1.DelaySeconds > 0f ? MathF.Min(1f, seconds / lfo1.DelaySeconds) : 1f;
            pitch += FastMath.SinCycles(_lfo1Phase) * lfo1.VibratoCents * 0.01f * fadeIn;
        }

        var lfo2 = _preset.Lfo2 is null ? 0f : FastMath.SinCycles(_lfo2Phase);
        if (pitch != _lastPitch)
        {
            _lastPitch = pitch;
            _lastHz = FastMath.PitchToHz(pitch);
        }

        var baseHz = _lastHz;
        var baseIncrement = baseHz / _sampleRate;

        for (var c = 0; c < _copyIncrement.Length; c++)
        {
            var increment = baseIncrement * _copyRatio[c];
            _copyIncrement[c] = increment;
            if (_tables[_copyOscillator[c]] is not null)
            {
                _copyLevel[c] = Wavetable.LevelFor(increment);
            }
        }

        for (var o = 0; o < _oscillators.Length; o++)
        {
            var spec = _oscillators[o];
            if (spec.Decay > 0f)
            {
                // Stop evaluating once the partial is 100 dB down.
                _oscillatorDecayLevel[o] = seconds < 1.7f * spec.Decay ? MathF.Exp(-6.907755f * seconds / spec.Decay) : 0f;
            }

            if (_tables[o] is { } table)
            {
                var position = spec.TablePosition;
                if (spec.TableSweepSeconds > 0f && seconds < 12f * spec.TableSweepSeconds)
                {
                    position += (spec.TablePositionEnd - spec.TablePosition) * (1f - MathF.Exp(-seconds / spec.TableSweepSeconds));
                }
                else if (spec.TableSweepSeconds > 0f)
                {
                    position = spec.TablePositionEnd;
                }

                position = Math.Clamp(position + (spec.TableLfoDepth * lfo2), 0f, 1f) * (table.FrameCount - 1);
                var frame = Math.Min((int)position, Math.Max(0, table.FrameCount - 2));
                _tableFrame[o] = frame;
                _tableMix[o] = table.FrameCount == 1 ? 0f : position - frame;
            }
            else if (spec.Waveform == Waveform.Noise && spec.NoiseBandRatio > 0f)
            {
                _noiseFilters[o].SetCoefficients(baseHz * spec.Ratio * spec.NoiseBandRatio, spec.NoiseBandQ, _sampleRate);
            }
        }

        if (_filterMode != FilterMode.Off)
        {
            var f = _preset.Filter;
            var octaves = (f.KeyTracking * (pitch - 60f) / 12f)
                + (f.EnvelopeOctaves * _filterEnvelope.Level)
                + (f.VelocityOctaves * (_velocity - 1f))
                + (f.LfoOctaves * lfo2);
            if (octaves != _lastOctaves)
            {
                _lastOctaves = octaves;
                var cutoff = f.Cutoff * FastMath.Exp2(octaves);
                _left1.SetCoefficients(cutoff, _q1, _sampleRate);
                if (_fourPole)
                {
                    _left2.SetCoefficients(cutoff, _q2, _sampleRate);
                }

                if (_stereo)
                {
                    _right1.CopyCoefficients(in _left1);
                    if (_fourPole)
                    {
                        _right2.CopyCoefficients(in _left2);
                    }
                }
            }
        }

        if (_fadeRemaining > 0)
        {
            _ampEnd = _ampOut * (1f - (length / (float)_fadeRemaining));
        }
        else
        {
            _ampProbe = _amp;
            _ampProbe.Advance(length);
            var tremolo = _preset.Lfo2 is { Tremolo: > 0f } l2 ? 1f - (l2.Tremolo * 0.5f * (1f + lfo2)) : 1f;
            _ampEnd = _ampProbe.Level * _velocityGain * tremolo;
        }

        _ampStep = (_ampEnd - _ampOut) / length;

        _filterProbe = _filterEnvelope;
        _filterProbe.Advance(length);

        for (var j = 0; j < _operatorCount; j++)
        {
            var op = _fm!.Operators[j];
            _operatorIncrement[j] = (baseIncrement * op.Ratio) + (op.DetuneHz / _sampleRate);
        }

        for (var j = 0; j < _operatorCount; j++)
        {
            var increment = _operatorIncrement[j];
            _operatorProbe[j] = _operatorEnvelope[j];
            _operatorProbe[j].Advance(length);
            var end = increment < Oscillators.MaxIncrement ? _operatorProbe[j].Level * _operatorLevel[j] : 0f;
            var target = ModulationTarget(j);
            if (target >= 0)
            {
                // Carson's rule plus a margin: keep f_target + (index + 2)·f_mod under 0.45·fs so FM does
                // not alias on high notes (the index, in cycles here, shrinks as the note rises).
                var maxIndex = MathF.Max(0f, ((Oscillators.MaxIncrement - _operatorIncrement[target]) / increment) - 2f);
                end = MathF.Min(end, maxIndex * InverseTwoPi);
            }

            _operatorStep[j] = (end - _operatorOut[j]) / length;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndBlock()
    {
        var length = _blockLength;
        _blockElapsed = 0;
        _ampOut = _ampEnd;
        _filterEnvelope = _filterProbe;
        for (var j = 0; j < _operatorCount; j++)
        {
            _operatorEnvelope[j] = _operatorProbe[j];
        }

        AdvanceTime(length);
        if (_fadeRemaining > 0)
        {
            _fadeRemaining -= length;
            if (_fadeRemaining <= 0)
            {
                Kill();
            }

            return;
        }

        _amp = _ampProbe;
        if (_amp.IsIdle)
        {
            Kill();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderChunk(Span<float> left, Span<float> right)
    {
        var n = left.Length;
        var bufferLeft = _left.AsSpan(0, n);
        bufferLeft.Clear();
        var bufferRight = _stereo ? _right.AsSpan(0, n) : default;
        bufferRight.Clear();

        if (_fm is not null)
        {
            RenderFm(bufferLeft);
            BlockDc(bufferLeft);
        }

        if (_stereo)
        {
            // Centre content (FM, unpanned oscillators) goes into the left buffer first and is copied once to the
            // right one; the alternating unison copies then go to their own sides.
            for (var c = 0; c < _copyIncrement.Length; c++)
            {
                if (_copyChannel[c] == 2)
                {
                    RenderCopy(c, bufferLeft, CentreGain);
                }
            }

            bufferLeft.CopyTo(bufferRight);
            for (var c = 0; c < _copyIncrement.Length; c++)
            {
                if (_copyChannel[c] != 2)
                {
                    RenderCopy(c, _copyChannel[c] == 1 ? bufferRight : bufferLeft, 1f);
                }
            }
        }
        else
        {
            for (var c = 0; c < _copyIncrement.Length; c++)
            {
                RenderCopy(c, bufferLeft, 1f);
            }
        }

        if (_preset.Drive > 0f)
        {
            SpanKernels.SoftClip(bufferLeft, _preset.Drive);
            if (_stereo)
            {
                SpanKernels.SoftClip(bufferRight, _preset.Drive);
            }
        }

        if (_filterMode != FilterMode.Off)
        {
            if (_stereo)
            {
                StateVariableFilter.ProcessPair(ref _left1, ref _right1, bufferLeft, bufferRight, _filterMode);
                if (_fourPole)
                {
                    StateVariableFilter.ProcessPair(ref _left2, ref _right2, bufferLeft, bufferRight, _filterMode);
                }
            }
            else if (_fourPole)
            {
                StateVariableFilter.ProcessCascade(ref _left1, ref _left2, bufferLeft, _filterMode);
            }
            else
            {
                _left1.Process(bufferLeft, _filterMode);
            }
        }

        SpanKernels.AddRamped(bufferLeft, _ampOut, _ampStep, left);
        if (_stereo)
        {
            SpanKernels.AddRamped(bufferRight, _ampOut, _ampStep, right);
        }

        _ampOut += n * _ampStep;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderCopy(int c, Span<float> target, float scale)
    {
        var o = _copyOscillator[c];
        var gain = _oscillatorGain[o] * _oscillatorDecayLevel[o] * scale;
        var increment = _copyIncrement[c];
        if (gain == 0f || increment > Oscillators.MaxIncrement || increment <= 0f)
        {
            return;
        }

        var spec = _oscillators[o];
        var oscillator = _copyOscillators[c];
        switch (spec.Waveform)
        {
            case Waveform.Saw:
                oscillator.AddSaw(target, increment, gain);
                break;
            case Waveform.Pulse:
                oscillator.AddPulse(target, increment, spec.Duty, gain);
                break;
            case Waveform.Triangle:
                oscillator.AddTriangle(target, increment, gain);
                break;
            case Waveform.Sine:
                {
                    var phase = oscillator.Phase;
                    Oscillators.AddSine(target, ref phase, increment, gain);
                    oscillator.Phase = phase;
                    break;
                }

            case Waveform.Noise:
                if (spec.NoiseBandRatio > 0f)
                {
                    var noise = _scratch.AsSpan(0, target.Length);
                    noise.Clear();
                    Oscillators.AddNoise(noise, ref _noise, gain);
                    _noiseFilters[o].Process(noise, FilterMode.BandPass);
                    SpanKernels.Add(noise, target);
                }
                else
                {
                    Oscillators.AddNoise(target, ref _noise, gain);
                }

                break;
            case Waveform.Wavetable:
                {
                    var table = _tables[o]!;
                    var level = _copyLevel[c];
                    var frame = _tableFrame[o];
                    var next = table.FrameCount == 1 ? frame : frame + 1;
                    var phase = oscillator.Phase;
                    Wavetable.Add(target, ref phase, increment, table.Table(frame, level), table.Table(next, level), _tableMix[o], gain);
                    oscillator.Phase = phase;
                    break;
                }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void BlockDc(Span<float> samples)
    {
        var x1 = _dcInput;
        var y1 = _dcOutput;
        var r = _dcCoefficient;
        for (var i = 0; i < samples.Length; i++)
        {
            var x = samples[i];
            y1 = MathF.FusedMultiplyAdd(r, y1, x - x1); // one step of latency per sample instead of two
            x1 = x;
            samples[i] = y1;
        }

        _dcInput = x1;
        _dcOutput = y1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderFm(Span<float> output)
    {
        var n = output.Length;
        var m1 = _modulation1.AsSpan(0, n);
        var m2 = _modulation2.AsSpan(0, n);
        switch (_fm!.Algorithm)
        {
            case FmAlgorithm.Stack2:
                Operator(1, m1, default, accumulate: false);
                Operator(0, output, m1, accumulate: true);
                break;
            case FmAlgorithm.Stack3:
                Operator(2, m2, default, accumulate: false);
                Operator(1, m1, m2, accumulate: false);
                Operator(0, output, m1, accumulate: true);
                break;
            case FmAlgorithm.TwoPairs:
                Operator(1, m1, default, accumulate: false);
                Operator(0, output, m1, accumulate: true);
                Operator(3, m2, default, accumulate: false);
                Operator(2, output, m2, accumulate: true);
                break;
            case FmAlgorithm.TwoIntoOne:
                Operator(1, m1, default, accumulate: false);
                Operator(2, m1, default, accumulate: true);
                Operator(0, output, m1, accumulate: true);
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Operator(int j, Span<float> destination, ReadOnlySpan<float> modulation, bool accumulate)
    {
        var n = destination.Length;
        var feedback = _fm!.Operators[j].Feedback;
        if (feedback != 0f && modulation.IsEmpty)
        {
            Oscillators.SineOperatorFeedback(
                destination, ref _operatorPhase[j], _operatorIncrement[j], default, _operatorOut[j], _operatorStep[j],
                feedback, ref _feedback1, ref _feedback2, accumulate);
        }
        else
        {
            Oscillators.SineOperator(
                destination, ref _operatorPhase[j], _operatorIncrement[j], modulation, _operatorOut[j], _operatorStep[j], accumulate);
        }

        _operatorOut[j] += n * _operatorStep[j];
    }
}
