using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>One section of a generated song.</summary>
/// <param name="Name">intro, verse, chorus, bridge, outro, or loop.</param>
/// <param name="StartBar">The first bar (0-based).</param>
/// <param name="Bars">The length in bars.</param>
/// <param name="Start">When the section starts.</param>
/// <param name="Duration">How long it lasts.</param>
[Experimental("MUSICAI001")]
public sealed record SongSection(string Name, int StartBar, int Bars, TimeSpan Start, TimeSpan Duration)
{
    /// <summary>Gets when the section ends.</summary>
    public TimeSpan End => Start + Duration;
}
