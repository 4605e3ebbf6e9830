using System.Diagnostics.CodeAnalysis;

namespace MusicAI.Sdk.Generation;

/// <summary>A short musical one-shot played over an adaptive stream, in its key, quantized to its beat grid.</summary>
[Experimental("MUSICAI001")]
public enum StingerKind
{
    /// <summary>A tonic chord stab with a crash cymbal (a hit, a pickup collected). About two beats.</summary>
    Accent = 0,

    /// <summary>A rising major arpeggio landing on a held octave, snare pickup into a crash (victory, level up).</summary>
    Triumph = 1,

    /// <summary>Low hits against the flat second and a tritone cluster over toms (enemy spotted, alarm).</summary>
    Danger = 2,
}
