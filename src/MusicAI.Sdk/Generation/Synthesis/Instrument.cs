namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// What a strip plays: receives note events and adds its voices into the strip's buffers. Called once per render
/// segment (never per sample), so the virtual calls cost nothing measurable.
/// </summary>
internal abstract class Instrument
{
    /// <summary>Gets a value indicating whether <see cref="Render"/> writes distinct left and right channels.</summary>
    public abstract bool IsStereo { get; }

    /// <summary>Gets the number of sounding voices.</summary>
    public abstract int ActiveVoices { get; }

    /// <summary>Starts a note (velocity in <c>(0, 1]</c>).</summary>
    public abstract void NoteOn(int pitch, float velocity);

    /// <summary>Releases a note.</summary>
    public abstract void NoteOff(int pitch);

    /// <summary>Releases every note.</summary>
    public abstract void AllNotesOff();

    /// <summary>
    /// Adds the next <c>left.Length</c> samples into <paramref name="left"/> (the mono signal for mono instruments)
    /// and, for stereo instruments, <paramref name="right"/>.
    /// </summary>
    /// <param name="left">Left (or mono) output, added to.</param>
    /// <param name="right">Right output, added to (stereo instruments only).</param>
    /// <param name="gridPhase">
    /// Position of the first sample on the synthesizer's <see cref="SynthVoice.ControlBlock"/> grid
    /// (<c>0 … ControlBlock − 1</c>). Voices end their control blocks on that grid, so a block rarely straddles two
    /// render segments (whole, vector-aligned chunks instead of split ones with scalar tails).
    /// </param>
    public abstract void Render(Span<float> left, Span<float> right, int gridPhase);
}
