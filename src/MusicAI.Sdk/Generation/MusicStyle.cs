using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>
/// A style preset of the procedural composer: tempo range, metre and mode preferences, progression vocabulary,
/// instrumentation, drum grooves and energy.
/// </summary>
/// <remarks>
/// Names accepted by <see cref="SongGenerator.WithStyle(string)"/> and in prompts: <c>ambient</c>, <c>lo-fi</c>
/// (<c>lofi</c>), <c>synthwave</c>, <c>orchestral</c>, <c>rock</c>, <c>chiptune</c>, <c>combat</c>
/// (<c>tension</c>), <c>exploration</c> (<c>calm</c>). See <c>docs/generation.md</c> for what each preset plays.
/// </remarks>
[Experimental("MUSICAI001")]
public enum MusicStyle
{
    /// <summary>Slow, spacious pads and bells, long chords, little or no percussion (60–84 BPM).</summary>
    Ambient = 0,

    /// <summary>Lo-fi hip hop: seventh chords on electric piano, swung boom-bap drums (70–90 BPM).</summary>
    LoFi = 1,

    /// <summary>1980s synthwave: pulsing synth bass, arpeggios, saw lead, electronic drums (84–118 BPM).</summary>
    Synthwave = 2,

    /// <summary>Orchestral-ish: strings, brass and horn lines, timpani-like percussion (70–110 BPM).</summary>
    Orchestral = 3,

    /// <summary>Rock: driving eighth-note bass, power-chord stabs, acoustic kit with crashes (100–150 BPM).</summary>
    Rock = 4,

    /// <summary>Chiptune: square and pulse leads, fast arpeggios, triangle bass, 8-bit drums (120–160 BPM).</summary>
    Chiptune = 5,

    /// <summary>Tension/combat: minor, Phrygian or harmonic-minor ostinati, galloping bass, toms (120–170 BPM).</summary>
    Combat = 6,

    /// <summary>Calm/exploration: major or Lydian, plucked chords, flute melody, light percussion (72–100 BPM).</summary>
    Exploration = 7,
}
