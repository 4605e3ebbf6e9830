using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// The pure C# synthesizer behind the procedural <c>SongGenerator</c>: strips of catalog instruments
/// (<see cref="InstrumentCatalog"/>), per-strip inserts, reverb and tempo-synced delay, and a look-ahead master limiter
/// whose single gain curve is applied to the mix and to every stem. Not thread-safe: one thread schedules and renders.
/// </summary>
/// <remarks>
/// <para><b>Latency and sample accuracy.</b> The limiter looks <see cref="LookAheadFrames"/> frames ahead, so the
/// synthesizer renders its sources that far ahead of <see cref="Position"/> (output timing is unaffected: a note at
/// frame F sounds from output frame F). An event is therefore sample-accurate when it is scheduled before the
/// synthesizer has rendered its frame — always true for events scheduled before the first <see cref="Render"/> or at
/// least <see cref="LookAheadFrames"/> frames after <see cref="Position"/>; an event that arrives later than that (but
/// not before <see cref="Position"/>) is applied at the first frame not yet synthesized, at most
/// <see cref="LookAheadFrames"/> frames (1.7 ms at 48 kHz) late.</para>
/// <para><b>Allocation.</b> Buffers, voices, effects and the event queue are allocated in the constructor and in
/// <see cref="AddStrip(string, string, float, float, float, float)"/>; scheduling and rendering allocate nothing while fewer than the constructor's
/// <c>eventCapacity</c> events are pending (beyond that the queue grows once).</para>
/// <para><b>Shared effects.</b> Reverb and delay are linear and every strip's instance has the same settings, so
/// when the first <see cref="Render"/> call asks for no stems, the strips' sends are summed into one reverb and one
/// delay (the mix is the same up to float rounding, at a fraction of the cost); with stems each strip runs its own, so
/// that its stem holds its own reverb and echoes. A synthesizer keeps the mode its first <see cref="Render"/> chose.</para>
/// <para><b>Determinism.</b> Noise is seeded from the constructor's seed and the strip and voice indices; the same
/// seed and events give bit-identical output on the same machine and runtime.</para>
/// </remarks>
internal sealed class Synthesizer : ISynthesizer
{
    /// <summary>Largest number of frames processed in one internal block.</summary>
    public const int MaxBlock = 256;

    /// <summary>The limiter ceiling: −1 dBFS.</summary>
    public const float Ceiling = 0.8912509f;

    private const float MaxDelaySeconds = 2f;

    private readonly int _seed;
    private readonly EventQueue _queue;
    private readonly Limiter _limiter;
    private readonly int _lookAhead;
    private readonly float[] _mixLeft;
    private readonly float[] _mixRight;
    private readonly float[] _gains = new float[MaxBlock];
    private readonly float[] _reverbBus = new float[MaxBlock];
    private readonly float[] _delayBus = new float[MaxBlock];
    private Reverb? _sharedReverb;
    private PingPongDelay? _sharedDelay;
    private bool _sharedEffects;
    private Strip[] _strips = [];
    private long _synthesized;
    private bool _started;
    private double _tempo = 120.0;
    private float _delayBeats = 0.75f;
    private float _delayFeedback = 0.35f;
    private float _reverbSeconds = 2.2f;
    private float _reverbDamping = 0.45f;

