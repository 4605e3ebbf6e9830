namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>
/// Maps beats (pulses, as doubles) to absolute frames for a piecewise-constant tempo: the current segment starts at
/// (<see cref="OriginFrame"/>, <see cref="OriginBeat"/>). Positions are always computed from the origin, so nothing
/// drifts however long a stream plays.
/// </summary>
internal sealed class Timebase
{
    public Timebase(int sampleRate, double bpm)
    {
        SampleRate = sampleRate;
        FramesPerBeat = 60.0 * sampleRate / bpm;
    }

    public int SampleRate { get; }

    public long OriginFrame { get; private set; }

    public double OriginBeat { get; private set; }

    public double FramesPerBeat { get; private set; }

    public double Bpm => 60.0 * SampleRate / FramesPerBeat;

    public long FrameAt(double beat) => OriginFrame + (long)Math.Round((beat - OriginBeat) * FramesPerBeat);

    public double BeatAt(long frame) => OriginBeat + ((frame - OriginFrame) / FramesPerBeat);

    /// <summary>Changes the tempo from a frame whose beat is known exactly (a grid boundary).</summary>
    public void SetTempo(long frame, double beat, double bpm)
    {
        OriginFrame = frame;
        OriginBeat = beat;
        FramesPerBeat = 60.0 * SampleRate / bpm;
    }

    /// <summary>Uses an exact frames-per-beat value (offline loops: a whole number of frames per loop).</summary>
    public void SetFramesPerBeat(double framesPerBeat) => FramesPerBeat = framesPerBeat;
}
