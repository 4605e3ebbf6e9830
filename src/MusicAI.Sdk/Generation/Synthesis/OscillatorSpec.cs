namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>One oscillator of an <see cref="InstrumentPreset"/> (with optional unison copies).</summary>
internal sealed record OscillatorSpec
{
    /// <summary>Gets the waveform.</summary>
    public Waveform Waveform { get; init; } = Waveform.Saw;

    /// <summary>Gets the linear level.</summary>
    public float Level { get; init; } = 1f;

    /// <summary>Gets the transposition in (fractional) semitones.</summary>
    public float Semitones { get; init; }

    /// <summary>Gets a frequency multiplier (inharmonic partials; 0.5 plays an octave down).</summary>
    public float Ratio { get; init; } = 1f;

    /// <summary>Gets the pulse duty cycle (0.125, 0.25, 0.5 …).</summary>
    public float Duty { get; init; } = 0.5f;

    /// <summary>Gets the number of detuned copies (1 = none); their sum is scaled by 1/√n.</summary>
    public int Unison { get; init; } = 1;

    /// <summary>Gets the total detune spread of the unison copies in cents.</summary>
    public float DetuneCents { get; init; }

    /// <summary>Gets a value indicating whether unison copies alternate left/right (a stereo voice).</summary>
    public bool Stereo { get; init; }

    /// <summary>Gets the wavetable (for <see cref="Waveform.Wavetable"/>).</summary>
    public WavetableShape Table { get; init; }

    /// <summary>Gets the wavetable position at note start (0 = first frame, 1 = last).</summary>
    public float TablePosition { get; init; }

    /// <summary>Gets the position the table sweeps towards after note start.</summary>
    public float TablePositionEnd { get; init; }

    /// <summary>Gets the time constant of that sweep in seconds (0 = no sweep).</summary>
    public float TableSweepSeconds { get; init; }

    /// <summary>Gets the depth of the table-position modulation by LFO 2.</summary>
    public float TableLfoDepth { get; init; }

    /// <summary>For noise: band-pass centre as a multiple of the note frequency (0 = white noise).</summary>
    public float NoiseBandRatio { get; init; }

    /// <summary>For noise: band-pass quality factor.</summary>
    public float NoiseBandQ { get; init; } = 1f;

    /// <summary>Gets a per-oscillator decay (60 dB time in seconds) from note start; 0 = steady.</summary>
    public float Decay { get; init; }
}
