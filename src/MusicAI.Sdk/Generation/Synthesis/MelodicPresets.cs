namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>The melodic presets of <see cref="InstrumentCatalog"/> (data only).</summary>
internal static class MelodicPresets
{
    private const string Ambient = "ambient";
    private const string Lofi = "lo-fi";
    private const string Synthwave = "synthwave";
    private const string Orchestral = "orchestral";
    private const string Rock = "rock";
    private const string Chiptune = "chiptune";
    private const string Tension = "tension";
    private const string Calm = "calm";

    /// <summary>Builds the presets.</summary>
    public static IEnumerable<InstrumentPreset> Create()
    {
        // ---- basses ----
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.SubBass,
            Description = "Sine sub bass with a little triangle for small speakers; mono legato with a short glide.",
            Styles = [Ambient, Lofi, Synthwave, Tension, Calm],
            Role = InstrumentRole.Bass,
            Mono = true,
            Legato = true,
            Glide = 0.015f,
            Oscillators = [new() { Waveform = Waveform.Sine }, new() { Waveform = Waveform.Triangle, Level = 0.18f }],
            AmpEnvelope = new(0.004f, 0.2f, 1f, 0.08f),
            VelocityToAmplitude = 0.4f,
            Gain = 0.43f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.SawBass,
            Description = "Two detuned saws and a sub square through a resonant 24 dB low-pass with a snappy filter envelope; mono.",
            Styles = [Synthwave, Tension, Rock],
            Role = InstrumentRole.Bass,
            Mono = true,
            Oscillators =
            [
                new() { Waveform = Waveform.Saw, Unison = 2, DetuneCents = 12f },
                new() { Waveform = Waveform.Pulse, Semitones = -12f, Level = 0.45f },
            ],
            Filter = new() { Poles = 4, Cutoff = 170f, Q = 1.1f, EnvelopeOctaves = 3.6f, KeyTracking = 0.5f, VelocityOctaves = 1f },
            FilterEnvelope = new(0.001f, 0.35f, 0.15f, 0.1f),
            AmpEnvelope = new(0.002f, 0.4f, 0.8f, 0.07f),
            Gain = 0.75f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.FmBass,
            Description = "Two-operator FM bass: feedback modulator with a fast-decaying index (bright attack, round tail); mono.",
            Styles = [Synthwave, Tension, Lofi],
            Role = InstrumentRole.Bass,
            Mono = true,
            Fm = new(FmAlgorithm.Stack2,
            [
                new(1f, 1f, new(0.001f, 1.2f, 0.7f, 0.08f)),
                new(1f, 2.6f, new(0.001f, 0.3f, 0.25f, 0.1f), VelocitySensitivity: 0.6f, Feedback: 0.18f),
            ]),
            AmpEnvelope = new(0.002f, 0.2f, 1f, 0.07f),
            Gain = 0.64f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.ChipTriangleBass,
            Description = "Band-limited triangle bass in the game-console style (flat velocity, instant gate); mono.",
            Styles = [Chiptune],
            Role = InstrumentRole.Bass,
            Mono = true,
            Oscillators = [new() { Waveform = Waveform.Triangle }],
            AmpEnvelope = new(0.001f, 0.05f, 1f, 0.025f),
            VelocityToAmplitude = 0f,
            Gain = 0.44f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.PickedBass,
            Description = "Picked electric-bass-ish: saw and square, pick noise, fast filter decay, light drive; mono.",
            Styles = [Rock, Lofi, Calm],
            Role = InstrumentRole.Bass,
            Mono = true,
            Oscillators =
            [
                new() { Waveform = Waveform.Saw, Level = 0.7f },
                new() { Waveform = Waveform.Pulse, Duty = 0.4f, Level = 0.5f },
                new() { Waveform = Waveform.Noise, Level = 0.3f, NoiseBandRatio = 8f, NoiseBandQ = 0.8f, Decay = 0.03f },
            ],
            Drive = 1.4f,
            Filter = new() { Cutoff = 320f, Q = 0.9f, EnvelopeOctaves = 2.6f, KeyTracking = 0.6f, VelocityOctaves = 1f },
            FilterEnvelope = new(0.001f, 0.25f, 0.1f, 0.1f),
            AmpEnvelope = new(0.001f, 2.5f, 0.3f, 0.09f),
            Gain = 1.4f,
        };

