namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>What an instrument preset is for.</summary>
internal enum InstrumentRole
{
    /// <summary>Bass lines.</summary>
    Bass,

    /// <summary>Chords and comping.</summary>
    Keys,

    /// <summary>Sustained beds.</summary>
    Pad,

    /// <summary>Melodies.</summary>
    Lead,

    /// <summary>Orchestral-ish sections, stabs and hits.</summary>
    Orchestral,

    /// <summary>Drum kits (pitch selects the sound, General MIDI drum map).</summary>
    Drums,
}
