namespace MusicAI.Sdk.Midi;

/// <summary>
/// One note, timed in seconds.
/// </summary>
/// <param name="Pitch">MIDI note number, 0–127 (60 = middle C, 69 = A4 = 440 Hz).</param>
/// <param name="Start">Onset in seconds from the start of the song, 0 or more.</param>
/// <param name="Duration">Length in seconds, more than 0.</param>
/// <param name="Velocity">Loudness, 1–127.</param>
public readonly record struct MidiNote(int Pitch, double Start, double Duration, int Velocity = 100)
{
    /// <summary>Gets the end of the note in seconds.</summary>
    public double End => Start + Duration;
}
