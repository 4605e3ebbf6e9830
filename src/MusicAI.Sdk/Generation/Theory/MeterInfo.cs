namespace MusicAI.Sdk.Generation.Theory;

/// <summary>
/// The time grid of a metre in composer ticks. The pulse (what the tempo counts) is always
/// <see cref="TicksPerPulse"/> ticks: a quarter note in 4/4 and 3/4, a dotted quarter in 6/8.
/// </summary>
internal readonly struct MeterInfo
{
    /// <summary>Composer ticks per pulse (divisible by 2, 3, 4, 6, 8, 12, 16).</summary>
    public const int TicksPerPulse = 48;

    public MeterInfo(MusicMeter meter)
    {
        Meter = meter;
        (PulsesPerBar, MidiBeatsPerBar, MidiBeatUnit) = meter switch
        {
            MusicMeter.FourFour => (4, 4, 4),
            MusicMeter.ThreeFour => (3, 3, 4),
            MusicMeter.SixEight => (2, 6, 8),
            _ => throw new ArgumentOutOfRangeException(nameof(meter), meter, null),
        };
    }

    public MusicMeter Meter { get; }

    /// <summary>Pulses (counted beats) per bar: 4, 3 or 2.</summary>
    public int PulsesPerBar { get; }

    /// <summary>The numerator written to MIDI (4, 3, 6).</summary>
    public int MidiBeatsPerBar { get; }

    /// <summary>The denominator written to MIDI (4, 4, 8).</summary>
    public int MidiBeatUnit { get; }

    public bool IsCompound => Meter == MusicMeter.SixEight;

    public int TicksPerBar => PulsesPerBar * TicksPerPulse;

    /// <summary>Ticks of an eighth note (24 in simple metres, 16 in 6/8).</summary>
    public int EighthTicks => IsCompound ? 16 : 24;

    /// <summary>Ticks of a sixteenth note (12 in simple metres, 8 in 6/8).</summary>
    public int SixteenthTicks => EighthTicks / 2;

    /// <summary>Sixteenth-note steps per bar (16, 12, 12).</summary>
    public int StepsPerBar => TicksPerBar / SixteenthTicks;

    /// <summary>Quarter notes per pulse (1, or 1.5 in 6/8): converts the pulse tempo to a MIDI quarter-note tempo.</summary>
    public double QuarterNotesPerPulse => IsCompound ? 1.5 : 1.0;

    /// <summary>
    /// Whether a tick (relative to a section start) is on a strong beat: the downbeat, and in 4/4 also beat 3. The
    /// melody puts chord tones there; other beats and off-beats may carry passing and neighbour tones.
    /// </summary>
    public bool IsStrongBeat(int tick)
    {
        var inBar = tick % TicksPerBar;
        return inBar == 0 || (PulsesPerBar == 4 && inBar == 2 * TicksPerPulse);
    }

    /// <summary>Whether a tick (relative to a bar or section start) is on a pulse.</summary>
    public static bool IsPulse(int tick) => tick % TicksPerPulse == 0;
}
