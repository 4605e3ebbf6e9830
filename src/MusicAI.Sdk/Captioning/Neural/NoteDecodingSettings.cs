namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>The parameters of <see cref="NoteDecoder"/>, in the units the reference uses (frames, activations, Hz).</summary>
/// <remarks>Defaults are the reference's <c>predict()</c> defaults. Immutable.</remarks>
internal sealed record NoteDecodingSettings
{
    /// <summary>Gets the minimum onset peak for an onset-started note (<c>onset_threshold</c>, default 0.5).</summary>
    public double OnsetThreshold { get; init; } = 0.5;

    /// <summary>Gets the activation a note needs to stay on (<c>frame_threshold</c>, default 0.3).</summary>
    public double FrameThreshold { get; init; } = 0.3;

    /// <summary>Gets the length in frames a note must exceed (<c>min_note_len</c>, default 11 = round(127.7 ms · 86.13 fps)).</summary>
    public int MinimumNoteFrames { get; init; } = 11;

    /// <summary>Gets a value indicating whether onsets are also inferred from rises of the note activations (default true).</summary>
    public bool InferOnsets { get; init; } = true;

    /// <summary>Gets a value indicating whether notes are also grown from energy left after onset notes (default true).</summary>
    public bool MelodiaTrick { get; init; } = true;

    /// <summary>Gets the number of consecutive frames below the threshold a note survives (<c>energy_tol</c>, default 11).</summary>
    public int EnergyTolerance { get; init; } = 11;

    /// <summary>Gets the lowest frequency kept, in Hz, or <see langword="null"/> for no limit.</summary>
    public double? MinimumFrequency { get; init; }

    /// <summary>Gets the highest frequency kept, in Hz, or <see langword="null"/> for no limit.</summary>
    public double? MaximumFrequency { get; init; }
}
