using MusicAI.Sdk.Midi;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>The notes <see cref="MelodyTranscriber"/> found in a recording.</summary>
/// <remarks>Immutable and thread-safe; holds no pooled memory.</remarks>
public sealed class Transcription
{
    internal Transcription(IReadOnlyList<TranscribedNote> notes, TimeSpan duration)
    {
        Notes = notes;
        Duration = duration;
    }

    /// <summary>Gets the notes, sorted by onset, then pitch. Notes of different pitch may overlap (the transcription is polyphonic).</summary>
    public IReadOnlyList<TranscribedNote> Notes { get; }

    /// <summary>Gets the duration of the transcribed audio.</summary>
    public TimeSpan Duration { get; }

    /// <summary>Creates a one-track MIDI file of the notes.</summary>
    /// <param name="tempoBpm">The tempo written to the file; note times stay in seconds. Default 120, as basic-pitch writes.</param>
    /// <param name="program">General MIDI program, 0 to 127. Default 4 (Electric Piano 1), as basic-pitch writes.</param>
    /// <returns>The MIDI file; save it with <see cref="MidiFile.Save(string)"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The tempo or program is out of range.</exception>
    public MidiFile ToMidi(double tempoBpm = 120, int program = 4)
    {
        var notes = new MidiNote[Notes.Count];
        for (var i = 0; i < notes.Length; i++)
        {
            var note = Notes[i];
            notes[i] = new MidiNote(note.Pitch, note.Start, note.Duration, note.Velocity);
        }

        return new MidiFile([new MidiTrack("transcription", notes, program)], tempoBpm);
    }

    /// <summary>Writes the notes as a Standard MIDI File (120 BPM, Electric Piano 1), atomically.</summary>
    /// <param name="path">The destination; an existing file is replaced.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="IOException">The file could not be written.</exception>
    public void SaveMidi(string path) => ToMidi().Save(path);

    /// <summary>Converts decoded events to a transcription, sorted by onset then pitch.</summary>
    internal static Transcription FromEvents(IReadOnlyList<NoteEvent> events, TimeSpan duration)
    {
        var notes = new TranscribedNote[events.Count];
        for (var i = 0; i < notes.Length; i++)
        {
            var e = events[i];
            notes[i] = new TranscribedNote(BasicPitch.FrameToSeconds(e.StartFrame), BasicPitch.FrameToSeconds(e.EndFrame), e.Pitch, e.Amplitude);
        }

        Array.Sort(notes, static (a, b) =>
            a.Start != b.Start ? a.Start.CompareTo(b.Start)
            : a.Pitch != b.Pitch ? a.Pitch.CompareTo(b.Pitch)
            : a.End.CompareTo(b.End));
        return new Transcription(Array.AsReadOnly(notes), duration);
    }
}
