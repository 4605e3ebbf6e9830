using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// A fixed pool of <see cref="SynthVoice"/>s playing one <see cref="InstrumentPreset"/>, polyphonic or mono/legato.
/// </summary>
/// <remarks>
/// <para><b>Polyphonic.</b> A repeated pitch retriggers its own voice (from the current level). Otherwise a free
/// voice is used; when <see cref="InstrumentPreset.Polyphony"/> voices already sound, the quietest released voice —
/// or, if every voice is held, the oldest — is stolen: it fades out over <see cref="StealFadeSeconds"/> in one of the
/// spare voices the pool keeps for that purpose, while the new note starts at once in another.</para>
/// <para><b>Mono.</b> One voice and a held-note stack (last-note priority). With <see cref="InstrumentPreset.Legato"/>,
/// a note played while another is held changes pitch (gliding if the preset has a glide) without retriggering
/// envelopes; releasing it returns to the previous held note. Without legato every note retriggers the envelopes
/// from their current level.</para>
/// </remarks>
internal sealed class PolyInstrument : Instrument
{
    /// <summary>Fade time of a stolen voice.</summary>
    public const float StealFadeSeconds = 0.004f;

    private const int HeldCapacity = 16;

    private readonly InstrumentPreset _preset;
    private readonly SynthVoice[] _voices;
    private readonly int _polyphony;
    private readonly int _fadeSamples;
    private readonly bool _isStereo;
    private readonly int[] _held = new int[HeldCapacity];
    private int _heldCount;
    private long _order;

    /// <summary>Creates the pool; <paramref name="seed"/> seeds the voices' noise generators.</summary>
    public PolyInstrument(InstrumentPreset preset, float sampleRate, int seed)
    {
        _preset = preset;
        _polyphony = preset.Mono ? 1 : Math.Max(1, preset.Polyphony);
        var spare = preset.Mono ? 0 : Math.Max(2, (_polyphony / 2) + 1);
        _voices = new SynthVoice[_polyphony + spare];
        for (var v = 0; v < _voices.Length; v++)
        {
            _voices[v] = new SynthVoice(preset, sampleRate, Oscillators.NoiseSeed(seed, v));
        }

        _fadeSamples = Math.Max(1, (int)(StealFadeSeconds * sampleRate));
        _isStereo = preset.IsStereo;
    }

    /// <inheritdoc />
    public override bool IsStereo => _isStereo;

    /// <inheritdoc />
    public override int ActiveVoices
    {
        get
        {
            var count = 0;
            foreach (var voice in _voices)
            {
                if (voice.IsActive)
                {
                    count++;
                }
            }

            return count;
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void NoteOn(int pitch, float velocity)
    {
        if (_preset.Mono)
        {
            MonoNoteOn(pitch, velocity);
            return;
        }

        SynthVoice? free = null;
        SynthVoice? same = null;
        var sounding = 0;
        foreach (var voice in _voices)
        {
            if (!voice.IsActive)
            {
                free ??= voice;
            }
            else if (!voice.IsFading)
            {
                sounding++;
                if (voice.Pitch == pitch)
                {
                    same = voice;
                }
            }
        }

        if (same is not null)
        {
            same.Start(pitch, velocity, ++_order);
            return;
        }

        if (sounding >= _polyphony)
        {
            Victim().Fade(_fadeSamples);
            free = null;
            foreach (var voice in _voices)
            {
                if (!voice.IsActive)
                {
                    free = voice;
                    break;
                }
            }
        }

        if (free is null)
        {
            // Every spare voice is still fading: cut the quietest fading one (it is already well down).
            SynthVoice? quietest = null;
            foreach (var voice in _voices)
            {
                if (voice.IsFading && (quietest is null || voice.Level < quietest.Level))
                {
                    quietest = voice;
                }
            }

            free = quietest ?? _voices[0];
            free.Kill();
        }

        free.Start(pitch, velocity, ++_order);
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void NoteOff(int pitch)
    {
        if (_preset.Mono)
        {
            MonoNoteOff(pitch);
            return;
        }

        foreach (var voice in _voices)
        {
            if (voice.IsActive && voice.Gate && voice.Pitch == pitch)
            {
                voice.Release();
            }
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void AllNotesOff()
    {
        _heldCount = 0;
        foreach (var voice in _voices)
        {
            if (voice.IsActive && voice.Gate)
            {
                voice.Release();
            }
        }
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Render(Span<float> left, Span<float> right, int gridPhase)
    {
        foreach (var voice in _voices)
        {
            if (voice.IsActive)
            {
                voice.Render(left, right, gridPhase);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private SynthVoice Victim()
    {
        SynthVoice? quietestReleased = null;
        SynthVoice? oldestHeld = null;
        foreach (var voice in _voices)
        {
            if (!voice.IsActive || voice.IsFading)
            {
                continue;
            }

            if (!voice.Gate)
            {
                if (quietestReleased is null || voice.Level < quietestReleased.Level)
                {
                    quietestReleased = voice;
                }
            }
            else if (oldestHeld is null || voice.Order < oldestHeld.Order)
            {
                oldestHeld = voice;
            }
        }

        return quietestReleased ?? oldestHeld!;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MonoNoteOn(int pitch, float velocity)
    {
        RemoveHeld(pitch);
        if (_heldCount == HeldCapacity)
        {
            Array.Copy(_held, 1, _held, 0, HeldCapacity - 1);
            _heldCount--;
        }

        var wasHeld = _heldCount > 0;
        _held[_heldCount++] = pitch;
        var voice = _voices[0];
        if (_preset.Legato && wasHeld && voice.IsActive && voice.Gate)
        {
            voice.Legato(pitch);
        }
        else
        {
            voice.Start(pitch, velocity, ++_order);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MonoNoteOff(int pitch)
    {
        var wasTop = _heldCount > 0 && _held[_heldCount - 1] == pitch;
        RemoveHeld(pitch);
        var voice = _voices[0];
        if (!wasTop || !voice.IsActive || !voice.Gate)
        {
            return;
        }

        if (_heldCount > 0)
        {
            voice.Legato(_held[_heldCount - 1]);
        }
        else
        {
            voice.Release();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RemoveHeld(int pitch)
    {
        for (var i = 0; i < _heldCount; i++)
        {
            if (_held[i] == pitch)
            {
                Array.Copy(_held, i + 1, _held, i, _heldCount - i - 1);
                _heldCount--;
                return;
            }
        }
    }
}
