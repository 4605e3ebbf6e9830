namespace MusicAI.Cli.Commands;

/// <summary>One row of <c>musicai bench dsp</c>: one STFT implementation at one n_fft.</summary>
/// <param name="FftLength">n_fft.</param>
/// <param name="Hop">Hop in samples.</param>
/// <param name="Implementation">Name of the implementation.</param>
/// <param name="Reason">Why the implementation could not run, or null when it ran.</param>
/// <param name="BestMs">Fastest run over all channels, in milliseconds.</param>
/// <param name="MedianMs">Median run, in milliseconds.</param>
/// <param name="Speedup">Their best time divided by ours (how many times faster ours is); null for ours.</param>
/// <param name="MaxRelativeError">Max |theirs − ours| / max |theirs| over the compared frames; null for ours.</param>
internal sealed record BenchDspResult(int FftLength, int Hop, string Implementation, string? Reason, double BestMs, double MedianMs, double? Speedup, double? MaxRelativeError)
{
    /// <summary>Gets a value indicating whether the implementation ran.</summary>
    public bool Available => Reason is null;

    /// <summary>A row for an implementation that could not run.</summary>
    public static BenchDspResult Unavailable(int fftLength, int hop, string implementation, string reason) =>
        new(fftLength, hop, implementation, reason, double.NaN, double.NaN, null, null);
}
