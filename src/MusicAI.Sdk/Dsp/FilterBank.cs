using System.Numerics.Tensors;
using MusicAI.Sdk.Internal;
using NWaves.Filters.Fda;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// A bank of spectral weightings (mel or chroma) applied to one-sided spectra of n_fft/2 + 1 bins.
/// </summary>
/// <remarks>
/// <para>Weights come from NWaves (<c>FilterBanks.MelBankSlaney</c>, <c>Triangular</c> over <c>MelBands</c>,
/// <c>Chroma</c>), which agree with librosa's <c>filters.mel</c>/<c>filters.chroma</c> formulas within 1e-5 (tested against a
/// numpy re-implementation). Two corrections are made here: the Slaney area normalisation for HTK banks
/// (NWaves only normalises its Slaney bank), and the <c>base_c</c> rotation of chroma banks, which NWaves applies as
/// a fixed 3-bin roll instead of librosa's 3·(n_chroma/12) (wrong for 24- or 36-bin chroma).</para>
/// <para>Each band stores only its non-zero bin range; <see cref="Apply"/> is one <c>TensorPrimitives.Dot</c> per band,
/// allocation-free. Instances are immutable and thread-safe.</para>
/// </remarks>
internal sealed class FilterBank
{
    private readonly float[][] _weights;
    private readonly int[] _start;

    private FilterBank(float[][] dense, int binCount)
    {
        BinCount = binCount;
        BandCount = dense.Length;
        _weights = new float[dense.Length][];
        _start = new int[dense.Length];
        for (var b = 0; b < dense.Length; b++)
        {
            var row = dense[b];
            var first = Array.FindIndex(row, w => w != 0);
            var last = Array.FindLastIndex(row, w => w != 0);
            _start[b] = first < 0 ? 0 : first;
            _weights[b] = first < 0 ? [] : row[first..(last + 1)];
        }
    }

    /// <summary>Gets the number of input bins (n_fft/2 + 1).</summary>
    public int BinCount { get; }

    /// <summary>Gets the number of bands (outputs per frame).</summary>
    public int BandCount { get; }

    /// <summary>Creates a mel filter bank (triangles on the mel scale, like <c>librosa.filters.mel</c>).</summary>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="fftLength">n_fft of the spectra the bank is applied to.</param>
    /// <param name="melCount">Number of mel bands.</param>
    /// <param name="minHz">Lowest band edge.</param>
    /// <param name="maxHz">Highest band edge; null means sampleRate/2.</param>
    /// <param name="scale">Mel scale formula.</param>
    /// <param name="slaneyNormalize">Divide each triangle by its width in Hz (area normalisation, librosa's <c>norm="slaney"</c>); false leaves peaks at 1.</param>
    public static FilterBank CreateMel(int sampleRate, int fftLength, int melCount, double minHz = 0, double? maxHz = null, MelScale scale = MelScale.Slaney, bool slaneyNormalize = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(fftLength, 2);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melCount);
        var high = maxHz ?? (sampleRate / 2.0);
        if (minHz < 0 || high <= minHz || high > sampleRate / 2.0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxHz), $"Need 0 ≤ minHz < maxHz ≤ sampleRate/2 ({sampleRate / 2.0} Hz); got {minHz}..{high}.");
        }

        float[][] dense;
        if (scale == MelScale.Slaney)
        {
            dense = FilterBanks.MelBankSlaney(melCount, fftLength, sampleRate, minHz, high, slaneyNormalize);
        }
        else
        {
            var bands = FilterBanks.MelBands(melCount, sampleRate, minHz, high);
            dense = FilterBanks.Triangular(fftLength, sampleRate, bands);
            if (slaneyNormalize)
            {
                for (var b = 0; b < dense.Length; b++)
                {
                    TensorPrimitives.Multiply(dense[b], (float)(2 / (bands[b].Item3 - bands[b].Item1)), dense[b]);
                }
            }
        }

        return new FilterBank(dense, (fftLength / 2) + 1);
    }

    /// <summary>Creates a chroma filter bank (librosa's <c>filters.chroma</c> with <c>norm=2</c>).</summary>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="fftLength">n_fft of the spectra the bank is applied to.</param>
    /// <param name="chromaCount">Bins per octave (12, 24, 36 …).</param>
    /// <param name="tuning">Tuning deviation from A440 in fractions of a chroma bin.</param>
    /// <param name="centerOctave">Centre of the Gaussian octave weighting (octaves above A0 … librosa's ctroct).</param>
    /// <param name="octaveWidth">Width (standard deviation) of the octave weighting in octaves.</param>
    /// <param name="baseC">True to start at C (librosa default), false to start at A.</param>
    /// <param name="minHz">Bins below this frequency get weight 0 (0: every bin counts, as in librosa).</param>
    public static FilterBank CreateChroma(int sampleRate, int fftLength, int chromaCount = 12, double tuning = 0, double centerOctave = 5, double octaveWidth = 2, bool baseC = true, double minHz = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(fftLength, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(chromaCount, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(octaveWidth);
        var dense = FilterBanks.Chroma(fftLength, sampleRate, chromaCount, tuning, centerOctave, octaveWidth, 2, baseC: false);
        if (baseC)
        {
            // Row r of the C-based bank is row (r + 3·(n/12)) mod n of the A-based one.
            var shift = 3 * (chromaCount / 12);
            dense = [.. Enumerable.Range(0, chromaCount).Select(r => dense[(r + shift) % chromaCount])];
        }

        var firstBin = Math.Min((int)Math.Ceiling(minHz * fftLength / sampleRate), (fftLength / 2) + 1);
        foreach (var row in dense)
        {
            Array.Clear(row, 0, firstBin);
        }

        return new FilterBank(dense, (fftLength / 2) + 1);
    }

    /// <summary>Weight of bin <paramref name="bin"/> in band <paramref name="band"/>.</summary>
    public float Weight(int band, int bin)
    {
        var offset = bin - _start[band];
        return offset >= 0 && offset < _weights[band].Length ? _weights[band][offset] : 0f;
    }

    /// <summary>Applies the bank to one spectrum: <c>destination[b] = Σ_k W[b, k]·spectrum[k]</c>.</summary>
    /// <param name="spectrum"><see cref="BinCount"/> values (power or magnitude).</param>
    /// <param name="destination"><see cref="BandCount"/> values.</param>
    public void Apply(ReadOnlySpan<float> spectrum, Span<float> destination)
    {
        ThrowHelper.ThrowIfInputTooShort(spectrum.Length, BinCount);
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, BandCount);
        for (var b = 0; b < BandCount; b++)
        {
            destination[b] = TensorPrimitives.Dot(_weights[b], spectrum.Slice(_start[b], _weights[b].Length));
        }
    }

    /// <summary>Applies the bank to frame-major spectra (frames × <see cref="BinCount"/>) into frames × <see cref="BandCount"/>.</summary>
    public void ApplyFrames(ReadOnlySpan<float> spectra, Span<float> destination)
    {
        if (spectra.Length % BinCount != 0)
        {
            throw new ArgumentException($"The spectra ({spectra.Length} values) are not a whole number of {BinCount}-bin frames.", nameof(spectra));
        }

        var frames = spectra.Length / BinCount;
        ThrowHelper.ThrowIfDestinationTooShort(destination.Length, frames * BandCount);
        for (var t = 0; t < frames; t++)
        {
            Apply(spectra.Slice(t * BinCount, BinCount), destination.Slice(t * BandCount, BandCount));
        }
    }
}
