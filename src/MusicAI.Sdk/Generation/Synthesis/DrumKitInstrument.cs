using System.Runtime.CompilerServices;

namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// A synthesized drum kit: a pool of one-shot <see cref="DrumVoice"/>s; the note pitch selects the sound through the
/// kit's General MIDI map. Note-offs are ignored (one-shots). A hit in a choke group (the hi-hats) fades sounding
/// hits of that group over <see cref="ChokeFadeSeconds"/>.
/// </summary>
internal sealed class DrumKitInstrument : Instrument
{
    /// <summary>Choke fade time.</summary>
    public const float ChokeFadeSeconds = 0.006f;

    private const int VoiceCount = 24;

    private readonly DrumKitPreset _kit;
    private readonly DrumVoice[] _voices = new DrumVoice[VoiceCount];
    private readonly int _chokeSamples;

    /// <summary>Creates the kit; <paramref name="seed"/> seeds the voices' noise.</summary>
    public DrumKitInstrument(DrumKitPreset kit, float sampleRate, int seed)
    {
        _kit = kit;
        for (var v = 0; v < VoiceCount; v++)
        {
            _voices[v] = new DrumVoice(sampleRate, Oscillators.NoiseSeed(seed, v + 1000));
        }

        _chokeSamples = Math.Max(1, (int)(ChokeFadeSeconds * sampleRate));
    }

    /// <inheritdoc />
    public override bool IsStereo => true;

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
        var sound = (uint)pitch < (uint)_kit.Sounds.Count ? _kit.Sounds[pitch] : null;
        if (sound is null)
        {
            return;
        }

        if (sound.ChokeGroup != 0)
        {
            foreach (var voice in _voices)
            {
                if (voice.IsActive && voice.ChokeGroup == sound.ChokeGroup)
                {
                    voice.Fade(_chokeSamples);
                }
            }
        }

        DrumVoice? free = null;
        DrumVoice? quietest = null;
        foreach (var voice in _voices)
        {
            if (!voice.IsActive)
            {
                free = voice;
                break;
            }

            if (quietest is null || voice.Level < quietest.Level)
            {
                quietest = voice;
            }
        }

        // With 24 voices the quietest sounding hit is far down its decay when it has to be reused.
        free ??= quietest!;
        free.Start(sound, velocity);
    }

    /// <inheritdoc />
    public override void NoteOff(int pitch)
    {
    }

    /// <inheritdoc />
    public override void AllNotesOff()
    {
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
}
