using System.Buffers;
using MusicAI.Sdk.Dsp;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// The CLAP audio front end (HF <c>ClapFeatureExtractor</c> / transformers.js, non-fusion path; model-contracts.md §5.1):
/// 48 kHz mono fitted to exactly 10 s, then a log-mel spectrogram of 1001 frames × 64 bands.
/// </summary>
/// <remarks>
/// <para>Fitting: audio shorter than 480,000 samples is "repeatpad"-ed (as many whole copies as fit, then zeros);
/// longer audio is cut to its <b>first</b> 10 s (the reference takes a random crop; the SDK is deterministic — pass
/// <c>audio.Slice(...)</c> to embed another part).</para>
/// <para>Spectrogram: periodic Hann window of 1024, hop 480, frames centred with reflect padding, power spectrum,
/// Slaney-scale mel filters from 50 to 14,000 Hz with Slaney (area) normalisation, then
/// <c>10·log10(max(mel, 1e-10))</c> with no top-dB clipping. Output is frame-major, <c>[1001, 64]</c>, which the model
/// takes as <c>input_features [1, 1, 1001, 64]</c>.</para>
/// <para>Stateless and thread-safe; scratch is rented from <see cref="ArrayPool{T}"/> per call.</para>
/// </remarks>
internal static class ClapFeatureExtractor
{
    /// <summary>The model's sample rate.</summary>
    public const int SampleRate = 48_000;

    /// <summary>Samples in the fitted 10 s clip (<c>nb_max_samples</c>).</summary>
    public const int MaxSamples = 480_000;

    /// <summary>FFT and window length.</summary>
    public const int FftLength = 1024;

    /// <summary>Hop between frames.</summary>
    public const int HopLength = 480;

    /// <summary>Mel bands (<c>feature_size</c>).</summary>
    public const int MelBands = 64;

    /// <summary>Frames of the fitted clip: 480,000 / 480 + 1.</summary>
    public const int FrameCount = (MaxSamples / HopLength) + 1;

    /// <summary>Values per feature map: <see cref="FrameCount"/> × <see cref="MelBands"/>.</summary>
    public const int FeatureCount = FrameCount * MelBands;

    private const int BlockFrames = 64;

    private static readonly StftPlan s_stft = StftPlan.Create(FftLength, HopLength, WindowKind.Hann, center: true, padMode: PadMode.Reflect);
    private static readonly FilterBank s_mel = FilterBank.CreateMel(SampleRate, FftLength, MelBands, 50, 14_000, MelScale.Slaney, slaneyNormalize: true);

    /// <summary>Computes the log-mel features of <paramref name="audio"/>.</summary>
    /// <param name="audio">Mono samples at 48 kHz, any length (empty gives silence).</param>
    /// <param name="destination"><see cref="FeatureCount"/> values, frame-major.</param>
    public static void Extract(ReadOnlySpan<float> audio, Span<float> destination)
    {
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, FeatureCount);
        destination = destination[..FeatureCount];
        var bins = s_stft.BinCount;
        var clip = ArrayPool<float>.Shared.Rent(MaxSamples);
        var scratch = ArrayPool<float>.Shared.Rent(3 * BlockFrames * bins);
        try
        {
            var fitted = clip.AsSpan(0, MaxSamples);
            FitToTenSeconds(audio, fitted);
            var real = scratch.AsSpan(0, BlockFrames * bins);
            var imaginary = scratch.AsSpan(BlockFrames * bins, BlockFrames * bins);
            var power = scratch.AsSpan(2 * BlockFrames * bins, BlockFrames * bins);
            for (var first = 0; first < FrameCount; first += BlockFrames)
            {
                var count = Math.Min(BlockFrames, FrameCount - first);
                var size = count * bins;
                s_stft.Forward(fitted, first, count, real, imaginary);
                SpectralKernels.Power(real[..size], imaginary[..size], power[..size]);
                s_mel.ApplyFrames(power[..size], destination.Slice(first * MelBands, count * MelBands));
            }

            SpectralKernels.PowerToDecibels(destination, destination, reference: 1f, amin: 1e-10f);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(clip);
            ArrayPool<float>.Shared.Return(scratch);
        }
    }

    /// <summary>Repeat-pads (whole copies, then zeros) or truncates to the first <see cref="MaxSamples"/> samples.</summary>
    public static void FitToTenSeconds(ReadOnlySpan<float> audio, Span<float> destination)
    {
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, MaxSamples);
        destination = destination[..MaxSamples];
        if (audio.Length >= MaxSamples)
        {
            audio[..MaxSamples].CopyTo(destination);
            return;
        }

        destination.Clear();
        if (audio.IsEmpty)
        {
            return;
        }

        var copies = MaxSamples / audio.Length;
        for (var i = 0; i < copies; i++)
        {
            audio.CopyTo(destination[(i * audio.Length)..]);
        }
    }
}
