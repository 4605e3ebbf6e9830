namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>The built-in band-limited wavetables (see <see cref="WavetableBank"/>).</summary>
internal enum WavetableShape
{
    /// <summary>Drawbar organ registration (16', 8', 5⅓', 4', 2⅔', 2', 1'); play at half the note frequency.</summary>
    Organ,

    /// <summary>Four frames from a bright hammer-struck string spectrum (frame 0) to a dull one (frame 3).</summary>
    Piano,

    /// <summary>Eight frames morphing sine → triangle → soft saw → saw → square → hollow → vowel-like → buzzy.</summary>
    Pad,
}
