namespace MusicAI.Sdk.Separation.Neural;

/// <summary>Per-chunk times of a bare network run and of the whole MDX-Net pipeline (see <see cref="MdxBenchmark"/>).</summary>
/// <param name="Parameters">The model's parameters (chunk geometry).</param>
/// <param name="BareRunMilliseconds">Each timed bare <c>session.Run</c>, in milliseconds.</param>
/// <param name="PipelineMilliseconds">Each timed pipeline chunk, in milliseconds.</param>
/// <param name="PipelineRunMilliseconds">The network run inside each pipeline chunk, in milliseconds.</param>
internal sealed record MdxBenchmarkResult(
    MdxNetParameters Parameters,
    IReadOnlyList<double> BareRunMilliseconds,
    IReadOnlyList<double> PipelineMilliseconds,
    IReadOnlyList<double> PipelineRunMilliseconds)
{
    /// <summary>Gets the median bare run time per chunk.</summary>
    public double BareRunMedian => Median(BareRunMilliseconds);

    /// <summary>Gets the median pipeline time per chunk.</summary>
    public double PipelineMedian => Median(PipelineMilliseconds);

    /// <summary>Gets the pipeline's cost over the bare run, as a fraction of the bare run (0.05 = 5 %): median pipeline / median bare − 1.</summary>
    /// <remarks>Subject to run-to-run noise; <see cref="OwnWorkFraction"/> is the steadier figure.</remarks>
    public double Overhead => (PipelineMedian / BareRunMedian) - 1;

    /// <summary>Gets the median time per chunk the pipeline spends outside the network run (read, STFT, iSTFT, stitch).</summary>
    public double OwnWorkMedian => Median([.. PipelineMilliseconds.Zip(PipelineRunMilliseconds, (total, run) => total - run)]);

    /// <summary>Gets the pipeline's own work as a fraction of the network run, median over chunks of (total − run) / run.</summary>
    public double OwnWorkFraction => Median([.. PipelineMilliseconds.Zip(PipelineRunMilliseconds, (total, run) => (total - run) / run)]);

    /// <summary>Gets the seconds of audio one chunk advances (the Default step, chunk − n_fft).</summary>
    public double SecondsPerChunk => Parameters.Step(null) / (double)MdxNetParameters.SampleRate;

    private static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
