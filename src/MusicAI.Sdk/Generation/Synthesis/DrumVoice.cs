using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// Plays one <see cref="DrumSound"/> hit: body, second tone, filtered noise, metallic cluster and click, each under
/// its own exponential decay evaluated per control block and interpolated per sample. Allocates only in its
/// constructor.
/// </summary>
internal sealed class DrumVoice
{
    private const int Components = 5;
    private const int Tone = 0;
    private const int Tone2 = 1;
    private const int NoiseComponent = 2;
    private const int Metal = 3;
    private const int Click = 4;
    private const float EndLevel = 1e-3f;
    private const float Ln1000 = 6.907755f;

    // The band-passed square cluster keeps only high harmonics (about 1/8 of the squares' level); make up for it so
    // that a metal level of 1 sits like a noise level of 1.
    private const float MetalMakeup = 8f;

    private static readonly float[] s_metalRatios = [1f, 1.4827f, 1.8003f, 2.5460f, 2.6303f, 3.8967f];

    private readonly float _sampleRate;
    private readonly float[] _buffer = new float[SynthVoice.MaxControlBlock];
    private readonly float[] _scratch = new float[SynthVoice.MaxControlBlock];
    private readonly float[] _levelOut = new float[Components];
    private readonly float[] _levelStep = new float[Components];
    private readonly float[] _levelEnd = new float[Components];
    private readonly BlepOscillator[] _metal = [new(), new(), new(), new(), new(), new()];
    private readonly BlepOscillator _tone = new();

    private DrumSound _sound = new();
    private uint _noise;
    private uint _lfsr = 1;
    private float _lfsrPhase;
    private float _lfsrValue = 1f;
    private float _tone2Phase;
    private float _toneIncrement;
    private float _clickState;
    private float _clickCoefficient;
    private StateVariableFilter _noiseFilter;
    private StateVariableFilter _metalBand;
    private StateVariableFilter _metalHigh;

    private long _age;
    private float _gainLeft;
    private float _gainRight;
    private float _masterOut;
    private float _masterStep;
    private float _masterEnd;
    private int _fadeRemaining;
    private bool _ending;
    private int _blockLength;
    private int _blockRemaining;
    private int _blockElapsed;

    /// <summary>Creates a voice; <paramref name="noiseSeed"/> seeds its white noise.</summary>
    public DrumVoice(float sampleRate, uint noiseSeed)
    {
        _sampleRate = sampleRate;
        _noise = noiseSeed == 0 ? 1u : noiseSeed;
    }

    /// <summary>Gets a value indicating whether the voice is sounding.</summary>
    public bool IsActive { get; private set; }

    /// <summary>Gets a value indicating whether the voice is being choked.</summary>
    public bool IsFading => _fadeRemaining > 0;

    /// <summary>Gets the choke group of the sound being played.</summary>
    public int ChokeGroup => _sound.ChokeGroup;

    /// <summary>Gets an estimate of the current level (largest component level).</summary>
    public float Level
    {
        get
        {
            var max = 0f;
            for (var c = 0; c < Components; c++)
            {
                max = MathF.Max(max, _levelOut[c]);
            }

            return max * _masterOut;
        }
    }

    /// <summary>Starts a hit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Start(DrumSound sound, float velocity)
    {
        _sound = sound;
        IsActive = true;
        _age = 0;
        _fadeRemaining = 0;
        _ending = false;
        _blockRemaining = 0;
        _blockElapsed = 0;
        _masterOut = 1f;
        Array.Clear(_levelOut);
        _tone.Reset(sound.ToneWaveform == Waveform.Pulse ? 0f : 0.25f);
        _tone2Phase = 0.25f;
        for (var m = 0; m < _metal.Length; m++)
        {
            _metal[m].Reset(m * 0.17f);
        }

        // Start somewhere inside the sequence (a register holding a single bit begins with a long run of equal values).
        _lfsr = ((_noise >> 7) & 0x7FFFu) | 1u;
        _lfsrPhase = 0f;
        _lfsrValue = 1f;
        _clickState = 0f;
        _clickCoefficient = MathF.Exp(-2f * MathF.PI * sound.ClickHighPassHz / _sampleRate);
        _noiseFilter.Reset();
        _metalBand.Reset();
        _metalHigh.Reset();
        _metalBand.SetCoefficients(sound.MetalBandHz, 1.2f, _sampleRate);
        _metalHigh.SetCoefficients(sound.MetalHighPassHz, 0.7071f, _sampleRate);

        var v = Math.Clamp(velocity, 0f, 1f);
        var gain = sound.Level * (1f - sound.VelocityToLevel + (sound.VelocityToLevel * v));
        var angle = (Math.Clamp(sound.Pan, -1f, 1f) + 1f) * MathF.PI / 4f;
        _gainLeft = gain * MathF.Cos(angle) * MathF.Sqrt(2f);
        _gainRight = gain * MathF.Sin(angle) * MathF.Sqrt(2f);
    }

