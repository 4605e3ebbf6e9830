using System.Buffers;
using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Separation.Dsp;

/// <summary>
/// The built-in separator's per-chunk work on one channel pair (or one mono channel): STFT, source estimates, soft
/// masks that sum to one, inverse STFT of vocals, drums and bass (other is the remainder, taken in the time domain
/// by the engine).
/// </summary>
/// <remarks>
/// <para>Estimates, all from the analysis magnitude <c>A</c> (root mean square of the channels' magnitudes):</para>
/// <list type="number">
/// <item>HPSS (FitzGerald 2010): harmonic <c>H</c> = median of <c>A</c> over time, percussive <c>P</c> = median over
/// frequency; harmonic fraction <c>Mh = Hᵖ / (Hᵖ + Pᵖ)</c>.</item>
/// <item>REPET-SIM (Rafii and Pardo 2012) within the chunk: frames are compared by cosine similarity of compressed,
/// pooled spectra; each frame's repeating background is the per-bin median of its <c>k</c> most similar frames
/// (themselves at least a minimum distance apart), capped at <c>A</c>; the non-repeating (foreground) fraction is
/// <c>Mf = 1 − B / A</c>.</item>
/// <item>Centre weight (stereo only): inter-channel coherence <c>2·Re(L·R̄)/(|L|² + |R|²)</c> (1 for a source
/// panned to the centre, 0 for decorrelated or opposite signals) to a power, times a Gaussian over the panning index
/// <c>(|L|² − |R|²)/(|L|² + |R|²)</c>.</item>
/// </list>
/// <para>Masks, built as a tree so that they sum to one exactly: vocals <c>mv = Mfᵃ · centre · band(f) · Mhᵇ</c>; of the
/// rest, drums <c>(1 − mv)(1 − Mh)</c>, bass <c>(1 − mv)·Mh·low(f)</c> (harmonic energy below the bass cut-off, vocal
/// energy already removed), other <c>(1 − mv)·Mh·(1 − low(f))</c>; optionally raised to a power and renormalised
/// (Wiener-style). Applied to each channel's complex spectrum.</para>
/// <para>Not thread-safe: one instance per worker. Working memory is pooled and grows to the largest chunk.</para>
/// </remarks>
internal sealed class DspChunkSeparator : IDisposable
{
    private const float Epsilon = 1e-10f;

    private readonly DspSeparatorSettings _settings;
    private readonly StftPlan _stft;
    private readonly int _bins;
    private readonly float[] _vocalBand;
    private readonly float[] _bassBand;
    private readonly int _featureBins;
    private readonly int _featureDims;
    private readonly int _minSeparation;
    private readonly int _repeat;

    private float[][] _spectra = [];
    private float[] _magnitude = [];
    private float[] _harmonic = [];
    private float[] _foreground = [];
    private float[] _vocals = [];
    private float[] _maskedRe = [];
    private float[] _maskedIm = [];
    private float[] _features = [];
    private float[] _similarity = [];
    private float[] _signal = [];
    private float[] _candidates = [];
    private readonly float[] _medianScratch;
    private readonly int[] _picks;
    private readonly float[] _values;
    private int _capacityFrames = -1;
    private int _capacitySamples = -1;
    private bool _disposed;

