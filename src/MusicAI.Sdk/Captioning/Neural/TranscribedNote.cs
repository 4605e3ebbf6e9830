namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>One transcribed note.</summary>
/// <param name="Start">Onset in seconds from the start of the audio.</param>
/// <param name="End">End in seconds; after <paramref name="Start"/>.</param>
/// <param name="Pitch">MIDI note number, 21 (A0) to 108 (C8); 69 is A4 = 440 Hz.</param>
/// <param name="Amplitude">The model's mean note activation over the note, 0 to 1 (a confidence, loosely a loudness).</param>
public readonly record struct TranscribedNote(double Start, double End, int Pitch, float Amplitude)
{
    /// <summary>Gets the length in seconds.</summary>
    public double Duration => End - Start;

    /// <summary>Gets the MIDI velocity basic-pitch writes for this note: <c>round(127 · amplitude)</c>, at least 1.</summary>
    public int Velocity => Math.Clamp((int)MathF.Round(127f * Amplitude, MidpointRounding.ToEven), 1, 127);

    /// <summary>Gets the equal-tempered frequency of <see cref="Pitch"/> in Hz (A4 = 440 Hz).</summary>
    public double Frequency => 440.0 * Math.Pow(2, (Pitch - 69) / 12.0);
}
