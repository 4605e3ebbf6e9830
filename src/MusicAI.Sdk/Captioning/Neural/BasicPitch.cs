using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Constants, tensor contract and windowing of Spotify's basic-pitch (<c>nmp.onnx</c>), as in
/// <c>basic_pitch/constants.py</c> and <c>basic_pitch/inference.py</c> (model-contracts.md §6).
/// </summary>
/// <remarks>
/// <para>The audio is padded in front with <see cref="HalfOverlapSamples"/> zeros and cut into windows of
/// <see cref="WindowSamples"/> samples starting every <see cref="HopSamples"/> samples (the last window zero-padded).
/// Each window gives <see cref="FramesPerWindow"/> frames; <see cref="EdgeFrames"/> are dropped at both ends, the rest
/// are concatenated and the result is cut to <see cref="OutputFrameCount"/> frames.</para>
/// <para>Stateless and thread-safe.</para>
/// </remarks>
internal static class BasicPitch
{
    /// <summary>The model's sample rate (<c>AUDIO_SAMPLE_RATE</c>).</summary>
    public const int SampleRate = 22_050;

    /// <summary>Samples per output frame (<c>FFT_HOP</c>).</summary>
    public const int FftHop = 256;

    /// <summary>Samples per model window: 2 s less one hop (<c>AUDIO_N_SAMPLES</c>).</summary>
    public const int WindowSamples = (SampleRate * 2) - FftHop;

    /// <summary>Frames per model window (<c>ANNOT_N_FRAMES</c> = 86 fps · 2 s).</summary>
    public const int FramesPerWindow = 172;

    /// <summary>Frames shared by neighbouring windows (<c>n_overlapping_frames</c>).</summary>
    public const int OverlapFrames = 30;

    /// <summary>Frames dropped at each end of every window's output (<c>n_olap</c>).</summary>
    public const int EdgeFrames = OverlapFrames / 2;

    /// <summary>Frames each window contributes after the edges are dropped.</summary>
    public const int KeptFramesPerWindow = FramesPerWindow - OverlapFrames;

    /// <summary>Samples between window starts: 43,844 − 30·256 = 36,164.</summary>
    public const int HopSamples = WindowSamples - (OverlapFrames * FftHop);

    /// <summary>Zeros put in front of the audio: half the overlap, 3,840 samples.</summary>
    public const int HalfOverlapSamples = OverlapFrames * FftHop / 2;

    /// <summary>Pitch bins of the note and onset outputs: piano keys, MIDI 21 to 108.</summary>
    public const int PitchCount = 88;

    /// <summary>MIDI note number of pitch bin 0 (A0, 27.5 Hz).</summary>
    public const int MidiOffset = 21;

    /// <summary>Bins of the contour output: 3 per semitone from 27.5 Hz.</summary>
    public const int ContourBins = 264;

    /// <summary>The input name.</summary>
    public const string InputName = "serving_default_input_2:0";

    /// <summary>The note (frame) activations: [windows, 172, 88].</summary>
    public const string NoteOutput = "StatefulPartitionedCall:1";

    /// <summary>The onset activations: [windows, 172, 88].</summary>
    public const string OnsetOutput = "StatefulPartitionedCall:2";

    /// <summary>The pitch contour (salience): [windows, 172, 264].</summary>
    public const string ContourOutput = "StatefulPartitionedCall:0";

    /// <summary>Gets the tensor contract the SDK checks after loading the model.</summary>
    public static ModelContract Contract { get; } = ModelContract.Parse(
        "basic-pitch",
        [$"{InputName} float32 [batch, {WindowSamples}, 1]"],
        [
            $"{NoteOutput} float32 [batch, {FramesPerWindow}, {PitchCount}]",
            $"{OnsetOutput} float32 [batch, {FramesPerWindow}, {PitchCount}]",
            $"{ContourOutput} float32 [batch, {FramesPerWindow}, {ContourBins}]",
        ]);

    /// <summary>Number of model windows for <paramref name="sampleCount"/> samples at 22,050 Hz (at least 1).</summary>
    public static int WindowCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        var padded = (long)sampleCount + HalfOverlapSamples;
        return checked((int)((padded + HopSamples - 1) / HopSamples));
    }

    /// <summary>
    /// Number of output frames kept for <paramref name="sampleCount"/> samples: <c>int(length / hop · 142)</c>, the
    /// formula that reproduces the reference output (787 frames for the 200,607-sample golden clip).
    /// </summary>
    public static int OutputFrameCount(int sampleCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sampleCount);
        return (int)((double)sampleCount / HopSamples * KeptFramesPerWindow);
    }

    /// <summary>Copies window <paramref name="window"/> of the zero-prefixed audio into <paramref name="destination"/>, zero-padding past the end.</summary>
    /// <param name="audio">The 22,050 Hz mono audio, without the zero prefix.</param>
    /// <param name="window">The window index, 0 to <see cref="WindowCount"/> − 1.</param>
    /// <param name="destination"><see cref="WindowSamples"/> samples.</param>
    public static void FillWindow(ReadOnlySpan<float> audio, int window, Span<float> destination)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(window);
        destination = destination[..WindowSamples];
        destination.Clear();

        // Window w covers padded samples [w·hop, w·hop + 43,844); padded sample p is audio sample p − 3,840.
        var start = ((long)window * HopSamples) - HalfOverlapSamples;
        var from = Math.Max(start, 0);
        var to = Math.Min(start + WindowSamples, audio.Length);
        if (to > from)
        {
            audio[(int)from..(int)to].CopyTo(destination[(int)(from - start)..]);
        }
    }

    /// <summary>
    /// Copies the kept frames of one window's output (<see cref="FramesPerWindow"/> × <paramref name="bins"/>) into the
    /// stitched output, stopping at <paramref name="totalFrames"/>.
    /// </summary>
    public static void StitchWindow(ReadOnlySpan<float> windowOutput, int bins, int window, Span<float> destination, int totalFrames)
    {
        var first = window * KeptFramesPerWindow;
        var count = Math.Min(KeptFramesPerWindow, totalFrames - first);
        if (count <= 0)
        {
            return;
        }

        windowOutput.Slice(EdgeFrames * bins, count * bins).CopyTo(destination.Slice(first * bins, count * bins));
    }

    /// <summary>
    /// Time in seconds of stitched frame <paramref name="frame"/>, as <c>model_frames_to_time</c>: <c>n·256/22,050</c>
    /// less a per-window offset <c>(256/22,050)·(172 − 43,844/256) + 0.0018</c> times <c>floor(n / 172)</c>. The
    /// reference divides by 172 (not 142) and adds its "magic" 0.0018 s; both are kept so times match it exactly.
    /// </summary>
    public static double FrameToSeconds(int frame)
    {
        const double windowOffset = ((double)FftHop / SampleRate * (FramesPerWindow - ((double)WindowSamples / FftHop))) + 0.0018;
        return ((double)frame * FftHop / SampleRate) - (windowOffset * Math.Floor((double)frame / FramesPerWindow));
    }
}
