namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// The stitched outputs of basic-pitch for one recording, frame-major: <see cref="Note"/> and <see cref="Onset"/> hold
/// <see cref="FrameCount"/> × 88 values, <see cref="Contour"/> (when kept) <see cref="FrameCount"/> × 264.
/// </summary>
/// <remarks>Plain arrays owned by this object; not thread-safe to mutate.</remarks>
internal sealed class BasicPitchActivations
{
    /// <summary>Creates activations of <paramref name="frameCount"/> frames.</summary>
    public BasicPitchActivations(int frameCount, bool includeContour)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        FrameCount = frameCount;
        Note = new float[frameCount * BasicPitch.PitchCount];
        Onset = new float[frameCount * BasicPitch.PitchCount];
        Contour = includeContour ? new float[frameCount * BasicPitch.ContourBins] : null;
    }

    /// <summary>Creates activations over existing arrays (for example the reference outputs).</summary>
    public BasicPitchActivations(float[] note, float[] onset, float[]? contour)
    {
        ArgumentNullException.ThrowIfNull(note);
        ArgumentNullException.ThrowIfNull(onset);
        if (note.Length % BasicPitch.PitchCount != 0 || onset.Length != note.Length)
        {
            throw new ArgumentException($"Note and onset activations must both be frames × {BasicPitch.PitchCount}; got {note.Length} and {onset.Length} values.", nameof(onset));
        }

        FrameCount = note.Length / BasicPitch.PitchCount;
        if (contour is not null && contour.Length != FrameCount * BasicPitch.ContourBins)
        {
            throw new ArgumentException($"The contour must be {FrameCount} × {BasicPitch.ContourBins}; got {contour.Length} values.", nameof(contour));
        }

        Note = note;
        Onset = onset;
        Contour = contour;
    }

    /// <summary>Gets the number of frames (86.13 per second).</summary>
    public int FrameCount { get; }

    /// <summary>Gets the note (frame) activations, frames × 88, 0..1.</summary>
    public float[] Note { get; }

    /// <summary>Gets the onset activations, frames × 88, 0..1.</summary>
    public float[] Onset { get; }

    /// <summary>Gets the pitch contour, frames × 264, or <see langword="null"/> when not kept.</summary>
    public float[]? Contour { get; }
}
