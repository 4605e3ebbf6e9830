namespace MusicAI.Sdk.Separation.Neural;

/// <summary>What the neural engines share around a call: argument checks, the overlap step, running off the caller's thread.</summary>
internal static class NeuralEngineCalls
{
    /// <summary>
    /// Checks the arguments of <see cref="ISeparationEngine.SeparateAsync"/> and runs <paramref name="separate"/> on the
    /// thread pool (the work is CPU-bound and synchronous: ONNX Runtime runs block).
    /// </summary>
    /// <exception cref="ArgumentException">The source is not at the engine's rate and channel count.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The overlap leaves no step (checked by <paramref name="validateOverlap"/>).</exception>
    public static Task Start(
        ISeparationEngine engine,
        ISeparationSource source,
        ISeparationSink sink,
        SeparationSettings settings,
        Action<float?> validateOverlap,
        Action separate,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(settings);
        if (source.SampleRate != engine.SampleRate || source.ChannelCount != engine.ChannelCount)
        {
            throw new ArgumentException(
                $"{engine.Name} needs {engine.ChannelCount} channels at {engine.SampleRate} Hz; the source has {source.ChannelCount} at {source.SampleRate} Hz.",
                nameof(source));
        }

        validateOverlap(settings.Overlap);
        return Task.Run(separate, cancellationToken);
    }

    /// <summary>
    /// int((1 − overlap)·length), computed on the decimal value of the overlap as the Python references do (so 0.1f
    /// gives the same step as Python's 0.1, not one less).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is not in [0, 1) or leaves a step of 0.</exception>
    public static int Step(float overlap, int length)
    {
        if (!(overlap >= 0f && overlap < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(overlap), overlap, "The overlap must be in [0, 1).");
        }

        var step = (int)((1.0 - (double)(decimal)overlap) * length);
        return step > 0
            ? step
            : throw new ArgumentOutOfRangeException(nameof(overlap), overlap, $"The overlap {overlap} leaves no step between chunks of {length} samples; use a smaller overlap.");
    }
}