        // ---- keys ----
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.ElectricPiano,
            Description = "FM electric piano: a body pair and a tine pair (ratio 14 attack), slow tremolo.",
            Styles = [Lofi, Calm, Ambient, Synthwave],
            Role = InstrumentRole.Keys,
            Polyphony = 10,
            Fm = ElectricPianoFm(),
            AmpEnvelope = new(0.001f, 6f, 0f, 0.35f),
            Lfo2 = new(4.2f, Tremolo: 0.12f),
            Gain = 0.95f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.LofiKeys,
            Description = "The electric piano with tape wobble, saturation, 10-bit/half-rate crunch and a dark tone.",
            Styles = [Lofi, Calm],
            Role = InstrumentRole.Keys,
            Polyphony = 10,
            Fm = ElectricPianoFm(),
            AmpEnvelope = new(0.001f, 6f, 0f, 0.35f),
            Lfo1 = new(0.55f, VibratoCents: 9f),
            Insert = new() { Drive = 1.3f, Bits = 10, Downsample = 2, ToneHz = 3200f },
            Gain = 0.75f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.Organ,
            Description = "Drawbar organ wavetable (16', 8', 5 1/3', 4', 2 2/3', 2', 1'), key click, Leslie-like vibrato and tremolo.",
            Styles = [Rock, Lofi, Calm],
            Role = InstrumentRole.Keys,
            Polyphony = 10,
            Oscillators =
            [
                new() { Waveform = Waveform.Wavetable, Table = WavetableShape.Organ, Ratio = 0.5f },
                new() { Waveform = Waveform.Noise, Level = 0.12f, NoiseBandRatio = 6f, NoiseBandQ = 0.7f, Decay = 0.015f },
            ],
            AmpEnvelope = new(0.004f, 0.05f, 1f, 0.05f),
            Lfo1 = new(6.1f, VibratoCents: 5f),
            Lfo2 = new(5.7f, Tremolo: 0.12f),
            VelocityToAmplitude = 0f,
            Gain = 0.37f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.SoftPiano,
            Description = "Soft piano: struck-string wavetable that darkens as the note decays, hammer noise, slight chorus.",
            Styles = [Calm, Ambient, Orchestral, Lofi],
            Role = InstrumentRole.Keys,
            Polyphony = 12,
            Oscillators =
            [
                new()
                {
                    Waveform = Waveform.Wavetable, Table = WavetableShape.Piano, Unison = 2, DetuneCents = 3f, Stereo = true,
                    TablePosition = 0f, TablePositionEnd = 1f, TableSweepSeconds = 1.2f,
                },
                new() { Waveform = Waveform.Noise, Level = 0.12f, NoiseBandRatio = 4f, NoiseBandQ = 0.8f, Decay = 0.03f },
            ],
            Filter = new() { Cutoff = 2600f, KeyTracking = 0.8f, VelocityOctaves = 1.5f },
            AmpEnvelope = new(0.002f, 4f, 0f, 0.4f),
            VelocityToAmplitude = 0.8f,
            Gain = 1.55f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.Pluck,
            Description = "Filter-enveloped detuned saw pluck for arpeggios.",
            Styles = [Synthwave, Calm, Ambient],
            Role = InstrumentRole.Keys,
            Polyphony = 10,
            Oscillators = [new() { Waveform = Waveform.Saw, Unison = 2, DetuneCents = 10f, Stereo = true }],
            Filter = new() { Cutoff = 280f, Q = 1f, EnvelopeOctaves = 4.5f, KeyTracking = 0.7f, VelocityOctaves = 1.5f },
            FilterEnvelope = new(0.001f, 0.22f, 0f, 0.1f),
            AmpEnvelope = new(0.001f, 0.9f, 0f, 0.18f),
            Gain = 2.25f,
        };
        yield return ChipPulse(InstrumentCatalog.ChipPulse12, 0.125f, "12.5 %", 0.36f);
        yield return ChipPulse(InstrumentCatalog.ChipPulse25, 0.25f, "25 %", 0.27f);
        yield return ChipPulse(InstrumentCatalog.ChipSquare, 0.5f, "50 %", 0.24f);

        // ---- pads ----
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.WarmPad,
            Description = "Warm pad: five detuned saws spread in stereo and a sub triangle, slow attack, slowly breathing low-pass.",
            Styles = [Ambient, Synthwave, Calm, Lofi],
            Role = InstrumentRole.Pad,
            Polyphony = 6,
            Oscillators =
            [
                new() { Waveform = Waveform.Saw, Unison = 5, DetuneCents = 22f, Stereo = true },
                new() { Waveform = Waveform.Triangle, Semitones = -12f, Level = 0.3f },
            ],
            Filter = new() { Cutoff = 800f, Q = 0.8f, KeyTracking = 0.4f, EnvelopeOctaves = 1f, LfoOctaves = 0.35f },
            FilterEnvelope = new(1.2f, 2.5f, 0.5f, 2f),
            AmpEnvelope = new(0.9f, 1.5f, 0.85f, 1.8f),
            Lfo2 = new(0.13f),
            VelocityToAmplitude = 0.4f,
            Gain = 1f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.StringPad,
            Description = "String-ensemble machine pad: four detuned saws in stereo, gentle vibrato, medium attack.",
            Styles = [Synthwave, Ambient, Calm, Orchestral],
            Role = InstrumentRole.Pad,
            Polyphony = 8,
            Oscillators = [new() { Waveform = Waveform.Saw, Unison = 4, DetuneCents = 16f, Stereo = true }],
            Filter = new() { Cutoff = 2000f, KeyTracking = 0.5f },
            AmpEnvelope = new(0.45f, 1f, 0.9f, 1.1f),
            Lfo1 = new(5.3f, VibratoCents: 5f),
            VelocityToAmplitude = 0.4f,
            Gain = 0.72f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.ChoirPad,
            Description = "Choir/airy pad: detuned sines, an octave triangle and breath noise band-passed around the note.",
            Styles = [Ambient, Calm, Orchestral, Tension],
            Role = InstrumentRole.Pad,
            Polyphony = 6,
            Oscillators =
            [
                new() { Waveform = Waveform.Sine, Unison = 3, DetuneCents = 14f, Stereo = true },
                new() { Waveform = Waveform.Triangle, Ratio = 2f, Level = 0.3f },
                new() { Waveform = Waveform.Noise, Level = 0.5f, NoiseBandRatio = 3f, NoiseBandQ = 2.5f },
            ],
            Filter = new() { Cutoff = 1700f, KeyTracking = 0.5f },
            AmpEnvelope = new(1.2f, 1f, 0.9f, 2f),
            Lfo1 = new(4.8f, VibratoCents: 9f, DelaySeconds: 0.6f),
            VelocityToAmplitude = 0.3f,
            Gain = 1.1f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.WavetablePad,
            Description = "Morphing wavetable pad: the position sweeps from soft to bright and drifts with a slow LFO (stereo).",
            Styles = [Ambient, Synthwave, Tension, Calm],
            Role = InstrumentRole.Pad,
            Polyphony = 6,
            Oscillators =
            [
                new()
                {
                    Waveform = Waveform.Wavetable, Table = WavetableShape.Pad, Unison = 2, DetuneCents = 12f, Stereo = true,
                    TablePosition = 0.15f, TablePositionEnd = 0.7f, TableSweepSeconds = 3f, TableLfoDepth = 0.2f,
                },
            ],
            Filter = new() { Cutoff = 2800f, KeyTracking = 0.3f },
            AmpEnvelope = new(0.8f, 2f, 0.8f, 2f),
            Lfo2 = new(0.09f),
            VelocityToAmplitude = 0.4f,
            Gain = 0.71f,
        };

        // ---- leads ----
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.SawLead,
            Description = "Detuned saw lead with delayed vibrato, a touch of resonance and glide; mono legato.",
            Styles = [Synthwave, Rock, Tension],
            Role = InstrumentRole.Lead,
            Mono = true,
            Legato = true,
            Glide = 0.035f,
            Oscillators = [new() { Waveform = Waveform.Saw, Unison = 3, DetuneCents = 14f, Stereo = true }],
            Filter = new() { Cutoff = 2200f, Q = 1.1f, EnvelopeOctaves = 1f, KeyTracking = 0.6f, VelocityOctaves = 0.7f },
            FilterEnvelope = new(0.005f, 0.3f, 0.5f, 0.15f),
            AmpEnvelope = new(0.005f, 0.25f, 0.85f, 0.15f),
            Lfo1 = new(5.6f, VibratoCents: 18f, DelaySeconds: 0.35f),
            Gain = 0.75f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.SquareLead,
            Description = "Square lead with a quiet octave layer, vibrato and glide; mono legato.",
            Styles = [Chiptune, Synthwave, Lofi],
            Role = InstrumentRole.Lead,
            Mono = true,
            Legato = true,
            Glide = 0.03f,
            Oscillators =
            [
                new() { Waveform = Waveform.Pulse, Duty = 0.5f },
                new() { Waveform = Waveform.Pulse, Duty = 0.5f, Semitones = 12.05f, Level = 0.25f },
            ],
            Filter = new() { Cutoff = 3200f, KeyTracking = 0.5f },
            AmpEnvelope = new(0.004f, 0.2f, 0.85f, 0.12f),
            Lfo1 = new(5.5f, VibratoCents: 15f, DelaySeconds: 0.3f),
            Gain = 0.25f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.FmBell,
            Description = "Inharmonic two-operator FM bell (ratio 3.5), bright strike, long ring.",
            Styles = [Ambient, Calm, Orchestral, Chiptune],
            Role = InstrumentRole.Lead,
            Polyphony = 10,
            Fm = new(FmAlgorithm.Stack2,
            [
                new(1f, 1f, new(0.001f, 4f, 0f, 1.5f)),
                new(3.5f, 3f, new(0.001f, 1.6f, 0f, 1.2f), VelocitySensitivity: 0.7f),
            ]),
            AmpEnvelope = new(0.001f, 6f, 0f, 1.5f),
            Gain = 0.72f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.FluteLead,
            Description = "Soft flute-like lead: sine and a little triangle, breath noise at the note, delayed vibrato; mono legato.",
            Styles = [Calm, Ambient, Orchestral],
            Role = InstrumentRole.Lead,
            Mono = true,
            Legato = true,
            Glide = 0.03f,
            Oscillators =
            [
                new() { Waveform = Waveform.Sine },
                new() { Waveform = Waveform.Triangle, Level = 0.25f },
                new() { Waveform = Waveform.Noise, Level = 0.35f, NoiseBandRatio = 1f, NoiseBandQ = 4f },
            ],
            Filter = new() { Cutoff = 3200f, KeyTracking = 0.5f },
            AmpEnvelope = new(0.06f, 0.2f, 0.9f, 0.12f),
            Lfo1 = new(5f, VibratoCents: 14f, DelaySeconds: 0.3f),
            Lfo2 = new(5f, Tremolo: 0.06f),
            Gain = 0.35f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.GuitarLead,
            Description = "Distorted guitar-ish: detuned saws into a hard soft-clipper and a cabinet-like 24 dB low-pass; plays power chords too.",
            Styles = [Rock, Tension],
            Role = InstrumentRole.Lead,
            Polyphony = 6,
            Oscillators =
            [
                new() { Waveform = Waveform.Saw, Unison = 2, DetuneCents = 10f },
                new() { Waveform = Waveform.Pulse, Duty = 0.3f, Semitones = -12f, Level = 0.3f },
            ],
            Drive = 7f,
            Filter = new() { Poles = 4, Cutoff = 3000f, Q = 0.9f },
            AmpEnvelope = new(0.003f, 1.2f, 0.7f, 0.12f),
            Lfo1 = new(5.5f, VibratoCents: 20f, DelaySeconds: 0.45f),
            VelocityToAmplitude = 0.3f,
            Gain = 0.28f,
        };

        // ---- orchestral-ish ----
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.BrassStab,
            Description = "Brass-ish stab: saws with a swelling, velocity-sensitive filter and a pitch scoop.",
            Styles = [Orchestral, Tension, Synthwave, Rock],
            Role = InstrumentRole.Orchestral,
            Polyphony = 8,
            Oscillators =
            [
                new() { Waveform = Waveform.Saw, Unison = 2, DetuneCents = 8f },
                new() { Waveform = Waveform.Saw, Semitones = 12f, Level = 0.2f },
            ],
            Filter = new() { Cutoff = 500f, Q = 1f, EnvelopeOctaves = 2.6f, KeyTracking = 0.5f, VelocityOctaves = 1.2f },
            FilterEnvelope = new(0.045f, 0.4f, 0.4f, 0.15f),
            AmpEnvelope = new(0.02f, 0.45f, 0.7f, 0.15f),
            PitchEnvelopeSemitones = -0.7f,
            PitchEnvelopeSeconds = 0.04f,
            Gain = 0.55f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.Strings,
            Description = "Orchestral-ish strings: slow-attack detuned saws, key-tracked low-pass, delayed vibrato (stereo).",
            Styles = [Orchestral, Tension, Calm],
            Role = InstrumentRole.Orchestral,
            Polyphony = 10,
            Oscillators = [new() { Waveform = Waveform.Saw, Unison = 3, DetuneCents = 9f, Stereo = true }],
            Filter = new() { Cutoff = 1400f, KeyTracking = 0.6f, VelocityOctaves = 1f },
            AmpEnvelope = new(0.28f, 0.6f, 0.9f, 0.6f),
            Lfo1 = new(5.5f, VibratoCents: 9f, DelaySeconds: 0.3f),
            Gain = 0.7f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.Timpani,
            Description = "Timpani-ish: inharmonic membrane partials (1, 1.5, 1.74, 2) with their own decays, mallet noise, pitch drop.",
            Styles = [Orchestral, Tension],
            Role = InstrumentRole.Orchestral,
            Polyphony = 4,
            Oscillators =
            [
                new() { Waveform = Waveform.Sine, Decay = 2.6f },
                new() { Waveform = Waveform.Sine, Ratio = 1.504f, Level = 0.5f, Decay = 1.5f },
                new() { Waveform = Waveform.Sine, Ratio = 1.742f, Level = 0.3f, Decay = 1f },
                new() { Waveform = Waveform.Sine, Ratio = 2f, Level = 0.25f, Decay = 0.8f },
                new() { Waveform = Waveform.Noise, Level = 0.5f, NoiseBandRatio = 5f, NoiseBandQ = 0.7f, Decay = 0.06f },
            ],
            Filter = new() { Cutoff = 2500f },
            AmpEnvelope = new(0.001f, 3f, 0f, 0.8f),
            PitchEnvelopeSemitones = 1f,
            PitchEnvelopeSeconds = 0.08f,
            Gain = 0.56f,
        };
        yield return new InstrumentPreset
        {
            Name = InstrumentCatalog.Boom,
            Description = "Cinematic boom: sub sine dropping an octave into the note, noise burst, saturation; for tension hits.",
            Styles = [Tension, Orchestral],
            Role = InstrumentRole.Orchestral,
            Polyphony = 2,
            Oscillators =
            [
                new() { Waveform = Waveform.Sine },
                new() { Waveform = Waveform.Triangle, Ratio = 2f, Level = 0.2f, Decay = 0.8f },
                new() { Waveform = Waveform.Noise, Level = 0.45f, Decay = 0.3f },
            ],
            Drive = 1.8f,
            Filter = new() { Cutoff = 1100f },
            AmpEnvelope = new(0.001f, 3.5f, 0f, 1.5f),
            PitchEnvelopeSemitones = 12f,
            PitchEnvelopeSeconds = 0.09f,
            Gain = 0.68f,
        };
    }

    private static FmSpec ElectricPianoFm() => new(FmAlgorithm.TwoPairs,
    [
        new(1f, 0.75f, new(0.001f, 3.5f, 0f, 0.35f)),
        new(1f, 1.3f, new(0.001f, 1.4f, 0.15f, 0.35f), VelocitySensitivity: 0.8f),
        new(1f, 0.3f, new(0.001f, 2f, 0f, 0.35f), DetuneHz: 0.7f),
        new(14f, 1.4f, new(0.001f, 0.07f, 0f, 0.05f), VelocitySensitivity: 0.9f),
    ]);

    private static InstrumentPreset ChipPulse(string name, float duty, string dutyText, float gain) => new()
    {
        Name = name,
        Description = $"Game-console pulse wave, {dutyText} duty, band-limited; instant gate and a short delayed vibrato.",
        Styles = [Chiptune],
        Role = InstrumentRole.Keys,
        Polyphony = 4,
        Oscillators = [new() { Waveform = Waveform.Pulse, Duty = duty }],
        AmpEnvelope = new(0.001f, 0.12f, 0.75f, 0.04f),
        Lfo1 = new(5.5f, VibratoCents: 12f, DelaySeconds: 0.25f),
        VelocityToAmplitude = 0.3f,
        Gain = gain,
    };
}