    /// <summary>Creates a worker.</summary>
    public DspChunkSeparator(DspSeparatorSettings settings)
    {
        _settings = settings;
        _stft = StftPlan.Create(settings.FftLength, settings.HopLength, WindowKind.Hann, center: true, padMode: PadMode.Constant);
        _bins = _stft.BinCount;
        var binHz = settings.SampleRate / (double)settings.FftLength;
        _vocalBand = new float[_bins];
        _bassBand = new float[_bins];
        for (var b = 0; b < _bins; b++)
        {
            var f = b * binHz;
            _vocalBand[b] = (float)(Smooth(Math.Log2(Math.Max(f, 1) / settings.VocalLowHz) * 3) * Smooth(Math.Log2(settings.VocalHighHz / Math.Max(f, 1)) * 3));
            var lo = settings.BassCutoffHz * 0.75;
            var hi = settings.BassCutoffHz * 1.25;
            _bassBand[b] = f <= lo ? 1f : f >= hi ? 0f : (float)(0.5 + (0.5 * Math.Cos(Math.PI * (f - lo) / (hi - lo))));
        }

        _featureBins = Math.Clamp((int)(settings.SimilarityMaxHz / binHz), 1, _bins - 1);
        _featureDims = (_featureBins + settings.SimilarityPool - 1) / settings.SimilarityPool;
        _minSeparation = Math.Max(1, (int)Math.Round(settings.RepeatMinSeparationSeconds * settings.SampleRate / settings.HopLength));
        _repeat = Math.Max(1, settings.RepeatFrames);
        _medianScratch = new float[_bins * Math.Max(settings.HarmonicMedianFrames, settings.PercussiveMedianBins)];
        _picks = new int[_repeat];
        _values = new float[_repeat];
    }

    /// <summary>
    /// Separates channels <c>[first, first + count)</c> (count 1 or 2) of a segment and writes vocals, drums and bass
    /// for the frames <c>[margin, margin + length)</c> of the segment into frames <c>[0, length)</c> of the outputs.
    /// </summary>
    public void Process(AudioBuffer segment, int first, int count, int margin, int length, AudioBuffer vocals, AudioBuffer drums, AudioBuffer bass)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var samples = segment.FrameCount;
        var frames = _stft.FrameCount(samples);
        Ensure(frames, samples, count);
        var size = frames * _bins;
        for (var c = 0; c < count; c++)
        {
            _stft.Forward(segment.GetChannel(first + c), _spectra[2 * c].AsSpan(0, size), _spectra[(2 * c) + 1].AsSpan(0, size));
        }

