using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// One mixer channel (one stem): instrument → inserts → gain (ramped) → equal-power pan → reverb and delay sends
/// (post-fader) added back into the strip's own output, so each strip's output holds everything attributable to it.
/// </summary>
internal sealed class Strip
{
    private readonly InsertChain? _insert;
    private readonly float _panLeft;
    private readonly float _panRight;
    private readonly float _reverbSend;
    private readonly float _delaySend;
    private readonly float[] _dryLeft;
    private readonly float[] _dryRight;
    private readonly float[] _gainCurve;
    private readonly float[] _send;
    private float _gain;
    private float _gainStep;
    private float _gainTarget;
    private int _gainRemaining;

    /// <summary>Creates a strip.</summary>
    public Strip(
        string name, InstrumentDefinition definition, Instrument instrument, float sampleRate, int maxBlock, int lookAhead,
        float gain, float pan, float reverbSend, float delaySend, Reverb? reverb, PingPongDelay? delay)
    {
        Name = name;
        Definition = definition;
        Instrument = instrument;
        _insert = definition.Insert is null ? null : new InsertChain(definition.Insert, sampleRate);
        _gain = gain;
        _gainTarget = gain;
        var angle = (Math.Clamp(pan, -1f, 1f) + 1f) * MathF.PI / 4f;
        // Equal-power pan normalized to unity at the centre; the preset's calibration gain rides along.
        _panLeft = MathF.Cos(angle) * MathF.Sqrt(2f) * definition.Gain;
        _panRight = MathF.Sin(angle) * MathF.Sqrt(2f) * definition.Gain;
        _reverbSend = reverbSend;
        _delaySend = delaySend;
        Reverb = reverb;
        Delay = delay;
        _dryLeft = new float[maxBlock];
        _dryRight = new float[maxBlock];
        _gainCurve = new float[maxBlock];
        _send = new float[maxBlock];
        OutLeft = new float[lookAhead + maxBlock];
        OutRight = new float[lookAhead + maxBlock];
    }

    /// <summary>Gets the stem name.</summary>
    public string Name { get; }

    /// <summary>Gets the instrument definition.</summary>
    public InstrumentDefinition Definition { get; }

    /// <summary>Gets the playing instrument.</summary>
    public Instrument Instrument { get; }

    /// <summary>Gets the strip's reverb, or null without a reverb send.</summary>
    public Reverb? Reverb { get; }

    /// <summary>Gets the strip's delay, or null without a delay send.</summary>
    public PingPongDelay? Delay { get; }

    /// <summary>Gets the strip output (look-ahead pending frames first, then the current block).</summary>
    public float[] OutLeft { get; }

    /// <summary>Gets the right channel of <see cref="OutLeft"/>.</summary>
    public float[] OutRight { get; }

    /// <summary>Clears the dry buffers for a block of <paramref name="frames"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void BeginBlock(int frames)
    {
        _dryLeft.AsSpan(0, frames).Clear();
        if (Instrument.IsStereo)
        {
            _dryRight.AsSpan(0, frames).Clear();
        }
    }

    /// <summary>
    /// Renders the instrument and the gain curve for frames <c>[offset, offset + count)</c> of the block;
    /// <paramref name="gridPhase"/> is the first frame's position on the control-block grid.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RenderSegment(int offset, int count, int gridPhase)
    {
        Instrument.Render(_dryLeft.AsSpan(offset, count), _dryRight.AsSpan(offset, count), gridPhase);
        var curve = _gainCurve.AsSpan(offset, count);
        var i = 0;
        while (i < count && _gainRemaining > 0)
        {
            _gain += _gainStep;
            if (--_gainRemaining == 0)
            {
                _gain = _gainTarget;
            }

            curve[i++] = _gain;
        }

        curve[i..].Fill(_gain);
    }

    /// <summary>Starts a linear gain ramp to <paramref name="gain"/> over <paramref name="frames"/> frames (0 = jump).</summary>
    public void SetGain(float gain, int frames)
    {
        _gainTarget = gain;
        if (frames <= 0)
        {
            _gain = gain;
            _gainRemaining = 0;
            return;
        }

        _gainStep = (gain - _gain) / frames;
        _gainRemaining = frames;
    }

    /// <summary>
    /// Finishes a block: inserts, gain, pan and effects, writing the strip output at
    /// <paramref name="writeIndex"/> of <see cref="OutLeft"/>/<see cref="OutRight"/>. With non-empty
    /// <paramref name="reverbBus"/>/<paramref name="delayBus"/> the sends are added there (shared effects, mix only)
    /// instead of going through the strip's own reverb and delay.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void EndBlock(int frames, int writeIndex, Span<float> reverbBus, Span<float> delayBus)
    {
        var dryLeft = _dryLeft.AsSpan(0, frames);
        var dryRight = Instrument.IsStereo ? _dryRight.AsSpan(0, frames) : dryLeft;
        if (_insert is not null)
        {
            _insert.Process(dryLeft, 0);
            if (Instrument.IsStereo)
            {
                _insert.Process(dryRight, 1);
            }
        }

        var curve = _gainCurve.AsSpan(0, frames);
        var left = OutLeft.AsSpan(writeIndex, frames);
        var right = OutRight.AsSpan(writeIndex, frames);
        var hasEffects = Reverb is not null || Delay is not null;
        var send = hasEffects ? _send.AsSpan(0, frames) : default;

        // Post-fader, post-pan mono send.
        SpanKernels.GainPan(dryLeft, dryRight, curve, _panLeft, _panRight, left, right, send);
        if (Reverb is not null)
        {
            if (reverbBus.IsEmpty)
            {
                Reverb.Process(send, _reverbSend, left, right);
            }
            else
            {
                SpanKernels.AddScaled(send, _reverbSend, reverbBus);
            }
        }

        if (Delay is not null)
        {
            if (delayBus.IsEmpty)
            {
                Delay.Process(send, _delaySend, left, right);
            }
            else
            {
                SpanKernels.AddScaled(send, _delaySend, delayBus);
            }
        }
    }
}
