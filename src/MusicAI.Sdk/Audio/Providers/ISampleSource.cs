namespace MusicAI.Sdk.Audio.Providers;

/// <summary>
/// A pull-based source of interleaved float samples (NAudio's <c>ISampleProvider</c> shape): decoders, channel
/// mixers and resamplers all implement it and compose into a chain.
/// </summary>
/// <remarks>
/// Implementations reuse one grown scratch buffer and allocate nothing per call after warm-up. They are not
/// thread-safe. Disposing a source disposes the source it wraps.
/// </remarks>
internal interface ISampleSource : IDisposable
{
    /// <summary>Gets the sample rate of the samples this source produces.</summary>
    int SampleRate { get; }

    /// <summary>Gets the number of interleaved channels.</summary>
    int ChannelCount { get; }

    /// <summary>Gets the total number of frames this source will produce, or <see langword="null"/> when unknown.</summary>
    long? FrameCount { get; }

    /// <summary>
    /// Fills the start of <paramref name="destination"/> with whole interleaved frames.
    /// </summary>
    /// <param name="destination">At least <see cref="ChannelCount"/> samples.</param>
    /// <returns>The number of samples written (a multiple of <see cref="ChannelCount"/>); 0 only at the end.</returns>
    int Read(Span<float> destination);

    /// <summary>
    /// Asynchronous <see cref="Read"/>: sources backed by files or processes read without blocking; the others run
    /// synchronously.
    /// </summary>
    /// <param name="destination">At least <see cref="ChannelCount"/> samples.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The number of samples written; 0 only at the end.</returns>
    ValueTask<int> ReadAsync(Memory<float> destination, CancellationToken cancellationToken);
}
