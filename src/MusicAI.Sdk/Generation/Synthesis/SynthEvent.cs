namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>A scheduled synthesizer event (value type: the queue stores them inline, no allocation).</summary>
/// <param name="Frame">Absolute frame.</param>
/// <param name="Sequence">Scheduling order, which breaks ties between events at the same frame.</param>
/// <param name="Kind">What to do.</param>
/// <param name="Strip">Strip index.</param>
/// <param name="Pitch">MIDI pitch, or the ramp length in frames for <see cref="SynthEventKind.StripGain"/>.</param>
/// <param name="Value">Velocity, gain or tempo.</param>
internal readonly record struct SynthEvent(long Frame, long Sequence, SynthEventKind Kind, int Strip, int Pitch, double Value)
{
    /// <summary>Returns whether this event comes before <paramref name="other"/> (frame, then scheduling order).</summary>
    public bool Precedes(in SynthEvent other) =>
        Frame < other.Frame || (Frame == other.Frame && Sequence < other.Sequence);
}
