using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// Something that happened in an <see cref="AdaptiveMusicStream"/>, at an exact frame, for gameplay sync.
/// </summary>
/// <param name="Kind">What happened.</param>
/// <param name="Frame">The stream frame where it happened (frames since the stream started; divide by the sample rate for seconds).</param>
/// <param name="Bar">Bars started since the stream began (0 for the first bar).</param>
/// <param name="Beat">The beat within the bar, 0-based.</param>
/// <param name="State">The state playing after the event (for example <c>"combat"</c>).</param>
/// <param name="Section">The section playing after the event (for example <c>"loop"</c>).</param>
/// <param name="Stinger">For <see cref="MusicEventKind.StingerPlayed"/>: which stinger.</param>
/// <param name="Value">For tempo and intensity changes: the new value; otherwise 0.</param>
[Experimental("MUSICAI001")]
public readonly record struct MusicEvent(MusicEventKind Kind, long Frame, long Bar, int Beat, string State, string Section, StingerKind Stinger, double Value);