    /// <summary>Fades out over <paramref name="samples"/> samples (choke), then frees the voice.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Fade(int samples)
    {
        if (!IsActive || IsFading)
        {
            return;
        }

        if (_blockRemaining > 0)
        {
            _age += _blockElapsed;
            _blockRemaining = 0;
            _blockElapsed = 0;
        }

        _fadeRemaining = Math.Max(1, samples);
    }

    /// <summary>Silences the voice at once.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Kill()
    {
        IsActive = false;
        _fadeRemaining = 0;
        _blockRemaining = 0;
        _blockElapsed = 0;
    }

    /// <summary>
    /// Adds the next samples of the hit into <paramref name="left"/> and <paramref name="right"/>; control blocks end
    /// on the grid <paramref name="gridPhase"/> describes (see <see cref="Instrument.Render"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(Span<float> left, Span<float> right, int gridPhase)
    {
        var n = left.Length;
        var done = 0;
        while (done < n && IsActive)
        {
            if (_blockRemaining == 0)
            {
                BeginBlock(SynthVoice.BlockLength(gridPhase + done));
            }

            var count = Math.Min(n - done, _blockRemaining);
            RenderChunk(left.Slice(done, count), right.Slice(done, count));
            done += count;
            _blockRemaining -= count;
            _blockElapsed += count;
            if (_blockRemaining == 0)
            {
                EndBlock();
            }
        }
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
        var s = _sound;
        var t0 = _age / _sampleRate;
        var t1 = (_age + length) / _sampleRate;
        var tm = 0.5f * (t0 + t1);

        _levelEnd[Tone] = s.ToneLevel * Decay(t1, s.ToneDecay);
        _levelEnd[Tone2] = s.Tone2Level * Decay(t1, s.Tone2Decay);
        _levelEnd[NoiseComponent] = s.NoiseLevel * NoiseEnvelope(t1);
        _levelEnd[Metal] = s.MetalLevel * MetalMakeup * Decay(t1, s.MetalDecay);
        _levelEnd[Click] = s.ClickLevel * Decay(t1, s.ClickDecay);
        var burstsOver = s.NoiseBursts <= 1 || t1 >= (s.NoiseBursts - 1) * s.BurstSpacing;
        var max = 0f;
        for (var c = 0; c < Components; c++)
        {
            max = MathF.Max(max, _levelEnd[c]);
        }

        if (burstsOver && max < EndLevel)
        {
            Array.Clear(_levelEnd);
            _ending = true;
        }

        for (var c = 0; c < Components; c++)
        {
            _levelStep[c] = (_levelEnd[c] - _levelOut[c]) / length;
        }

        var hz = s.ToneEndHz + ((s.ToneStartHz - s.ToneEndHz) * MathF.Exp(-tm / MathF.Max(s.ToneSweep, 1e-4f)));
        _toneIncrement = MathF.Min(hz / _sampleRate, Oscillators.MaxIncrement);

        if (s.NoiseLevel > 0f && s.NoiseFilter != FilterMode.Off)
        {
            var cutoff = s.NoiseCutoff;
            if (s.NoiseCutoffEnd > 0f)
            {
                cutoff = s.NoiseCutoffEnd + ((s.NoiseCutoff - s.NoiseCutoffEnd) * Decay(tm, s.NoiseDecay));
            }

            _noiseFilter.SetCoefficients(cutoff, s.NoiseQ, _sampleRate);
        }

        _masterEnd = _fadeRemaining > 0 ? _masterOut * (1f - (length / (float)_fadeRemaining)) : 1f;
        _masterStep = (_masterEnd - _masterOut) / length;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void EndBlock()
    {
        _blockElapsed = 0;
        _age += _blockLength;
        _masterOut = _masterEnd;
        _levelEnd.AsSpan().CopyTo(_levelOut);
        if (_fadeRemaining > 0)
        {
            _fadeRemaining -= _blockLength;
            if (_fadeRemaining <= 0)
            {
                Kill();
                return;
            }
        }

        if (_ending)
        {
            Kill();
        }
    }

    private float NoiseEnvelope(float t)
    {
        var s = _sound;
        if (s.NoiseBursts > 1)
        {
            var tailStart = (s.NoiseBursts - 1) * s.BurstSpacing;
            if (t < tailStart)
            {
                var local = t - (MathF.Floor(t / s.BurstSpacing) * s.BurstSpacing);
                return MathF.Exp(-4f * local / s.BurstSpacing);
            }

            return Decay(t - tailStart, s.NoiseDecay);
        }

        return Decay(t, s.NoiseDecay);
    }

    private static float Decay(float t, float seconds) => seconds <= 0f ? 0f : MathF.Exp(-Ln1000 * t / seconds);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RenderChunk(Span<float> left, Span<float> right)
    {
        var n = left.Length;
        var s = _sound;
        var buffer = _buffer.AsSpan(0, n);
        var scratch = _scratch.AsSpan(0, n);
        buffer.Clear();

        if (_levelOut[Tone] > 0f || _levelEnd[Tone] > 0f)
        {
            scratch.Clear();
            switch (s.ToneWaveform)
            {
                case Waveform.Pulse:
                    _tone.AddPulse(scratch, _toneIncrement, 0.5f, 1f);
                    break;
                case Waveform.Triangle:
                    _tone.AddTriangle(scratch, _toneIncrement, 1f);
                    break;
                default:
                    {
                        var phase = _tone.Phase;
                        Oscillators.AddSine(scratch, ref phase, _toneIncrement, 1f);
                        _tone.Phase = phase;
                        break;
                    }
            }

            SpanKernels.AddRamped(scratch, _levelOut[Tone], _levelStep[Tone], buffer);
        }

        if (_levelOut[Tone2] > 0f || _levelEnd[Tone2] > 0f)
        {
            scratch.Clear();
            Oscillators.AddSine(scratch, ref _tone2Phase, MathF.Min(s.Tone2Hz / _sampleRate, Oscillators.MaxIncrement), 1f);
            SpanKernels.AddRamped(scratch, _levelOut[Tone2], _levelStep[Tone2], buffer);
        }

        if (_levelOut[NoiseComponent] > 0f || _levelEnd[NoiseComponent] > 0f)
        {
            scratch.Clear();
            if (s.Noise == NoiseKind.White)
            {
                Oscillators.AddNoise(scratch, ref _noise, 1f);
            }
            else
            {
                Lfsr(scratch, s.Noise == NoiseKind.LfsrShort, s.LfsrRateHz / _sampleRate);
            }

            if (s.NoiseFilter != FilterMode.Off)
            {
                _noiseFilter.Process(scratch, s.NoiseFilter);
            }

            SpanKernels.AddRamped(scratch, _levelOut[NoiseComponent], _levelStep[NoiseComponent], buffer);
        }

        if (_levelOut[Metal] > 0f || _levelEnd[Metal] > 0f)
        {
            scratch.Clear();
            var baseIncrement = s.MetalBaseHz / _sampleRate;
            for (var m = 0; m < s_metalRatios.Length; m++)
            {
                var increment = baseIncrement * s_metalRatios[m];
                if (increment < Oscillators.MaxIncrement)
                {
                    _metal[m].AddPulse(scratch, increment, 0.5f, 1f / 6f);
                }
            }

            StateVariableFilter.ProcessCascade(ref _metalBand, FilterMode.BandPass, ref _metalHigh, FilterMode.HighPass, scratch);
            SpanKernels.AddRamped(scratch, _levelOut[Metal], _levelStep[Metal], buffer);
        }

        if (_levelOut[Click] > 0f || _levelEnd[Click] > 0f)
        {
            scratch.Clear();
            Oscillators.AddNoise(scratch, ref _noise, 1f);
            var a = _clickCoefficient;
            var b = 1f - a;
            var state = _clickState;
            for (var i = 0; i < n; i++)
            {
                // One-pole high-pass: x minus its one-pole low-pass (a·state + (1 − a)·x, one fused step per sample).
                state = MathF.FusedMultiplyAdd(a, state, b * scratch[i]);
                scratch[i] -= state;
            }

            _clickState = state;
            SpanKernels.AddRamped(scratch, _levelOut[Click], _levelStep[Click], buffer);
        }

        for (var c = 0; c < Components; c++)
        {
            _levelOut[c] += n * _levelStep[c];
        }

        if (s.Drive > 0f)
        {
            SpanKernels.SoftClip(buffer, s.Drive);
        }

        SpanKernels.AddRamped(buffer, _masterOut * _gainLeft, _masterStep * _gainLeft, left);
        SpanKernels.AddRamped(buffer, _masterOut * _gainRight, _masterStep * _gainRight, right);
        _masterOut += n * _masterStep;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Lfsr(Span<float> destination, bool shortMode, float increment)
    {
        var state = _lfsr;
        var phase = _lfsrPhase;
        var value = _lfsrValue;
        var tap = shortMode ? 6 : 1;
        for (var i = 0; i < destination.Length; i++)
        {
            phase += increment;
            while (phase >= 1f)
            {
                phase -= 1f;
                var bit = (state ^ (state >> tap)) & 1u;
                state = (state >> 1) | (bit << 14);
                value = (state & 1u) == 0 ? 1f : -1f;
            }

            destination[i] += value;
        }

        _lfsr = state;
        _lfsrPhase = phase;
        _lfsrValue = value;
    }
}
