using System.Numerics.Tensors;
using MusicAI.Sdk.Internal;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Mel-frequency cepstral coefficients from log-mel frames: the orthonormal DCT-II (<c>scipy.fft.dct(type=2, norm="ortho")</c>),
/// keeping the first coefficients, as <c>librosa.feature.mfcc</c> does after <c>power_to_db</c>.
/// </summary>
/// <remarks>
/// <para>Ours rather than NWaves' <c>MfccExtractor</c>: that extractor owns framing, windowing, its own filter bank and
/// log flooring, whereas here the mel frames come from <see cref="StftPlan"/> + <see cref="FilterBank"/> and only the
/// DCT is left, a coefficient × mel matrix precomputed in double (one <c>TensorPrimitives.Dot</c> per coefficient).
/// Cross-checked against NWaves' <c>Dct2.DirectNorm</c> in the tests.</para>
/// <para>Immutable and thread-safe; no allocation per frame.</para>
/// </remarks>
internal sealed class Mfcc
{
    private readonly float[] _basis;

    /// <summary>Creates the transform for <paramref name="melCount"/> inputs and <paramref name="coefficientCount"/> outputs.</summary>
    public Mfcc(int melCount, int coefficientCount = 20)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(coefficientCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coefficientCount, melCount);
        MelCount = melCount;
        CoefficientCount = coefficientCount;
        _basis = new float[coefficientCount * melCount];
        for (var k = 0; k < coefficientCount; k++)
        {
            var scale = Math.Sqrt((k == 0 ? 1.0 : 2.0) / melCount);
            for (var n = 0; n < melCount; n++)
            {
                _basis[(k * melCount) + n] = (float)(scale * Math.Cos(Math.PI * k * ((2 * n) + 1) / (2.0 * melCount)));
            }
        }
    }

    /// <summary>Gets the number of mel bands per input frame.</summary>
    public int MelCount { get; }

    /// <summary>Gets the number of coefficients per output frame.</summary>
    public int CoefficientCount { get; }

    /// <summary>Transforms one frame of log-mel values (usually decibels).</summary>
    public void Transform(ReadOnlySpan<float> logMel, Span<float> destination)
    {
        ThrowHelper.ThrowIfInputTooShort(logMel.Length, MelCount);
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, CoefficientCount);
        var frame = logMel[..MelCount];
        for (var k = 0; k < CoefficientCount; k++)
        {
            destination[k] = TensorPrimitives.Dot(_basis.AsSpan(k * MelCount, MelCount), frame);
        }
    }
}
