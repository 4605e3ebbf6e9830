using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Separation;

/// <summary>
/// One separation method (the embedded DSP separator or a neural model), driven by the public <c>Separator</c>.
/// </summary>
/// <remarks>
/// <para>The separator adapts the caller's input to <see cref="SampleRate"/> and <see cref="ChannelCount"/> (0 = any),
/// passes it as a random-access <see cref="ISeparationSource"/>, and receives the native stems, in the order of
/// <see cref="Stems"/>, block after block through an <see cref="ISeparationSink"/>. Engines own their chunking and
/// overlap scheme (model references differ) and must keep memory bounded regardless of input length.</para>
/// <para>An engine instance may be shared by concurrent calls: keep per-call state inside
/// <see cref="SeparateAsync"/>.</para>
/// </remarks>
internal interface ISeparationEngine : IDisposable
{
    /// <summary>Gets a short name for logs and errors, for example <c>"dsp"</c> or <c>"mdx-net UVR-MDX-NET-Voc_FT"</c>.</summary>
    string Name { get; }

    /// <summary>Gets the stems the engine produces natively, in output order.</summary>
    IReadOnlyList<Stem> Stems { get; }

    /// <summary>Gets the sample rate the engine needs, or 0 when it works at any rate.</summary>
    int SampleRate { get; }

    /// <summary>Gets the channel count the engine needs, or 0 when it works with any count.</summary>
    int ChannelCount { get; }

    /// <summary>
    /// Separates the whole source, writing every native stem to the sink in consecutive blocks that together cover
    /// exactly <see cref="ISeparationSource.FrameCount"/> frames.
    /// </summary>
    /// <param name="source">The input at the engine's rate and channel count.</param>
    /// <param name="sink">Receives the stems.</param>
    /// <param name="settings">Per-call settings.</param>
    /// <param name="progress">Receives progress in source frames.</param>
    /// <param name="cancellationToken">Cancels between chunks and inside model runs.</param>
    /// <exception cref="InferenceException">A model run failed.</exception>
    Task SeparateAsync(
        ISeparationSource source,
        ISeparationSink sink,
        SeparationSettings settings,
        IProgress<ProcessingProgress>? progress,
        CancellationToken cancellationToken);
}

/// <summary>Random-access input of a separation engine.</summary>
internal interface ISeparationSource
{
    /// <summary>Gets the sample rate in Hz.</summary>
    int SampleRate { get; }

    /// <summary>Gets the channel count.</summary>
    int ChannelCount { get; }

    /// <summary>Gets the number of frames.</summary>
    long FrameCount { get; }

    /// <summary>
    /// Reads frames <c>[startFrame, startFrame + destination.FrameCount)</c> into <paramref name="destination"/>
    /// (same channel count); frames before 0 or past the end read as zeros. Any position may be read any number of times.
    /// </summary>
    void Read(long startFrame, AudioBuffer destination);
}

/// <summary>Output of a separation engine.</summary>
internal interface ISeparationSink
{
    /// <summary>
    /// Appends the next block of every native stem: <paramref name="stems"/>[i] is stem <c>engine.Stems[i]</c>; all
    /// blocks have the same frame count and the source's channel count. The sink copies what it needs before returning.
    /// </summary>
    void Write(ReadOnlySpan<AudioBuffer> stems);
}

/// <summary>Per-call settings passed to an engine.</summary>
/// <param name="Overlap">Fraction of each chunk that overlaps the next, in [0, 1); null = the engine's reference default.</param>
internal sealed record SeparationSettings(float? Overlap);
