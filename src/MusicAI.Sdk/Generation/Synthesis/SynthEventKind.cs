namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Kinds of scheduled <see cref="SynthEvent"/>.</summary>
internal enum SynthEventKind
{
    /// <summary>Start a note.</summary>
    NoteOn,

    /// <summary>Release a note.</summary>
    NoteOff,

    /// <summary>Release every note of a strip.</summary>
    AllNotesOff,

    /// <summary>Ramp a strip's gain.</summary>
    StripGain,

    /// <summary>Change the tempo tempo-synced effects follow.</summary>
    Tempo,
}
