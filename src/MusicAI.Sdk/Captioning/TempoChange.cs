namespace MusicAI.Sdk.Captioning;

/// <summary>A stretch of steady tempo that starts at <see cref="Time"/>.</summary>
public sealed class TempoChange
{
    internal TempoChange(double time, double bpm)
    {
        Time = time;
        Bpm = bpm;
    }

    /// <summary>Gets the start of the stretch in seconds from the start of the input.</summary>
    public double Time { get; }

    /// <summary>Gets the tempo of the stretch in beats per minute.</summary>
    public double Bpm { get; }
}
