namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Oscillator waveforms.</summary>
internal enum Waveform
{
    /// <summary>PolyBLEP sawtooth.</summary>
    Saw,

    /// <summary>PolyBLEP pulse; <see cref="OscillatorSpec.Duty"/> sets the duty cycle (0.5 = square).</summary>
    Pulse,

    /// <summary>PolyBLAMP triangle.</summary>
    Triangle,

    /// <summary>Sine.</summary>
    Sine,

    /// <summary>White noise (seeded per voice), optionally band-passed around the note.</summary>
    Noise,

    /// <summary>Band-limited mip-mapped wavetable (<see cref="OscillatorSpec.Table"/>).</summary>
    Wavetable,
}