    /// <summary>Creates a synthesizer.</summary>
    /// <param name="sampleRate">Output sample rate in Hz (8 000 to 192 000).</param>
    /// <param name="eventCapacity">Pending events the queue holds before it has to grow.</param>
    /// <param name="seed">Seed of every noise source.</param>
    /// <param name="lookAheadSeconds">Limiter look-ahead (attack ramp), 0.5 to 5 ms.</param>
    public Synthesizer(int sampleRate = 48000, int eventCapacity = 8192, int seed = 0, float lookAheadSeconds = 0.0015f)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sampleRate, 192000);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(eventCapacity);
        SampleRate = sampleRate;
        _seed = seed;
        _queue = new EventQueue(eventCapacity);
        var lookAhead = (int)MathF.Round(Math.Clamp(lookAheadSeconds, 0.0005f, 0.005f) * sampleRate);
        _limiter = new Limiter(lookAhead, Ceiling, releaseSeconds: 0.12f, sampleRate, MaxBlock);
        _lookAhead = _limiter.Latency;
        _mixLeft = new float[_lookAhead + MaxBlock];
        _mixRight = new float[_lookAhead + MaxBlock];
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int StripCount => _strips.Length;

    /// <inheritdoc />
    public long Position { get; private set; }

    /// <inheritdoc />
    public int LookAheadFrames => _lookAhead;

    /// <inheritdoc />
    public int AddStrip(string name, string instrument, float gain = 1f, float pan = 0f, float reverbSend = 0.15f, float delaySend = 0f)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (!InstrumentCatalog.TryGet(instrument, out var definition))
        {
            throw new ArgumentException(
                $"Unknown instrument '{instrument}'. Use one of: {string.Join(", ", InstrumentCatalog.Names)}.", nameof(instrument));
        }

        return AddStrip(name, definition, gain, pan, reverbSend, delaySend);
    }

    /// <summary>Adds a strip playing a custom <paramref name="definition"/> (tests and experiments).</summary>
    internal int AddStrip(string name, InstrumentDefinition definition, float gain = 1f, float pan = 0f, float reverbSend = 0.15f, float delaySend = 0f)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(definition);
        if (_started)
        {
            throw new InvalidOperationException("Add every strip before the first Render call.");
        }

        if (!float.IsFinite(gain) || gain < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "Gain must be a finite value of 0 or more.");
        }

        if (!float.IsFinite(pan) || pan < -1f || pan > 1f)
        {
            throw new ArgumentOutOfRangeException(nameof(pan), pan, "Pan must lie between -1 (left) and 1 (right).");
        }

        ThrowIfNotUnit(reverbSend, nameof(reverbSend));
        ThrowIfNotUnit(delaySend, nameof(delaySend));

        var index = _strips.Length;
        var seed = unchecked((_seed * 7919) + (index * 104729));
        Instrument instrument = definition switch
        {
            DrumKitPreset kit => new DrumKitInstrument(kit, SampleRate, seed),
            InstrumentPreset preset => new PolyInstrument(preset, SampleRate, seed),
            _ => throw new ArgumentException($"Unsupported instrument definition '{definition.GetType().Name}'.", nameof(definition)),
        };

        var reverb = reverbSend > 0f ? new Reverb(SampleRate, _reverbSeconds, _reverbDamping, MaxBlock) : null;
        var delay = delaySend > 0f ? CreateDelay() : null;
        if (reverb is not null)
        {
            _sharedReverb ??= new Reverb(SampleRate, _reverbSeconds, _reverbDamping, MaxBlock);
        }

        if (delay is not null)
        {
            _sharedDelay ??= CreateDelay();
        }

        var strip = new Strip(name, definition, instrument, SampleRate, MaxBlock, _lookAhead, gain, pan, reverbSend, delaySend, reverb, delay);
        var strips = new Strip[index + 1];
        _strips.CopyTo(strips, 0);
        strips[index] = strip;
        _strips = strips;
        return index;
    }

    /// <summary>Returns the number of sounding voices on a strip (diagnostics and tests).</summary>
    internal int ActiveVoices(int strip)
    {
        ThrowIfBadStrip(strip);
        return _strips[strip].Instrument.ActiveVoices;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetTempo(double bpm, long atFrame)
    {
        if (!double.IsFinite(bpm) || bpm <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bpm), bpm, "Tempo must be a positive number of beats per minute.");
        }

        ThrowIfPast(atFrame);
        _queue.Push(atFrame, SynthEventKind.Tempo, 0, 0, bpm);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NoteOn(int strip, int pitch, float velocity, long atFrame)
    {
        ThrowIfBadStrip(strip);
        ThrowIfBadPitch(pitch);
        if (!float.IsFinite(velocity))
        {
            throw new ArgumentOutOfRangeException(nameof(velocity), velocity, "Velocity must be a finite value from 0 to 1.");
        }

        ThrowIfPast(atFrame);
        _queue.Push(atFrame, velocity > 0f ? SynthEventKind.NoteOn : SynthEventKind.NoteOff, strip, pitch, Math.Min(velocity, 1f));
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void NoteOff(int strip, int pitch, long atFrame)
    {
        ThrowIfBadStrip(strip);
        ThrowIfBadPitch(pitch);
        ThrowIfPast(atFrame);
        _queue.Push(atFrame, SynthEventKind.NoteOff, strip, pitch, 0);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void AllNotesOff(int strip, long atFrame)
    {
        ThrowIfBadStrip(strip);
        ThrowIfPast(atFrame);
        _queue.Push(atFrame, SynthEventKind.AllNotesOff, strip, 0, 0);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void SetStripGain(int strip, float gain, long atFrame, int rampFrames)
    {
        ThrowIfBadStrip(strip);
        if (!float.IsFinite(gain) || gain < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(gain), gain, "Gain must be a finite value of 0 or more.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(rampFrames);
        ThrowIfPast(atFrame);
        _queue.Push(atFrame, SynthEventKind.StripGain, strip, rampFrames, gain);
    }

    /// <inheritdoc />
    public void SetReverb(float decaySeconds, float damping)
    {
        if (!float.IsFinite(decaySeconds) || decaySeconds <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(decaySeconds), decaySeconds, "Reverb decay must be a positive number of seconds.");
        }

        ThrowIfNotUnit(damping, nameof(damping));
        _reverbSeconds = decaySeconds;
        _reverbDamping = damping;
        foreach (var strip in _strips)
        {
            strip.Reverb?.SetDecay(decaySeconds, damping);
        }

        _sharedReverb?.SetDecay(decaySeconds, damping);
    }

    /// <inheritdoc />
    public void SetDelay(float beats, float feedback)
    {
        if (!float.IsFinite(beats) || beats <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(beats), beats, "Delay time must be a positive number of beats.");
        }

        if (!float.IsFinite(feedback) || feedback < 0f || feedback > 0.95f)
        {
            throw new ArgumentOutOfRangeException(nameof(feedback), feedback, "Delay feedback must lie between 0 and 0.95.");
        }

        _delayBeats = beats;
        _delayFeedback = feedback;
        var samples = DelaySamples();
        foreach (var strip in _strips)
        {
            strip.Delay?.SetFeedback(feedback, 0.35f);
            strip.Delay?.SetDelay(samples);
        }

        _sharedDelay?.SetFeedback(feedback, 0.35f);
        _sharedDelay?.SetDelay(samples);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Render(Span<float> mixInterleavedStereo, Span<float> stemsPlanar)
    {
        if ((mixInterleavedStereo.Length & 1) != 0)
        {
            throw new ArgumentException("The mix buffer must hold whole stereo frames (an even number of samples).", nameof(mixInterleavedStereo));
        }

        var frames = mixInterleavedStereo.Length / 2;
        if (!stemsPlanar.IsEmpty && stemsPlanar.Length != (long)StripCount * 2 * frames)
        {
            throw new ArgumentException(
                $"The stems buffer must be empty or hold StripCount × 2 × frames = {(long)StripCount * 2 * frames} samples.", nameof(stemsPlanar));
        }

        if (!_started)
        {
            _started = true;
            _sharedEffects = stemsPlanar.IsEmpty;
            Prime();
        }
        else if (_sharedEffects && !stemsPlanar.IsEmpty)
        {
            throw new InvalidOperationException(
                "The first Render call asked for no stems, so the strips share one reverb and delay; ask for stems from the first Render call.");
        }

        var offset = 0;
        while (offset < frames)
        {
            var n = Math.Min(MaxBlock, frames - offset);
            Synthesize(n, _lookAhead);
            _limiter.Process(_mixLeft.AsSpan(_lookAhead, n), _mixRight.AsSpan(_lookAhead, n), _gains.AsSpan(0, n));
            var gains = _gains.AsSpan(0, n);
            Interleave(_mixLeft.AsSpan(0, n), _mixRight.AsSpan(0, n), gains, mixInterleavedStereo.Slice(2 * offset, 2 * n));
            if (!stemsPlanar.IsEmpty)
            {
                for (var s = 0; s < _strips.Length; s++)
                {
                    var strip = _strips[s];
                    SpanKernels.Multiply(strip.OutLeft.AsSpan(0, n), gains, stemsPlanar.Slice((((2 * s) + 0) * frames) + offset, n));
                    SpanKernels.Multiply(strip.OutRight.AsSpan(0, n), gains, stemsPlanar.Slice((((2 * s) + 1) * frames) + offset, n));
                }
            }

            Shift(_mixLeft, n);
            Shift(_mixRight, n);
            foreach (var strip in _strips)
            {
                Shift(strip.OutLeft, n);
                Shift(strip.OutRight, n);
            }

            Position += n;
            offset += n;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Prime()
    {
        var done = 0;
        while (done < _lookAhead)
        {
            var n = Math.Min(MaxBlock, _lookAhead - done);
            Synthesize(n, done);
            _limiter.Process(_mixLeft.AsSpan(done, n), _mixRight.AsSpan(done, n), _gains.AsSpan(0, n));
            done += n;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Synthesize(int frames, int writeIndex)
    {
        var strips = _strips;
        foreach (var strip in strips)
        {
            strip.BeginBlock(frames);
        }

        var cursor = 0;
        while (true)
        {
            while (_queue.Count > 0 && _queue.NextFrame <= _synthesized + cursor && cursor < frames)
            {
                Apply(_queue.Pop());
            }

            if (cursor >= frames)
            {
                break;
            }

            var next = _queue.NextFrame - _synthesized;
            var end = next < frames ? (int)next : frames;

            // The control-block grid starts after the priming frames, so it lines up with the MaxBlock blocks.
            var gridPhase = (int)((_synthesized + cursor - _lookAhead) & (SynthVoice.ControlBlock - 1));
            foreach (var strip in strips)
            {
                strip.RenderSegment(cursor, end - cursor, gridPhase);
            }

            cursor = end;
        }

        var mixLeft = _mixLeft.AsSpan(writeIndex, frames);
        var mixRight = _mixRight.AsSpan(writeIndex, frames);
        mixLeft.Clear();
        mixRight.Clear();
        var reverbBus = _sharedEffects && _sharedReverb is not null ? _reverbBus.AsSpan(0, frames) : default;
        var delayBus = _sharedEffects && _sharedDelay is not null ? _delayBus.AsSpan(0, frames) : default;
        reverbBus.Clear();
        delayBus.Clear();
        foreach (var strip in strips)
        {
            strip.EndBlock(frames, writeIndex, reverbBus, delayBus);
            SpanKernels.Add(strip.OutLeft.AsSpan(writeIndex, frames), mixLeft);
            SpanKernels.Add(strip.OutRight.AsSpan(writeIndex, frames), mixRight);
        }

        if (!reverbBus.IsEmpty)
        {
            _sharedReverb!.Process(reverbBus, 1f, mixLeft, mixRight);
        }

        if (!delayBus.IsEmpty)
        {
            _sharedDelay!.Process(delayBus, 1f, mixLeft, mixRight);
        }

        _synthesized += frames;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Apply(in SynthEvent e)
    {
        switch (e.Kind)
        {
            case SynthEventKind.NoteOn:
                _strips[e.Strip].Instrument.NoteOn(e.Pitch, (float)e.Value);
                break;
            case SynthEventKind.NoteOff:
                _strips[e.Strip].Instrument.NoteOff(e.Pitch);
                break;
            case SynthEventKind.AllNotesOff:
                _strips[e.Strip].Instrument.AllNotesOff();
                break;
            case SynthEventKind.StripGain:
                _strips[e.Strip].SetGain((float)e.Value, e.Pitch);
                break;
            case SynthEventKind.Tempo:
                _tempo = e.Value;
                var samples = DelaySamples();
                foreach (var strip in _strips)
                {
                    strip.Delay?.SetDelay(samples);
                }

                _sharedDelay?.SetDelay(samples);

                break;
        }
    }

    private PingPongDelay CreateDelay()
    {
        var delay = new PingPongDelay(SampleRate, MaxDelaySeconds, MaxBlock);
        delay.SetFeedback(_delayFeedback, 0.35f);
        delay.SetDelay(DelaySamples());
        return delay;
    }

    private int DelaySamples() => (int)Math.Round(_delayBeats * 60.0 / _tempo * SampleRate);

    private void Shift(float[] buffer, int frames) => buffer.AsSpan(frames, _lookAhead).CopyTo(buffer);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave(ReadOnlySpan<float> left, ReadOnlySpan<float> right, ReadOnlySpan<float> gains, Span<float> destination)
    {
        for (var i = 0; i < left.Length; i++)
        {
            var g = gains[i];
            destination[2 * i] = left[i] * g;
            destination[(2 * i) + 1] = right[i] * g;
        }
    }

    private void ThrowIfBadStrip(int strip)
    {
        if ((uint)strip >= (uint)_strips.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(strip), strip, $"Strip index must be from 0 to {_strips.Length - 1} (the value AddStrip returned).");
        }
    }

    private static void ThrowIfBadPitch(int pitch)
    {
        if ((uint)pitch > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(pitch), pitch, "Pitch must be a MIDI note number from 0 to 127.");
        }
    }

    private void ThrowIfPast(long atFrame)
    {
        if (atFrame < Position)
        {
            throw new ArgumentOutOfRangeException(
                nameof(atFrame), atFrame, $"Events must not lie before the next frame to render ({Position}); schedule at Position or later.");
        }
    }

    private static void ThrowIfNotUnit(float value, string name)
    {
        if (!float.IsFinite(value) || value < 0f || value > 1f)
        {
            throw new ArgumentOutOfRangeException(name, value, "The value must lie between 0 and 1.");
        }
    }
}