        AnalysisMagnitude(count, size);
        Hpss(frames);
        Repetition(frames);
        VocalMask(count, frames);
        for (var stem = 0; stem < 3; stem++)
        {
            var output = stem switch { 0 => vocals, 1 => drums, _ => bass };
            for (var c = 0; c < count; c++)
            {
                ApplyMask(stem, c, frames);
                var signal = _signal.AsSpan(0, samples);
                _stft.Inverse(_maskedRe.AsSpan(0, size), _maskedIm.AsSpan(0, size), frames, signal, samples);
                signal.Slice(margin, length).CopyTo(output.GetChannel(first + c));
            }
        }
    }

    /// <summary>Returns the pooled working memory.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ReleaseFrameArrays();
        Return(ref _signal);
    }

    private static double Smooth(double x) => 1 / (1 + Math.Exp(-x));

    private static void Return(ref float[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<float>.Shared.Return(array);
        }

        array = [];
    }

    private static float Median(Span<float> values)
    {
        // Insertion sort: k is small (≤ 32).
        for (var i = 1; i < values.Length; i++)
        {
            var v = values[i];
            var j = i - 1;
            while (j >= 0 && values[j] > v)
            {
                values[j + 1] = values[j];
                j--;
            }

            values[j + 1] = v;
        }

        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : 0.5f * (values[middle - 1] + values[middle]);
    }

    private void AnalysisMagnitude(int count, int size)
    {
        var a = _magnitude.AsSpan(0, size);
        SpectralKernels.Power(_spectra[0].AsSpan(0, size), _spectra[1].AsSpan(0, size), a);
        if (count == 2)
        {
            var other = _foreground.AsSpan(0, size);
            SpectralKernels.Power(_spectra[2].AsSpan(0, size), _spectra[3].AsSpan(0, size), other);
            TensorPrimitives.Add(a, other, a);
            TensorPrimitives.Multiply(a, 0.5f, a);
        }

        TensorPrimitives.Sqrt(a, a);
    }

    private void Hpss(int frames)
    {
        var size = frames * _bins;
        var a = _magnitude.AsSpan(0, size);
        var harmonic = _harmonic.AsSpan(0, size);
        var percussive = _foreground.AsSpan(0, size);
        RunningMedian.FilterColumns(a, frames, _bins, _settings.HarmonicMedianFrames, harmonic, _medianScratch);
        for (var t = 0; t < frames; t++)
        {
            RunningMedian.Filter(a.Slice(t * _bins, _bins), _settings.PercussiveMedianBins, percussive.Slice(t * _bins, _bins));
        }

        // Mh = Hᵖ / (Hᵖ + Pᵖ + ε), stored over H.
        var power = _settings.HpssPower;
        if (power == 2)
        {
            TensorPrimitives.Multiply(harmonic, harmonic, harmonic);
            TensorPrimitives.Multiply(percussive, percussive, percussive);
        }
        else if (power != 1)
        {
            TensorPrimitives.Pow(harmonic, power, harmonic);
            TensorPrimitives.Pow(percussive, power, percussive);
        }

        TensorPrimitives.Add(percussive, harmonic, percussive);
        TensorPrimitives.Add(percussive, Epsilon, percussive);
        TensorPrimitives.Divide(harmonic, percussive, harmonic);
    }

    private void Repetition(int frames)
    {
        var a = _magnitude;
        var dims = _featureDims;
        var pool = _settings.SimilarityPool;

        // Compressed, pooled, unit-length features per frame.
        var features = _features.AsSpan(0, frames * dims);
        for (var t = 0; t < frames; t++)
        {
            var row = a.AsSpan((t * _bins) + 1, _featureBins);
            var feature = features.Slice(t * dims, dims);
            for (var d = 0; d < dims; d++)
            {
                var start = d * pool;
                feature[d] = MathF.Sqrt(TensorPrimitives.Sum(row.Slice(start, Math.Min(pool, row.Length - start))));
            }

            var norm = TensorPrimitives.Norm(feature);
            if (norm > 0)
            {
                TensorPrimitives.Divide(feature, norm, feature);
            }
        }

        var similarity = _similarity.AsSpan(0, frames * frames);
        for (var t = 0; t < frames; t++)
        {
            var ft = features.Slice(t * dims, dims);
            for (var u = t; u < frames; u++)
            {
                var s = TensorPrimitives.Dot(ft, features.Slice(u * dims, dims));
                similarity[(t * frames) + u] = s;
                similarity[(u * frames) + t] = s;
            }
        }

        // Background: per-bin median of the chosen frames, capped by the frame itself; foreground fraction 1 − B/A.
        var foreground = _foreground;
        for (var t = 0; t < frames; t++)
        {
            var row = _candidates.AsSpan(0, frames);
            similarity.Slice(t * frames, frames).CopyTo(row);
            var picked = 0;
            var pick = t;
            while (true)
            {
                _picks[picked++] = pick;
                var lo = Math.Max(0, pick - _minSeparation + 1);
                var hi = Math.Min(frames, pick + _minSeparation);
                row[lo..hi].Fill(float.NegativeInfinity);
                if (picked == _repeat)
                {
                    break;
                }

                pick = TensorPrimitives.IndexOfMax(row);
                if (pick < 0 || !(row[pick] > _settings.RepeatMinSimilarity))
                {
                    break;
                }
            }

            var values = _values.AsSpan(0, picked);
            var frameOffset = t * _bins;
            for (var b = 0; b < _bins; b++)
            {
                for (var i = 0; i < picked; i++)
                {
                    values[i] = a[(_picks[i] * _bins) + b];
                }

                var own = a[frameOffset + b];
                var background = Math.Min(Median(values), own);
                foreground[frameOffset + b] = own > Epsilon ? 1 - (background / own) : 0f;
            }
        }
    }

    private void VocalMask(int count, int frames)
    {
        var s = _settings;
        for (var t = 0; t < frames; t++)
        {
            var offset = t * _bins;
            for (var b = 0; b < _bins; b++)
            {
                var i = offset + b;
                var fg = _foreground[i];
                var mh = _harmonic[i];
                var weight = Pow(fg, s.ForegroundPower) * Pow(mh, s.HarmonicPower) * _vocalBand[b];
                if (count == 2 && weight > 0)
                {
                    float lr = _spectra[0][i], li = _spectra[1][i], rr = _spectra[2][i], ri = _spectra[3][i];
                    var pl = (lr * lr) + (li * li);
                    var pr = (rr * rr) + (ri * ri);
                    var sum = pl + pr + Epsilon;
                    var coherence = Math.Max(0f, 2 * ((lr * rr) + (li * ri)) / sum);
                    var pan = (pl - pr) / sum / s.CentreWidth;
                    weight *= Pow(coherence, s.CoherencePower) * MathF.Exp(-pan * pan);
                }

                _vocals[i] = Math.Clamp(weight, 0f, 1f);
            }
        }
    }

    /// <summary>Writes the masked spectrum of <paramref name="stem"/> (0 vocals, 1 drums, 2 bass) for channel <paramref name="channel"/>.</summary>
    private void ApplyMask(int stem, int channel, int frames)
    {
        var re = _spectra[2 * channel];
        var im = _spectra[(2 * channel) + 1];
        var power = _settings.MaskPower;
        for (var t = 0; t < frames; t++)
        {
            var offset = t * _bins;
            for (var b = 0; b < _bins; b++)
            {
                var i = offset + b;
                var mv = _vocals[i];
                var mh = _harmonic[i];
                var rest = 1 - mv;
                var md = rest * (1 - mh);
                var mb = rest * mh * _bassBand[b];
                var mask = stem switch { 0 => mv, 1 => md, _ => mb };
                if (power != 1)
                {
                    var mo = rest * mh * (1 - _bassBand[b]);
                    var total = Pow(mv, power) + Pow(md, power) + Pow(mb, power) + Pow(mo, power);
                    mask = total > 0 ? Pow(mask, power) / total : 0f;
                }

                _maskedRe[i] = re[i] * mask;
                _maskedIm[i] = im[i] * mask;
            }
        }
    }

    private static float Pow(float x, float p) => p switch
    {
        1 => x,
        2 => x * x,
        0.5f => MathF.Sqrt(x),
        0 => 1,
        _ => MathF.Pow(x, p),
    };

    private void Ensure(int frames, int samples, int channels)
    {
        if (frames > _capacityFrames || _spectra.Length < 2 * channels)
        {
            ReleaseFrameArrays();
            var size = Math.Max(1, frames * _bins);
            _spectra = new float[2 * channels][];
            for (var i = 0; i < _spectra.Length; i++)
            {
                _spectra[i] = ArrayPool<float>.Shared.Rent(size);
            }

            _magnitude = ArrayPool<float>.Shared.Rent(size);
            _harmonic = ArrayPool<float>.Shared.Rent(size);
            _foreground = ArrayPool<float>.Shared.Rent(size);
            _vocals = ArrayPool<float>.Shared.Rent(size);
            _maskedRe = ArrayPool<float>.Shared.Rent(size);
            _maskedIm = ArrayPool<float>.Shared.Rent(size);
            _features = ArrayPool<float>.Shared.Rent(Math.Max(1, frames * _featureDims));
            _similarity = ArrayPool<float>.Shared.Rent(Math.Max(1, frames * frames));
            _candidates = ArrayPool<float>.Shared.Rent(Math.Max(1, frames));
            _capacityFrames = frames;
        }

        if (samples > _capacitySamples)
        {
            Return(ref _signal);
            _signal = ArrayPool<float>.Shared.Rent(Math.Max(1, samples));
            _capacitySamples = samples;
        }
    }

    private void ReleaseFrameArrays()
    {
        foreach (var spectrum in _spectra)
        {
            ArrayPool<float>.Shared.Return(spectrum);
        }

        _spectra = [];
        Return(ref _magnitude);
        Return(ref _harmonic);
        Return(ref _foreground);
        Return(ref _vocals);
        Return(ref _maskedRe);
        Return(ref _maskedIm);
        Return(ref _features);
        Return(ref _similarity);
        Return(ref _candidates);
        _capacityFrames = -1;
    }
}
