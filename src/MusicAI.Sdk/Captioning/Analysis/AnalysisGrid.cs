namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// The time grid every analysis feature lives on: mono audio at 22,050 Hz, STFT frames of 2048 samples every 512
/// samples (≈ 43.07 frames per second, 23.2 ms), centred (frame t describes sample t·512), and chroma frames of 4096
/// samples every fourth analysis frame.
/// </summary>
internal static class AnalysisGrid
{
    /// <summary>Sample rate of the analysis signal in Hz.</summary>
    public const int SampleRate = 22_050;

    /// <summary>Hop between analysis frames in samples.</summary>
    public const int Hop = 512;

    /// <summary>FFT length of the main spectrum.</summary>
    public const int FftLength = 2048;

    /// <summary>Number of bins of the main spectrum.</summary>
    public const int BinCount = (FftLength / 2) + 1;

    /// <summary>FFT length of the chroma spectrum (5.4 Hz bins: enough to separate semitones down to ≈ 90 Hz).</summary>
    public const int ChromaFftLength = 4096;

    /// <summary>Analysis frames per chroma frame.</summary>
    public const int ChromaStride = 4;

    /// <summary>Analysis frames per second.</summary>
    public const double FrameRate = SampleRate / (double)Hop;

    /// <summary>Width of one main-spectrum bin in Hz.</summary>
    public const double BinHz = SampleRate / (double)FftLength;

    /// <summary>Time in seconds of analysis frame <paramref name="frame"/> (may be fractional).</summary>
    public static double FrameTime(double frame) => frame * Hop / SampleRate;

    /// <summary>The analysis frame nearest to <paramref name="seconds"/>.</summary>
    public static int FrameAt(double seconds) => (int)Math.Round(seconds * FrameRate);

    /// <summary>Number of centred frames for a signal of <paramref name="samples"/> analysis samples.</summary>
    public static long FrameCount(long samples) => samples <= 0 ? 0 : 1 + (samples / Hop);
}
