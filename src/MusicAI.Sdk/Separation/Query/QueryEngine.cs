using System.Buffers;
using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Dsp;
using MusicAI.Sdk.Separation.Chunking;

namespace MusicAI.Sdk.Separation.Query;

/// <summary>
/// Few-shot query separation: spectral bases learnt from a short example of the wanted source (KL-NMF on its magnitude
/// spectrogram) are held fixed while free bases model the rest of the mix; the wanted part is extracted with a
/// Wiener-style mask <c>(W_e H_e)² / ((W_e H_e)² + (W_b H_b)²)</c> applied to each channel's spectrum.
/// </summary>
/// <remarks>
/// <para>An <see cref="ISeparationEngine"/> so that the separator's input adaptation (rate, channels, NaN checks) and
/// sum-to-mix residual apply unchanged: its one native stem, reported as <see cref="Stem.Vocals"/>, is the match, and
/// the residual the separator derives as "accompaniment" is everything else.</para>
/// <para>Works at 22,050 Hz in chunks of 20 s cross-faded by an <see cref="OverlapAddStitcher"/>; the NMF runs on the
/// channels' mean magnitude and its mask is shared by all channels. Thread-safe (per-call state only).</para>
/// </remarks>
internal sealed class QueryEngine : ISeparationEngine
{
    private static readonly Stem[] s_stems = [Stem.Vocals];

    private readonly float[] _bases;
    private readonly QuerySettings _settings;
    private readonly StftPlan _stft;

    private QueryEngine(float[] bases, QuerySettings settings, StftPlan stft)
    {
        _bases = bases;
        _settings = settings;
        _stft = stft;
    }

    /// <inheritdoc/>
    public string Name => "query-nmf";

    /// <inheritdoc/>
    public IReadOnlyList<Stem> Stems => s_stems;

    /// <inheritdoc/>
    public int SampleRate => _settings.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => 0;

    /// <summary>Gets the learnt example bases (components × bins), for tests.</summary>
    internal ReadOnlySpan<float> Bases => _bases;

    /// <summary>Learns the example's bases.</summary>
    /// <exception cref="AudioFormatException">The example has NaN or infinite samples.</exception>
    /// <exception cref="ArgumentException">The example is too short or silent.</exception>
    public static QueryEngine Learn(AudioBuffer example, QuerySettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(example);
        settings ??= QuerySettings.Default;
        Pipeline.SeparationRunner.ThrowIfNotFinite(example);
        if (example.Duration.TotalSeconds < settings.MinExampleSeconds)
        {
            throw new ArgumentException($"The example lasts {example.Duration.TotalSeconds:0.###} s; give at least {settings.MinExampleSeconds} s of the sound to look for.", nameof(example));
        }

        var stft = StftPlan.Create(settings.FftLength, settings.HopLength, WindowKind.Hann, center: true, padMode: PadMode.Constant);
        using var resampled = example.Resample(settings.SampleRate);
        var frames = stft.FrameCount(resampled.FrameCount);
        var bins = stft.BinCount;
        var spectra = new float[frames * bins];
        MeanMagnitude(stft, resampled, 0, resampled.ChannelCount, spectra, frames);
        if (TensorPrimitives.Max(spectra) <= 1e-6f)
        {
            throw new ArgumentException("The example is silent; give a recording of the sound to look for.", nameof(example));
        }

        var components = settings.ExampleComponents;
        var bases = new float[components * bins];
        var activations = new float[frames * components];
        KlNmf.Initialise(bases, seed: 17);
        KlNmf.Initialise(activations, seed: 18);
        var nmf = new KlNmf(bins);
        nmf.Normalise(bases, components, activations, frames);
        nmf.Fit(spectra, frames, bases, components, activations, firstFree: 0, settings.ExampleIterations);
        return new QueryEngine(bases, settings, stft);
    }

    /// <inheritdoc/>
    public async Task SeparateAsync(ISeparationSource source, ISeparationSink sink, SeparationSettings settings, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var chunkFrames = (int)Math.Round(_settings.ChunkSeconds * source.SampleRate);
        var layout = ChunkLayout.Create(source.FrameCount, chunkFrames, settings.Overlap ?? _settings.Overlap);
        using var stitcher = new OverlapAddStitcher(layout, 1, source.ChannelCount, source.SampleRate, sink);
        var margin = _settings.FftLength;
        for (long chunk = 0; chunk < layout.ChunkCount; chunk++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var length = layout.Length(chunk);
            using var segment = AudioBuffer.Create(source.ChannelCount, length + (2 * margin), source.SampleRate);
            source.Read(layout.Start(chunk) - margin, segment);
            using var match = await Task.Run(() => Extract(segment, margin, length), cancellationToken).ConfigureAwait(false);
            stitcher.Add(chunk, [match]);
            progress?.Report(new ProcessingProgress(Pipeline.SeparationRunner.SeparateStage, layout.Start(chunk) + length, layout.TotalFrames));
        }
    }

