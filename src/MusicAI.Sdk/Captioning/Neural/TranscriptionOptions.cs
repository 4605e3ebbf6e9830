namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// How <see cref="MelodyTranscriber"/> turns basic-pitch activations into notes. The defaults are those of
/// basic-pitch's own <c>predict()</c>, so the same audio gives the same notes as the reference.
/// </summary>
/// <remarks>Immutable once built (init-only properties); one instance can be shared by any number of calls.</remarks>
public sealed class TranscriptionOptions
{
    /// <summary>Gets the default options (basic-pitch's defaults).</summary>
    public static TranscriptionOptions Default { get; } = new();

    /// <summary>Gets the onset activation, 0 to 1, at which a peak starts a note.</summary>
    /// <remarks>Default 0.5. Lower finds more notes (and more false ones).</remarks>
    public double OnsetThreshold { get; init; } = 0.5;

    /// <summary>Gets the note activation, 0 to 1, a note needs to stay on.</summary>
    /// <remarks>Default 0.3. Lower makes notes longer and adds quieter notes.</remarks>
    public double FrameThreshold { get; init; } = 0.3;

    /// <summary>Gets the shortest note kept; shorter notes are dropped.</summary>
    /// <remarks>Default 127.7 ms (11 frames of 11.6 ms; a note must last more than that many frames).</remarks>
    public TimeSpan MinimumNoteLength { get; init; } = TimeSpan.FromMilliseconds(127.7);

    /// <summary>Gets the lowest pitch kept, in Hz; <see langword="null"/> keeps everything from A0 (27.5 Hz).</summary>
    /// <remarks>Default <see langword="null"/>. Rounded to the nearest piano key.</remarks>
    public double? MinimumFrequency { get; init; }

    /// <summary>Gets the highest pitch kept, in Hz; <see langword="null"/> keeps everything up to C8 (4186 Hz).</summary>
    /// <remarks>Default <see langword="null"/>. Rounded to the nearest piano key; that key and higher ones are dropped.</remarks>
    public double? MaximumFrequency { get; init; }

    /// <summary>Gets a value indicating whether sudden rises of the note activation also count as onsets.</summary>
    /// <remarks>Default <see langword="true"/>.</remarks>
    public bool InferOnsets { get; init; } = true;

    /// <summary>
    /// Gets a value indicating whether energy left after the onset-started notes is also turned into notes (basic-pitch's
    /// "melodia trick", which recovers legato notes without a clear onset).
    /// </summary>
    /// <remarks>Default <see langword="true"/>.</remarks>
    public bool MelodiaTrick { get; init; } = true;

    /// <summary>Validates the options and converts them to decoder settings.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    internal NoteDecodingSettings ToSettings()
    {
        if (!(OnsetThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(OnsetThreshold), OnsetThreshold, "The onset threshold must be between 0 and 1.");
        }

        if (!(FrameThreshold is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(FrameThreshold), FrameThreshold, "The frame threshold must be between 0 and 1.");
        }

        if (MinimumNoteLength < TimeSpan.Zero || MinimumNoteLength > TimeSpan.FromMinutes(1))
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumNoteLength), MinimumNoteLength, "The minimum note length must be between 0 and 1 minute.");
        }

        ThrowIfBadFrequency(MinimumFrequency, nameof(MinimumFrequency));
        ThrowIfBadFrequency(MaximumFrequency, nameof(MaximumFrequency));
        if (MinimumFrequency is { } low && MaximumFrequency is { } high && low >= high)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumFrequency), high, $"The maximum frequency must be above the minimum frequency ({low} Hz).");
        }

        return new NoteDecodingSettings
        {
            OnsetThreshold = OnsetThreshold,
            FrameThreshold = FrameThreshold,
            MinimumNoteFrames = NoteDecoder.MillisecondsToFrames(MinimumNoteLength.TotalMilliseconds),
            MinimumFrequency = MinimumFrequency,
            MaximumFrequency = MaximumFrequency,
            InferOnsets = InferOnsets,
            MelodiaTrick = MelodiaTrick,
        };
    }

    private static void ThrowIfBadFrequency(double? hz, string name)
    {
        if (hz is { } value && !(double.IsFinite(value) && value > 0))
        {
            throw new ArgumentOutOfRangeException(name, value, "A frequency limit must be a positive number of Hz.");
        }
    }
}
