using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// The metre (time signature) of generated music.
/// </summary>
/// <remarks>
/// The tempo always counts the metre's pulse: a quarter note in 4/4 and 3/4, a dotted quarter in 6/8 (two pulses per
/// bar, each divided in three). Beat events and <c>NextBeat</c> transitions follow the pulse.
/// </remarks>
[Experimental("MUSICAI001")]
public enum MusicMeter
{
    /// <summary>4/4: four quarter-note beats per bar.</summary>
    FourFour = 0,

    /// <summary>3/4: three quarter-note beats per bar (waltz).</summary>
    ThreeFour = 1,

    /// <summary>6/8: two dotted-quarter beats per bar, each of three eighths.</summary>
    SixEight = 2,
}
