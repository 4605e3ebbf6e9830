using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation.Chunking;

namespace MusicAI.Sdk.Separation.Dsp;

/// <summary>
/// The built-in separator: no model, no download. Produces vocals, drums, bass and other with STFT-domain masks
/// (<see cref="DspChunkSeparator"/>) over chunks of about 20 s that are cross-faded by an
/// <see cref="OverlapAddStitcher"/>; the four stems sum to the input exactly (other is the input minus the rest).
/// </summary>
/// <remarks>
/// <para>Works at 44.1 kHz (the separator resamples other rates in and out) with any channel count: channels are
/// processed in pairs (0-1, 2-3, …; a pair gets the centre/side analysis), and a last odd channel alone.</para>
/// <para>Chunks are processed in parallel, one per core (at most 4), each with its own pooled working memory, and
/// stitched in order; memory does not depend on the input's length. Thread-safe: every call has its own workers.</para>
/// </remarks>
internal sealed class DspSeparationEngine(DspSeparatorSettings? settings = null) : ISeparationEngine
{
    private static readonly Stem[] s_stems = [Stem.Vocals, Stem.Drums, Stem.Bass, Stem.Other];

    /// <summary>Gets the settings.</summary>
    public DspSeparatorSettings Settings { get; } = settings ?? DspSeparatorSettings.Default;

    /// <inheritdoc/>
    public string Name => Separator.BuiltInModel;

    /// <inheritdoc/>
    public IReadOnlyList<Stem> Stems => s_stems;

    /// <inheritdoc/>
    public int SampleRate => Settings.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => 0;

    /// <inheritdoc/>
    public async Task SeparateAsync(ISeparationSource source, ISeparationSink sink, SeparationSettings settings, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(sink);
        var layout = ChunkLayout.Create(source.FrameCount, Settings.ChunkFrames, settings.Overlap ?? Settings.DefaultOverlap);
        var chunks = layout.ChunkCount;
        var parallel = (int)Math.Min(Math.Max(1, chunks), Settings.Parallelism > 0 ? Settings.Parallelism : Math.Clamp(Environment.ProcessorCount, 1, 4));
        var workers = new DspChunkSeparator[parallel];
        using var stitcher = new OverlapAddStitcher(layout, s_stems.Length, source.ChannelCount, source.SampleRate, sink);
        try
        {
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = new DspChunkSeparator(Settings);
            }

            var tasks = new Task<AudioBuffer[]>[parallel];
            for (long first = 0; first < chunks; first += parallel)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = (int)Math.Min(parallel, chunks - first);
                for (var i = 0; i < batch; i++)
                {
                    var chunk = first + i;
                    var worker = workers[i];
                    tasks[i] = Task.Run(() => ProcessChunk(source, layout, chunk, worker), cancellationToken);
                }

                var results = await Task.WhenAll(tasks.AsSpan(0, batch).ToArray()).ConfigureAwait(false);
                try
                {
                    for (var i = 0; i < batch; i++)
                    {
                        stitcher.Add(first + i, results[i]);
                    }
                }
                finally
                {
                    foreach (var stems in results)
                    {
                        foreach (var stem in stems)
                        {
                            stem.Dispose();
                        }
                    }
                }

                var last = first + batch - 1;
                progress?.Report(new ProcessingProgress(Pipeline.SeparationRunner.SeparateStage, last == chunks - 1 ? layout.TotalFrames : layout.Start(last + 1), layout.TotalFrames));
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker?.Dispose();
            }
        }
    }

    /// <summary>Nothing to release: workers live for one call.</summary>
    public void Dispose()
    {
    }

    private AudioBuffer[] ProcessChunk(ISeparationSource source, ChunkLayout layout, long chunk, DspChunkSeparator worker)
    {
        var margin = Settings.MarginFrames;
        var length = layout.Length(chunk);
        var channels = source.ChannelCount;
        using var segment = AudioBuffer.Create(channels, length + (2 * margin), source.SampleRate);
        source.Read(layout.Start(chunk) - margin, segment);
        var stems = new AudioBuffer[s_stems.Length];
        for (var s = 0; s < stems.Length; s++)
        {
            stems[s] = AudioBuffer.Create(channels, length, source.SampleRate);
        }

        for (var first = 0; first < channels; first += 2)
        {
            var count = Math.Min(2, channels - first);
            worker.Process(segment, first, count, margin, length, stems[0], stems[1], stems[2]);
        }

        // Other = input − vocals − drums − bass: the four stems sum to the input exactly.
        for (var c = 0; c < channels; c++)
        {
            var other = stems[3].GetChannel(c);
            segment.GetChannel(c).Slice(margin, length).CopyTo(other);
            for (var s = 0; s < 3; s++)
            {
                TensorPrimitives.Subtract(other, stems[s].GetChannel(c), other);
            }
        }

        return stems;
    }
}
