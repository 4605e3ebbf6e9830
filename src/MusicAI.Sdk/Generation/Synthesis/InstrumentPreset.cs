namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// A melodic instrument: oscillators and/or an FM source → optional drive → filter → amplitude envelope, with
/// LFOs, a pitch envelope, polyphony or mono/legato behaviour. Data only; <see cref="SynthVoice"/> plays it.
/// </summary>
internal sealed record InstrumentPreset : InstrumentDefinition
{
    /// <summary>Gets the number of voices that may sound at once (1 for mono presets).</summary>
    public int Polyphony { get; init; } = 8;

    /// <summary>Gets a value indicating whether the preset is monophonic (last-note priority with a held-note stack).</summary>
    public bool Mono { get; init; }

    /// <summary>Gets a value indicating whether, in mono mode, overlapping notes change pitch without retriggering.</summary>
    public bool Legato { get; init; }

    /// <summary>Gets the portamento time constant in seconds (mono presets; 0 = jump).</summary>
    public float Glide { get; init; }

    /// <summary>Gets the oscillators.</summary>
    public IReadOnlyList<OscillatorSpec> Oscillators { get; init; } = [];

    /// <summary>Gets the FM source, or null.</summary>
    public FmSpec? Fm { get; init; }

    /// <summary>Gets the soft-clip gain applied before the filter (0 = off).</summary>
    public float Drive { get; init; }

    /// <summary>Gets the filter.</summary>
    public FilterSpec Filter { get; init; } = FilterSpec.None;

    /// <summary>Gets the amplitude envelope.</summary>
    public EnvelopeSpec AmpEnvelope { get; init; } = EnvelopeSpec.Gate;

    /// <summary>Gets the filter envelope.</summary>
    public EnvelopeSpec FilterEnvelope { get; init; } = EnvelopeSpec.Gate;

    /// <summary>Gets LFO 1 (vibrato), or null.</summary>
    public LfoSpec? Lfo1 { get; init; }

    /// <summary>Gets LFO 2 (tremolo, filter, wavetable), or null.</summary>
    public LfoSpec? Lfo2 { get; init; }

    /// <summary>Gets the pitch-envelope start offset in semitones (decays to 0).</summary>
    public float PitchEnvelopeSemitones { get; init; }

    /// <summary>Gets the pitch-envelope time constant in seconds.</summary>
    public float PitchEnvelopeSeconds { get; init; } = 0.05f;

    /// <summary>Gets how much velocity scales amplitude: gain = 1 − s + s·velocity².</summary>
    public float VelocityToAmplitude { get; init; } = 0.7f;

    /// <summary>Gets a value indicating whether the voices are stereo (some oscillator spreads its unison).</summary>
    public bool IsStereo => Oscillators.Any(o => o.Stereo && o.Unison > 1);
}
