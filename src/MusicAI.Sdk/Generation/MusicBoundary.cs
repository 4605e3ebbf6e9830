using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>Where an adaptive-music change takes effect.</summary>
[Experimental("MUSICAI001")]
public enum MusicBoundary
{
    /// <summary>At the start of the next <see cref="AdaptiveMusicStream.Read"/> call.</summary>
    Immediate = 0,

    /// <summary>On the next beat (pulse).</summary>
    NextBeat = 1,

    /// <summary>On the next bar line.</summary>
    NextBar = 2,

    /// <summary>At the end of the current section of the current state (a loop iteration or a song section).</summary>
    NextSection = 3,
}