    /// <summary>Nothing to release.</summary>
    public void Dispose()
    {
    }

    private static void MeanMagnitude(StftPlan stft, AudioBuffer audio, int first, int count, Span<float> magnitude, int frames)
    {
        var size = frames * stft.BinCount;
        var re = ArrayPool<float>.Shared.Rent(size);
        var im = ArrayPool<float>.Shared.Rent(size);
        try
        {
            magnitude[..size].Clear();
            for (var c = first; c < first + count; c++)
            {
                stft.Forward(audio.GetChannel(c), re.AsSpan(0, size), im.AsSpan(0, size));
                SpectralKernels.Magnitude(re.AsSpan(0, size), im.AsSpan(0, size), re.AsSpan(0, size));
                TensorPrimitives.Add(magnitude[..size], re.AsSpan(0, size), magnitude[..size]);
            }

            TensorPrimitives.Multiply(magnitude[..size], 1f / count, magnitude[..size]);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(re);
            ArrayPool<float>.Shared.Return(im);
        }
    }

    private AudioBuffer Extract(AudioBuffer segment, int margin, int length)
    {
        var bins = _stft.BinCount;
        var frames = _stft.FrameCount(segment.FrameCount);
        var size = frames * bins;
        var example = _settings.ExampleComponents;
        var components = example + _settings.BackgroundComponents;
        var spectra = ArrayPool<float>.Shared.Rent(size);
        var wanted = ArrayPool<float>.Shared.Rent(size);
        var rest = ArrayPool<float>.Shared.Rent(size);
        var re = ArrayPool<float>.Shared.Rent(size);
        var im = ArrayPool<float>.Shared.Rent(size);
        var signal = ArrayPool<float>.Shared.Rent(segment.FrameCount);
        var match = AudioBuffer.Create(segment.ChannelCount, length, segment.SampleRate);
        try
        {
            MeanMagnitude(_stft, segment, 0, segment.ChannelCount, spectra, frames);
            var bases = new float[components * bins];
            _bases.CopyTo(bases.AsSpan());
            KlNmf.Initialise(bases.AsSpan(example * bins), seed: 19);
            var activations = new float[frames * components];
            KlNmf.Initialise(activations, seed: 20);
            var nmf = new KlNmf(bins);
            nmf.Normalise(bases, components, activations, frames, firstComponent: example);
            nmf.Fit(spectra.AsSpan(0, size), frames, bases, components, activations, firstFree: example, _settings.Iterations);
            nmf.Reconstruct(bases, components, activations, frames, 0, example, wanted.AsSpan(0, size));
            nmf.Reconstruct(bases, components, activations, frames, example, components, rest.AsSpan(0, size));

            // Wiener-style mask into 'wanted'.
            var w = wanted.AsSpan(0, size);
            var r = rest.AsSpan(0, size);
            if (_settings.MaskPower == 2)
            {
                TensorPrimitives.Multiply(w, w, w);
                TensorPrimitives.Multiply(r, r, r);
            }

            TensorPrimitives.Add(r, w, r);
            TensorPrimitives.Add(r, 1e-12f, r);
            TensorPrimitives.Divide(w, r, w);
            for (var c = 0; c < segment.ChannelCount; c++)
            {
                _stft.Forward(segment.GetChannel(c), re.AsSpan(0, size), im.AsSpan(0, size));
                SpectralKernels.ApplyMask(re.AsSpan(0, size), im.AsSpan(0, size), w);
                _stft.Inverse(re.AsSpan(0, size), im.AsSpan(0, size), frames, signal.AsSpan(0, segment.FrameCount), segment.FrameCount);
                signal.AsSpan(margin, length).CopyTo(match.GetChannel(c));
            }

            return match;
        }
        catch
        {
            match.Dispose();
            throw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(spectra);
            ArrayPool<float>.Shared.Return(wanted);
            ArrayPool<float>.Shared.Return(rest);
            ArrayPool<float>.Shared.Return(re);
            ArrayPool<float>.Shared.Return(im);
            ArrayPool<float>.Shared.Return(signal);
        }
    }
}
