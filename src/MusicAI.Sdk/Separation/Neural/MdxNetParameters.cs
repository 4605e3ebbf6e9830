using System.Globalization;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// The per-model settings of a UVR MDX-Net separator (model-contracts.md §1.1) and the chunk geometry they imply
/// (§1.4): trim = n_fft/2, chunk = hop·(dim_t − 1), gen = chunk − 2·trim.
/// </summary>
/// <remarks>Immutable. Hop is always 1024 (UVR <c>self.hop = 1024</c>).</remarks>
internal sealed record MdxNetParameters
{
    /// <summary>The STFT hop of every MDX-Net model.</summary>
    public const int HopLength = 1024;

    /// <summary>The sample rate every MDX-Net model expects.</summary>
    public const int SampleRate = 44_100;

    /// <summary>Number of lowest STFT bins zeroed before the network (UVR <c>spek[:, :, :3, :] *= 0</c>).</summary>
    public const int ZeroedLowBins = 3;

    /// <summary>Creates and validates a parameter set.</summary>
    /// <param name="fftLength">n_fft (UVR <c>mdx_n_fft_scale_set</c>), even.</param>
    /// <param name="dimF">Frequency bins fed to the network (<c>mdx_dim_f_set</c>), at most n_fft/2 + 1.</param>
    /// <param name="dimT">Frames per chunk (2^<c>mdx_dim_t_set</c>).</param>
    /// <param name="compensate">Gain applied to the separated primary stem (<c>compensate</c>).</param>
    /// <param name="primaryStem">What the network outputs: <see cref="Stem.Vocals"/> or <see cref="Stem.Accompaniment"/> (UVR "Instrumental").</param>
    /// <exception cref="ArgumentException">A value is out of range; the message says which.</exception>
    public MdxNetParameters(int fftLength, int dimF, int dimT, double compensate, Stem primaryStem)
    {
        if (fftLength < 8 || fftLength % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fftLength), fftLength, "n_fft must be an even number of at least 8.");
        }

        if (dimF <= ZeroedLowBins || dimF > (fftLength / 2) + 1)
        {
            throw new ArgumentOutOfRangeException(nameof(dimF), dimF, $"dim_f must be {ZeroedLowBins + 1} to n_fft/2 + 1 ({(fftLength / 2) + 1}).");
        }

        if (dimT < 2 || (long)HopLength * (dimT - 1) <= fftLength)
        {
            throw new ArgumentOutOfRangeException(nameof(dimT), dimT, $"dim_t must make a chunk (1024·(dim_t − 1) samples) longer than n_fft ({fftLength}).");
        }

        if (!double.IsFinite(compensate) || compensate <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(compensate), compensate, "compensate must be a positive number.");
        }

        if (primaryStem is not (Stem.Vocals or Stem.Accompaniment))
        {
            throw new ArgumentOutOfRangeException(nameof(primaryStem), primaryStem, "An MDX-Net primary stem is Vocals or Accompaniment (UVR \"Instrumental\").");
        }

        FftLength = fftLength;
        DimF = dimF;
        DimT = dimT;
        Compensate = compensate;
        PrimaryStem = primaryStem;
    }

    /// <summary>Gets n_fft.</summary>
    public int FftLength { get; }

    /// <summary>Gets the number of frequency bins the network sees.</summary>
    public int DimF { get; }

    /// <summary>Gets the number of frames per chunk.</summary>
    public int DimT { get; }

    /// <summary>Gets the gain applied to the primary stem.</summary>
    public double Compensate { get; }

    /// <summary>Gets the stem the network outputs; the other is mix − primary.</summary>
    public Stem PrimaryStem { get; }

    /// <summary>Gets the other stem (mix − primary).</summary>
    public Stem SecondaryStem => PrimaryStem == Stem.Vocals ? Stem.Accompaniment : Stem.Vocals;

    /// <summary>Gets n_fft/2 + 1.</summary>
    public int BinCount => (FftLength / 2) + 1;

    /// <summary>Gets the samples trimmed at each end of the padded mixture (n_fft/2).</summary>
    public int Trim => FftLength / 2;

    /// <summary>Gets the chunk length hop·(dim_t − 1), which gives exactly dim_t centred frames.</summary>
    public int ChunkLength => HopLength * (DimT - 1);

    /// <summary>Gets gen = chunk − 2·trim, the unit of UVR's padding (and its <c>Default</c> step).</summary>
    public int GenerateLength => ChunkLength - (2 * Trim);

    /// <summary>
    /// Gets the chunk step: UVR's <c>Default</c> overlap (<paramref name="overlap"/> null) steps by chunk − n_fft;
    /// an explicit overlap o steps by <c>int((1 − o)·chunk)</c>, computed on the decimal value of o as Python does
    /// (so 0.1f gives the same step as Python's 0.1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The overlap is not in [0, 1) or leaves a step of 0.</exception>
    public int Step(float? overlap)
    {
        if (overlap is not { } o)
        {
            return ChunkLength - FftLength;
        }

        return NeuralEngineCalls.Step(o, ChunkLength);
    }

    /// <summary>Gets the length of UVR's padded mixture: trim zeros + the mix + pad zeros, pad = gen + trim − N mod gen.</summary>
    public long MixtureLength(long frameCount) => frameCount - (frameCount % GenerateLength) + ChunkLength;

    /// <summary>Gets the number of chunks (model runs) UVR's demix makes for <paramref name="frameCount"/> frames.</summary>
    public long ChunkCount(long frameCount, float? overlap)
    {
        var step = Step(overlap);
        return (MixtureLength(frameCount) + step - 1) / step;
    }

    /// <summary>Formats like UVR's model data: <c>n_fft 7680, dim_f 3072, dim_t 256, compensate 1.021, primary Vocals</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"n_fft {FftLength}, dim_f {DimF}, dim_t {DimT}, compensate {Compensate}, primary {PrimaryStem}");
}
