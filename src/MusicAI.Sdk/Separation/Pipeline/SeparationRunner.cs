using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Decoding;
using MusicAI.Sdk.Audio.Providers;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Separation.Pipeline;

/// <summary>
/// Drives one separation: adapts the input to the engine (rate, channels), runs it, and assembles the requested stems
/// at the input's rate and channel count, either in memory or streamed to WAV files.
/// </summary>
internal static class SeparationRunner
{
    /// <summary>The progress stage of the engine's work.</summary>
    public const string SeparateStage = "separate";

    /// <summary>Separates audio in memory.</summary>
    /// <returns>One buffer per requested stem, in request order; the caller owns them.</returns>
    /// <exception cref="AudioFormatException">The audio contains NaN or infinite samples.</exception>
    public static async Task<AudioBuffer[]> SeparateAsync(
        ISeparationEngine engine, IReadOnlyList<Stem> requested, AudioBuffer input, SeparationSettings settings,
        IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        ThrowIfNotFinite(input);
        var plan = StemPlan.Create(requested, engine.Stems, engine.Name);
        var engineRate = engine.SampleRate == 0 ? input.SampleRate : engine.SampleRate;
        var converted = engineRate == input.SampleRate ? null : input.Resample(engineRate);
        var outputs = new AudioBuffer[requested.Count];
        try
        {
            for (var i = 0; i < outputs.Length; i++)
            {
                outputs[i] = AudioBuffer.Create(input.ChannelCount, input.FrameCount, input.SampleRate);
            }

            var source = new BufferSeparationSource(converted ?? input);
            var mix = plan.Residual is null ? null : new BufferMixReader(input);
            using var assembler = new StemAssembler(plan, source, mix, new BufferStemTargets(outputs), input.SampleRate, input.FrameCount);
            await Adapt(engine, input.ChannelCount, Path.GetTempPath())
                .SeparateAsync(source, assembler, settings, Forward(progress), cancellationToken).ConfigureAwait(false);
            assembler.Complete();
            return outputs;
        }
        catch
        {
            foreach (var output in outputs)
            {
                output?.Dispose();
            }

            throw;
        }
        finally
        {
            converted?.Dispose();
        }
    }

    /// <summary>
    /// Separates a file chunk by chunk into <c>outputDirectory/&lt;stem&gt;.wav</c> (32-bit float). Either every stem
    /// file is written, or (on failure or cancellation) none of this call's files is left behind.
    /// </summary>
    /// <returns>The written files by stem.</returns>
    public static async Task<IReadOnlyDictionary<Stem, string>> SeparateToFilesAsync(
        ISeparationEngine engine, IReadOnlyList<Stem> requested, string inputPath, string outputDirectory, SeparationSettings settings,
        IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = StemPlan.Create(requested, engine.Stems, engine.Name);
        Directory.CreateDirectory(outputDirectory);
        SpooledSeparationSource spool;
        long inputFrames;
        int inputRate, channels;
        using (var reader = await AudioReader.OpenAsync(inputPath, null, FfmpegLocator.Default, cancellationToken).ConfigureAwait(false))
        {
            inputRate = reader.SampleRate;
            channels = reader.ChannelCount;
            var engineRate = engine.SampleRate == 0 ? inputRate : engine.SampleRate;
            (spool, inputFrames) = await SpooledSeparationSource.CreateAsync(reader, engineRate, outputDirectory, progress, cancellationToken).ConfigureAwait(false);
        }

        using (spool)
        {
            var paths = requested.Select(s => Path.GetFullPath(Path.Combine(outputDirectory, StemNames.Name(s) + ".wav"))).ToArray();
            var writers = new AudioWriter[requested.Count];
            var completed = new List<string>();
            try
            {
                for (var i = 0; i < writers.Length; i++)
                {
                    writers[i] = AudioWriter.Create(paths[i], inputRate, channels);
                }

                IMixReader? mix = plan.Residual is null ? null
                    : spool.SampleRate == inputRate ? InterleavedMixReader.FromSpool(spool)
                    : InterleavedMixReader.FromReader(AudioReader.Open(inputPath));
                using (var targets = new WriterStemTargets(writers, channels))
                using (var assembler = new StemAssembler(plan, spool, mix, targets, inputRate, inputFrames))
                {
                    await Adapt(engine, channels, outputDirectory)
                        .SeparateAsync(spool, assembler, settings, Forward(progress), cancellationToken).ConfigureAwait(false);
                    assembler.Complete();
                }

                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < writers.Length; i++)
                {
                    writers[i].Complete();
                    completed.Add(paths[i]);
                }

                return requested.Select((s, i) => (s, paths[i])).ToDictionary(p => p.s, p => p.Item2);
            }
            catch
            {
                foreach (var path in completed)
                {
                    TryDelete(path);
                }

                throw;
            }
            finally
            {
                foreach (var writer in writers)
                {
                    writer?.Dispose();
                }
            }
        }
    }

    /// <summary>Throws <see cref="AudioFormatException"/> naming the first NaN or infinite sample.</summary>
    public static void ThrowIfNotFinite(AudioBuffer audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            var samples = audio.GetChannel(c);
            var index = FiniteSampleGuardSource.IndexOfNonFinite(samples);
            if (index >= 0)
            {
                throw new AudioFormatException(
                    $"Sample {index} of channel {c} is {samples[index]}: separation needs finite samples. Replace NaN and infinite samples (for example with AudioLoadOptions.ReplaceNonFiniteSamples when loading) and try again.");
            }
        }
    }

    private static ISeparationEngine Adapt(ISeparationEngine engine, int channels, string spoolDirectory) =>
        ChannelGroupEngine.IsNeeded(engine, channels) ? new ChannelGroupEngine(engine, channels, spoolDirectory) : engine;

    private static StageProgress? Forward(IProgress<ProcessingProgress>? progress) =>
        progress is null ? null : new StageProgress(progress);

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort while already failing.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>Reports engine progress under the <see cref="SeparateStage"/> stage name.</summary>
    private sealed class StageProgress(IProgress<ProcessingProgress> inner) : IProgress<ProcessingProgress>
    {
        public void Report(ProcessingProgress value) => inner.Report(value with { Stage = SeparateStage });
    }
}
