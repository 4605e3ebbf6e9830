using MusicAI.Sdk.Generation.Synthesis;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>
/// A small, exact synthesizer for testing the sequencer against the <see cref="ISynthesizer"/> contract: sine tones
/// (with a second harmonic) for melodic strips, decaying noise bursts for drum-kit strips, linear strip-gain ramps,
/// no effects, mix = sum of strips. Records every event it is given (up to a fixed capacity, allocation-free).
/// </summary>
internal sealed class TestSynthesizer : ISynthesizer
{
    private const int MaxVoices = 96;
    private const int MaxEvents = 1 << 16;

    private readonly List<Strip> _strips = [];
    private readonly Voice[] _voices = new Voice[MaxVoices];
    private readonly Pending[] _pending = new Pending[4096];
    private int _pendingCount;
    private long _order;

    /// <summary>The look-ahead the tests run with: like the real synthesizer's limiter, events must arrive this early.</summary>
    public const int DefaultLookAhead = 64;

    private readonly float _amplitude;
    private bool _started;

    public TestSynthesizer(int sampleRate, float amplitude = 0.15f, int lookAheadFrames = DefaultLookAhead)
    {
        SampleRate = sampleRate;
        _amplitude = amplitude;
        LookAheadFrames = lookAheadFrames;
    }

    public int LookAheadFrames { get; }

    public float ReverbSeconds { get; private set; }

    public float DelayBeats { get; private set; }

    public void SetReverb(float decaySeconds, float damping) => ReverbSeconds = decaySeconds;

    public void SetDelay(float beats, float feedback) => DelayBeats = beats;

    public int SampleRate { get; }

    public int StripCount => _strips.Count;

    public long Position { get; private set; }

    public RecordedEvent[] Events { get; } = new RecordedEvent[MaxEvents];

    public int EventCount { get; private set; }

    public List<(string Name, string Instrument)> StripInfo { get; } = [];

    public int AddStrip(string name, string instrument, float gain = 1, float pan = 0, float reverbSend = 0.15f, float delaySend = 0)
    {
        _strips.Add(new Strip { Gain = gain, Target = gain, Pan = pan, IsDrums = instrument.StartsWith("kit", StringComparison.Ordinal) });
        StripInfo.Add((name, instrument));
        return _strips.Count - 1;
    }

    public void SetTempo(double bpm, long atFrame) => Schedule(new Pending { Kind = EventKind.Tempo, Frame = atFrame, Value = (float)bpm });

    public void NoteOn(int strip, int pitch, float velocity, long atFrame) =>
        Schedule(new Pending { Kind = EventKind.NoteOn, Strip = strip, Pitch = pitch, Value = velocity, Frame = atFrame });

    public void NoteOff(int strip, int pitch, long atFrame) =>
        Schedule(new Pending { Kind = EventKind.NoteOff, Strip = strip, Pitch = pitch, Frame = atFrame });

    public void AllNotesOff(int strip, long atFrame) =>
        Schedule(new Pending { Kind = EventKind.AllNotesOff, Strip = strip, Frame = atFrame });

    public void SetStripGain(int strip, float gain, long atFrame, int rampFrames) =>
        Schedule(new Pending { Kind = EventKind.Gain, Strip = strip, Value = gain, Frame = atFrame, Ramp = rampFrames });

    public void Render(Span<float> mixInterleavedStereo, Span<float> stemsPlanar)
    {
        var frames = mixInterleavedStereo.Length / 2;
        var strips = _strips.Count;
        if (!stemsPlanar.IsEmpty && stemsPlanar.Length != strips * 2 * frames)
        {
            throw new ArgumentException("stems length");
        }

        _started = true;
        mixInterleavedStereo.Clear();
        stemsPlanar.Clear();
        for (var f = 0; f < frames; f++)
        {
            var frame = Position + f;
            while (_pendingCount > 0 && _pending[0].Frame <= frame)
            {
                if (_pending[0].Frame < frame)
                {
                    throw new InvalidOperationException($"An event at frame {_pending[0].Frame} was scheduled before the render position {frame}.");
                }

                Apply(_pending[0]);
                Array.Copy(_pending, 1, _pending, 0, --_pendingCount);
            }

            for (var s = 0; s < strips; s++)
            {
                var strip = _strips[s];
                if (strip.RampLeft > 0)
                {
                    strip.Gain += (strip.Target - strip.Gain) / strip.RampLeft;
                    strip.RampLeft--;
                }
                else
                {
                    strip.Gain = strip.Target;
                }

                _strips[s] = strip;
            }

            for (var v = 0; v < MaxVoices; v++)
            {
                ref var voice = ref _voices[v];
                if (!voice.Active)
                {
                    continue;
                }

                var strip = _strips[voice.Strip];
                float sample;
                if (strip.IsDrums)
                {
                    voice.Noise = (voice.Noise * 1664525u) + 1013904223u;
                    sample = (((voice.Noise >> 9) / 8388608f) - 1f) * voice.Amplitude;
                    voice.Amplitude *= voice.Decay;
                    if (voice.Amplitude < 1e-4f)
                    {
                        voice.Active = false;
                    }
                }
                else
                {
                    var env = voice.Attack < 1f ? voice.Attack : 1f;
                    voice.Attack += 1f / (0.005f * SampleRate);
                    if (voice.Releasing)
                    {
                        voice.Release -= 1f / (0.05f * SampleRate);
                        if (voice.Release <= 0)
                        {
                            voice.Active = false;
                            continue;
                        }

                        env *= voice.Release;
                    }

                    sample = voice.Amplitude * env * (MathF.Sin(voice.Phase) + (0.3f * MathF.Sin(2 * voice.Phase)));
                    voice.Phase += voice.Increment;
                    if (voice.Phase > MathF.PI * 2)
                    {
                        voice.Phase -= MathF.PI * 2;
                    }
                }

                var left = sample * strip.Gain * (1f - Math.Max(0, strip.Pan));
                var right = sample * strip.Gain * (1f + Math.Min(0, strip.Pan));
                mixInterleavedStereo[2 * f] += left;
                mixInterleavedStereo[(2 * f) + 1] += right;
                if (!stemsPlanar.IsEmpty)
                {
                    stemsPlanar[(voice.Strip * 2 * frames) + f] += left;
                    stemsPlanar[(((voice.Strip * 2) + 1) * frames) + f] += right;
                }
            }
        }

        Position += frames;
    }

