using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>What happened in an <see cref="AdaptiveMusicStream"/>.</summary>
[Experimental("MUSICAI001")]
public enum MusicEventKind
{
    /// <summary>A beat (pulse) started.</summary>
    Beat = 0,

    /// <summary>A bar started (raised together with its first <see cref="Beat"/>).</summary>
    Bar = 1,

    /// <summary>A section of the current state started (including the first one after a state change).</summary>
    SectionChanged = 2,

    /// <summary>The stream switched to another state (the old one crossfades out).</summary>
    StateChanged = 3,

    /// <summary>A stinger started playing.</summary>
    StingerPlayed = 4,

    /// <summary>The tempo changed; <see cref="MusicEvent.Value"/> is the new BPM.</summary>
    TempoChanged = 5,

    /// <summary>The intensity changed; <see cref="MusicEvent.Value"/> is the new intensity.</summary>
    IntensityChanged = 6,
}