    private void Schedule(Pending pending)
    {
        if (pending.Frame < Position || (_started && pending.Frame < Position + LookAheadFrames))
        {
            throw new InvalidOperationException($"Event at frame {pending.Frame} arrives inside the look-ahead of render position {Position}.");
        }

        pending.Order = _order++;
        if (EventCount < MaxEvents)
        {
            Events[EventCount++] = new RecordedEvent(pending.Kind, pending.Strip, pending.Pitch, pending.Frame, pending.Value, pending.Ramp);
        }

        // Insert keeping (frame, order) sorted: events at one frame apply in scheduling order.
        var i = _pendingCount;
        while (i > 0 && _pending[i - 1].Frame > pending.Frame)
        {
            i--;
        }

        Array.Copy(_pending, i, _pending, i + 1, _pendingCount - i);
        _pending[i] = pending;
        _pendingCount++;
    }

    private void Apply(in Pending e)
    {
        switch (e.Kind)
        {
            case EventKind.NoteOn:
                for (var v = 0; v < MaxVoices; v++)
                {
                    if (!_voices[v].Active)
                    {
                        _voices[v] = new Voice
                        {
                            Active = true,
                            Strip = e.Strip,
                            Pitch = e.Pitch,
                            Amplitude = _amplitude * e.Value,
                            Increment = 2 * MathF.PI * 440f * MathF.Pow(2, (e.Pitch - 69) / 12f) / SampleRate,
                            Noise = (uint)(e.Pitch * 7919 + e.Frame),
                            Decay = MathF.Exp(-1f / (0.06f * SampleRate)),
                            Release = 1f,
                        };
                        break;
                    }
                }

                break;
            case EventKind.NoteOff:
                for (var v = 0; v < MaxVoices; v++)
                {
                    if (_voices[v].Active && !_voices[v].Releasing && _voices[v].Strip == e.Strip && _voices[v].Pitch == e.Pitch)
                    {
                        _voices[v].Releasing = true;
                    }
                }

                break;
            case EventKind.AllNotesOff:
                for (var v = 0; v < MaxVoices; v++)
                {
                    if (_voices[v].Active && _voices[v].Strip == e.Strip)
                    {
                        _voices[v].Releasing = true;
                    }
                }

                break;
            case EventKind.Gain:
                var strip = _strips[e.Strip];
                strip.Target = e.Value;
                strip.RampLeft = e.Ramp;
                if (e.Ramp == 0)
                {
                    strip.Gain = e.Value;
                }

                _strips[e.Strip] = strip;
                break;
        }
    }

    public enum EventKind
    {
        NoteOn,
        NoteOff,
        AllNotesOff,
        Gain,
        Tempo,
    }

    public readonly record struct RecordedEvent(EventKind Kind, int Strip, int Pitch, long Frame, float Value, int Ramp);

    private struct Pending
    {
        public EventKind Kind;
        public int Strip;
        public int Pitch;
        public long Frame;
        public float Value;
        public int Ramp;
        public long Order;
    }

    private struct Strip
    {
        public float Gain;
        public float Target;
        public int RampLeft;
        public float Pan;
        public bool IsDrums;
    }

    private struct Voice
    {
        public bool Active;
        public bool Releasing;
        public int Strip;
        public int Pitch;
        public float Amplitude;
        public float Phase;
        public float Increment;
        public float Attack;
        public float Release;
        public uint Noise;
        public float Decay;
    }
}
