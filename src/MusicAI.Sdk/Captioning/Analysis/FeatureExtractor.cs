using System.Numerics.Tensors;
using MusicAI.Sdk.Captioning.Beats;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Computes the per-frame features of <see cref="FrameFeatures"/> window by window from an <see cref="AnalysisSignal"/>.
/// </summary>
/// <remarks>
/// <para>A window of core frames [t0, t1) is computed with <see cref="Margin"/> extra frames on each side, so features
/// that need context (spectral flux, the ±8-frame median filters, frame-to-frame pitch fluctuation) are identical to
/// a whole-input computation; only the core frames are appended. Frames outside the signal see zeros (a centred,
/// constant-padded STFT).</para>
/// <para>Per frame: a 2048-point periodic-Hann spectrum scaled so a full-scale sine peaks at power 1; 64 mel bands
/// (Slaney, 30–11,025 Hz, peak-normalised) in dB floored at −100 dB; spectral flux over all bands and over the bands
/// below 200 Hz; 13 MFCCs; centroid; flatness of 300–6000 Hz; a median-filter harmonic/percussive split of the mel
/// power (17 frames along time, 9 bands along frequency; soft masks H²/(H²+P²)); the shift in cents that best aligns
/// consecutive log-frequency spectra (10-cent grid, 500–4000 Hz, three octave bands); and the predominant pitch by
/// harmonic summation (80–1000 Hz candidates, 8 harmonics weighted 0.8^(h−1)). Every fourth frame a 4096-point
/// spectrum gives 36-bin chroma energy: one bank over 130 Hz and above (Gaussian octave weighting centred at 440 Hz,
/// 2.5 octaves wide; lower bins are left out because they do not resolve semitones) and one for the bass register
/// (centred at 155 Hz, 0.7 octave wide, whole spectrum).</para>
/// <para>Not thread-safe (one per analysis); its work buffers are pooled and returned on dispose.</para>
/// </remarks>
internal sealed class FeatureExtractor : IDisposable
{
    /// <summary>Context frames computed on each side of a window's core.</summary>
    public const int Margin = 12;

    private const int HarmonicMedian = 17;
    private const int PercussiveMedian = 9;
    private const float FloorDb = -100f;
    private const float FloorPower = 1e-10f;
    private const int FluctuationStepCents = 10;
    private const int FluctuationPoints = 360;
    private const int FluctuationBandPoints = 120;
    private const int FluctuationMaxShift = 6;
    private const int PitchHarmonics = 8;
    private const int PitchCandidates = 132;

    private static readonly Lazy<Tables> s_tables = new(() => new Tables());

    private readonly Tables _tables = s_tables.Value;
    private readonly SlidingMedian[] _timeMedians = new SlidingMedian[FrameFeatures.MelBands];
    private float[] _samples = [];
    private float[] _real = [];
    private float[] _imaginary = [];
    private float[] _melPower = [];
    private float[] _melDb = [];
    private float[] _logFrequency = [];
    private float[] _fluctuation = [];
    private float[] _fluctuationCorrelation = [];
    private readonly float[] _power = new float[AnalysisGrid.ChromaFftLength / 2 + 1];
    private readonly float[] _scratch = new float[AnalysisGrid.ChromaFftLength];

    /// <summary>Creates an extractor.</summary>
    public FeatureExtractor()
    {
        for (var b = 0; b < _timeMedians.Length; b++)
        {
            _timeMedians[b] = new SlidingMedian(HarmonicMedian);
        }
    }

    /// <summary>
    /// Computes core frames [<paramref name="firstFrame"/>, <paramref name="endFrame"/>) and appends them to
    /// <paramref name="output"/> (which must already hold every frame before <paramref name="firstFrame"/>).
    /// </summary>
    /// <param name="signal">The analysis signal; it must hold samples from (firstFrame − Margin)·hop − 2048 to
    /// (endFrame + Margin)·hop + 2048, or be complete.</param>
    /// <param name="firstFrame">First core frame, a multiple of <see cref="AnalysisGrid.ChromaStride"/>.</param>
    /// <param name="endFrame">One past the last core frame (at most the signal's frame count).</param>
    /// <param name="totalFrames">Frame count of the whole signal when known (complete signal); otherwise any larger value.</param>
    /// <param name="output">Receives the frames.</param>
    /// <param name="beatNet">When not null, receives the BeatNet feature frames whose centres lie in the core.</param>
    public void Process(AnalysisSignal signal, long firstFrame, long endFrame, long totalFrames, FrameFeatures output, BeatNetStream? beatNet = null)
    {
        if (firstFrame % AnalysisGrid.ChromaStride != 0)
        {
            throw new ArgumentException("Windows must start on a chroma frame.", nameof(firstFrame));
        }

        if (endFrame <= firstFrame)
        {
            return;
        }

        var fa = Math.Max(0, firstFrame - Margin);
        var fb = Math.Min(endFrame + Margin, totalFrames);
        var frames = (int)(fb - fa);
        var bufferStart = (fa * AnalysisGrid.Hop) - (AnalysisGrid.ChromaFftLength / 2);
        var bufferLength = ((frames - 1) * AnalysisGrid.Hop) + AnalysisGrid.ChromaFftLength;
        Ensure(ref _samples, bufferLength);
        var samples = _samples.AsSpan(0, bufferLength);
        signal.CopyTo(bufferStart, samples);

        Ensure(ref _melPower, frames * FrameFeatures.MelBands);
        Ensure(ref _melDb, frames * FrameFeatures.MelBands);
        Ensure(ref _logFrequency, 2 * FluctuationPoints);
        Ensure(ref _fluctuation, frames);
        Ensure(ref _fluctuationCorrelation, frames);
        var coreStart = (int)(firstFrame - fa);
        var coreEnd = (int)(endFrame - fa);

        SpectralPass(samples, frames, coreStart, coreEnd, output);
        AppendFrameFeatures(frames, coreStart, coreEnd, output);
        ChromaPass(samples, fa, firstFrame, endFrame, output);
        if (beatNet is not null)
        {
            BeatNetPass(samples, bufferStart, firstFrame, endFrame, beatNet);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _samples = [];
        _real = [];
        _imaginary = [];
        _melPower = [];
        _melDb = [];
    }

    private static void Ensure(ref float[] array, int length)
    {
        if (array.Length < length)
        {
            array = new float[Math.Max(length, array.Length * 3 / 2)];
        }
    }

    /// <summary>Main spectrum of every frame: mel power/dB kept for the window; per-frame spectral features for core frames.</summary>
    private void SpectralPass(ReadOnlySpan<float> samples, int frames, int coreStart, int coreEnd, FrameFeatures output)
    {
        const int block = 64;
        var bins = AnalysisGrid.BinCount;
        Ensure(ref _real, block * bins);
        Ensure(ref _imaginary, block * bins);
        var plan = _tables.MainPlan;
        var signal = samples[((AnalysisGrid.ChromaFftLength - AnalysisGrid.FftLength) / 2)..];
        var power = _power.AsSpan(0, bins);
        Span<float> mfcc = stackalloc float[FrameFeatures.MfccCount];
        var previous = _logFrequency.AsSpan(0, FluctuationPoints);
        var current = _logFrequency.AsSpan(FluctuationPoints, FluctuationPoints);
        for (var first = 0; first < frames; first += block)
        {
            var count = Math.Min(block, frames - first);
            var span = signal.Slice(first * AnalysisGrid.Hop, AnalysisGrid.FftLength + ((count - 1) * AnalysisGrid.Hop));
            plan.Forward(span, _real.AsSpan(0, count * bins), _imaginary.AsSpan(0, count * bins));
            for (var f = 0; f < count; f++)
            {
                var i = first + f;
                SpectralKernels.Power(_real.AsSpan(f * bins, bins), _imaginary.AsSpan(f * bins, bins), power);
                TensorPrimitives.Multiply(power, Tables.PowerScale, power);
                var mel = _melPower.AsSpan(i * FrameFeatures.MelBands, FrameFeatures.MelBands);
                _tables.Mel.Apply(power, mel);
                var melDb = _melDb.AsSpan(i * FrameFeatures.MelBands, FrameFeatures.MelBands);
                SpectralKernels.PowerToDecibels(mel, melDb, 1f, FloorPower);

                // Fluctuation needs the previous frame's log-frequency spectrum, so it runs from the first margin frame on.
                _tables.LogFrequency(power, current);
                (_fluctuation[i], _fluctuationCorrelation[i]) = i == 0 ? (0f, 0f) : Fluctuation(current, previous);
                current.CopyTo(previous);

                if (i < coreStart || i >= coreEnd)
                {
                    continue;
                }

                var total = TensorPrimitives.Sum(power[1..]);
                output.LevelDb.Add(10f * MathF.Log10(total + 1e-12f));
                var centroid = total > 1e-12f ? TensorPrimitives.Dot(power, _tables.BinFrequencies) / total : 0f;
                output.Centroid.Add(centroid);
                output.CentroidWeighted += centroid * (double)total;
                output.TotalPower += total;
                for (var b = 0; b < output.BandPower.Length; b++)
                {
                    output.BandPower[b] += TensorPrimitives.Sum(power[_tables.BandBins[b].._tables.BandBins[b + 1]]);
                }

                output.Flatness.Add(Flatness(power[_tables.FlatnessLow.._tables.FlatnessHigh], _scratch));
                _tables.Mfcc.Transform(melDb, mfcc);
                foreach (var value in mfcc)
                {
                    output.Mfcc.Add(value);
                }

                var (pitch, salience) = _tables.PredominantPitch(power, _scratch);
                output.Pitch.Add(pitch);
                output.PitchSalience.Add(salience);
            }
        }
    }

    /// <summary>Flux, harmonic/percussive split and fluctuation of the core frames.</summary>
    private void AppendFrameFeatures(int frames, int coreStart, int coreEnd, FrameFeatures output)
    {
        const int bands = FrameFeatures.MelBands;
        const int half = HarmonicMedian / 2;
        var melPower = _melPower.AsSpan(0, frames * bands);
        var melDb = _melDb.AsSpan(0, frames * bands);
        Span<float> difference = stackalloc float[bands];
        Span<float> harmonic = stackalloc float[bands];
        Span<float> window = stackalloc float[PercussiveMedian];
        var lowBands = _tables.LowBands;

        // Time medians: the window for frame i holds frames i−8..i+8 (clipped to the computed frames).
        for (var b = 0; b < bands; b++)
        {
            _timeMedians[b].Clear();
            for (var j = Math.Max(0, coreStart - half); j < Math.Min(frames, coreStart + half); j++)
            {
                _timeMedians[b].Push(melPower[(j * bands) + b]);
            }
        }

        for (var i = coreStart; i < coreEnd; i++)
        {
            var row = melDb.Slice(i * bands, bands);
            if (i == 0)
            {
                output.Onset.Add(0f);
                output.OnsetLow.Add(0f);
            }
            else
            {
                var previous = melDb.Slice((i - 1) * bands, bands);
                output.Onset.Add(OnsetStrength.Flux(row, previous, difference));
                output.OnsetLow.Add(OnsetStrength.Flux(row[..lowBands], previous[..lowBands], difference));
            }

            var ahead = i + half;
            for (var b = 0; b < bands; b++)
            {
                if (ahead < frames)
                {
                    _timeMedians[b].Push(melPower[(ahead * bands) + b]);
                }

                harmonic[b] = _timeMedians[b].Median;
            }

            var powers = melPower.Slice(i * bands, bands);
            double harmonicEnergy = 0, percussiveEnergy = 0;
            for (var b = 0; b < bands; b++)
            {
                var lo = Math.Max(0, b - (PercussiveMedian / 2));
                var hi = Math.Min(bands, b + (PercussiveMedian / 2) + 1);
                var percussive = SlidingMedian.Of(powers[lo..hi], window);
                var h2 = (double)harmonic[b] * harmonic[b];
                var p2 = (double)percussive * percussive;
                var share = h2 + p2 > 0 ? h2 / (h2 + p2) : 0.5;
                harmonicEnergy += powers[b] * share;
                percussiveEnergy += powers[b] * (1 - share);
            }

            var energy = harmonicEnergy + percussiveEnergy;
            output.HarmonicShare.Add(energy > 1e-12 ? (float)(harmonicEnergy / energy) : 0f);
            output.HarmonicPower += harmonicEnergy;
            output.PercussivePower += percussiveEnergy;
            output.Fluctuation.Add(_fluctuation[i]);
            output.FluctuationCorrelation.Add(_fluctuationCorrelation[i]);
        }
    }

    /// <summary>36-bin chroma energy for the chroma frames whose analysis frame lies in the core.</summary>
    private void ChromaPass(ReadOnlySpan<float> samples, long fa, long firstFrame, long endFrame, FrameFeatures output)
    {
        var plan = _tables.ChromaPlan;
        var bins = plan.BinCount;
        var chroma = _scratch.AsSpan(0, FrameFeatures.ChromaBins);
        var power = _power.AsSpan(0, bins);
        Span<float> real = _real.AsSpan(0, bins);
        Span<float> imaginary = _imaginary.AsSpan(0, bins);
        for (var t = firstFrame; t < endFrame; t += AnalysisGrid.ChromaStride)
        {
            var offset = (int)((t - fa) * AnalysisGrid.Hop);
            plan.Forward(samples.Slice(offset, AnalysisGrid.ChromaFftLength), real, imaginary);
            SpectralKernels.Power(real, imaginary, power);
            _tables.Chroma.Apply(power, chroma);
            TensorPrimitives.Multiply(chroma, Tables.ChromaPowerScale, chroma);
            foreach (var value in chroma)
            {
                output.Chroma.Add(value);
            }

            _tables.BassChroma.Apply(power, chroma);
            TensorPrimitives.Multiply(chroma, Tables.ChromaPowerScale, chroma);
            foreach (var value in chroma)
            {
                output.BassChroma.Add(value);
            }
        }
    }

    /// <summary>BeatNet frames (441-sample hop) centred in the core sample range [firstFrame·512, endFrame·512).</summary>
    private void BeatNetPass(ReadOnlySpan<float> samples, long bufferStart, long firstFrame, long endFrame, BeatNetStream beatNet)
    {
        const int hop = BeatNetFeatures.Hop;
        var features = BeatNetFeatures.Instance;
        Span<float> bands = stackalloc float[features.BandCount];
        var first = ((firstFrame * AnalysisGrid.Hop) + hop - 1) / hop;
        var end = ((endFrame * AnalysisGrid.Hop) + hop - 1) / hop;
        for (var m = first; m < end; m++)
        {
            var offset = (int)((m * hop) - (BeatNetFeatures.FrameLength / 2) - bufferStart);
            features.Compute(samples.Slice(offset, BeatNetFeatures.FrameLength), bands, _scratch);
            beatNet.Push(bands);
        }
    }

    /// <summary>Geometric over arithmetic mean of a power spectrum slice.</summary>
    private static float Flatness(ReadOnlySpan<float> power, Span<float> scratch)
    {
        var mean = TensorPrimitives.Sum(power) / power.Length;
        if (mean <= 1e-12f)
        {
            return 1f;
        }

        var logs = scratch[..power.Length];
        TensorPrimitives.Add(power, 1e-12f, logs);
        TensorPrimitives.Log(logs, logs);
        return Math.Clamp(MathF.Exp(TensorPrimitives.Sum(logs) / power.Length) / mean, 0f, 1f);
    }

    /// <summary>
    /// Shift (cents) that best aligns the current log-frequency spectrum with the previous one, averaged over three
    /// octave bands weighted by their correlation; and the mean correlation.
    /// </summary>
    private static (float Cents, float Correlation) Fluctuation(ReadOnlySpan<float> current, ReadOnlySpan<float> previous)
    {
        double weighted = 0, weights = 0, correlations = 0;
        Span<float> scores = stackalloc float[(2 * FluctuationMaxShift) + 1];
        for (var band = 0; band < FluctuationPoints / FluctuationBandPoints; band++)
        {
            var x = current.Slice(band * FluctuationBandPoints, FluctuationBandPoints);
            var y = previous.Slice(band * FluctuationBandPoints, FluctuationBandPoints);
            var meanX = TensorPrimitives.Sum(x) / x.Length;
            var meanY = TensorPrimitives.Sum(y) / y.Length;
            double normX = 0, normY = 0;
            for (var j = 0; j < x.Length; j++)
            {
                normX += (x[j] - meanX) * (x[j] - meanX);
                normY += (y[j] - meanY) * (y[j] - meanY);
            }

            if (normX < 1e-6 || normY < 1e-6)
            {
                continue;
            }

            var best = 0;
            for (var s = -FluctuationMaxShift; s <= FluctuationMaxShift; s++)
            {
                double sum = 0;
                var lo = Math.Max(0, s);
                var hi = Math.Min(x.Length, x.Length + s);
                for (var j = lo; j < hi; j++)
                {
                    sum += (x[j] - meanX) * (y[j - s] - meanY);
                }

                scores[s + FluctuationMaxShift] = (float)(sum / Math.Sqrt(normX * normY));
                if (scores[s + FluctuationMaxShift] > scores[best])
                {
                    best = s + FluctuationMaxShift;
                }
            }

            var shift = (double)best - FluctuationMaxShift;
            if (best > 0 && best < scores.Length - 1)
            {
                var (l, c, r) = (scores[best - 1], scores[best], scores[best + 1]);
                var denominator = l - (2 * c) + r;
                if (denominator < 0)
                {
                    shift += 0.5 * (l - r) / denominator;
                }
            }

            var correlation = Math.Max(0, scores[best]);
            weighted += correlation * Math.Abs(shift) * FluctuationStepCents;
            weights += correlation;
            correlations += correlation;
        }

        return weights > 0 ? ((float)(weighted / weights), (float)(correlations / 3)) : (0f, 0f);
    }

    /// <summary>Immutable plans, banks and lookup tables shared by every extractor.</summary>
    private sealed class Tables
    {
        /// <summary>Scales |X|² of the 2048-point periodic Hann spectrum so a full-scale sine peaks at 1.</summary>
        public const float PowerScale = 1f / (512f * 512f);

        /// <summary>The same for the 4096-point chroma spectrum.</summary>
        public const float ChromaPowerScale = 1f / (1024f * 1024f);

        /// <summary>
        /// Lowest frequency of the main chroma (Hz, ≈ C3). Below it the 4096-point spectrum (5.4 Hz bins at 22.05 kHz)
        /// no longer separates neighbouring semitones (a semitone at 82 Hz is 4.9 Hz), so a loud bass note smears into
        /// both neighbours and outvotes the harmony; the bass register is read by the bass bank instead.
        /// </summary>
        public const double ChromaMinHz = 130;

        private readonly int[] _logBins = new int[FluctuationPoints];
        private readonly float[] _logFractions = new float[FluctuationPoints];
        private readonly int[] _pitchBins = new int[PitchCandidates * PitchHarmonics];
        private readonly float[] _pitchFrequencies = new float[PitchCandidates];

        public Tables()
        {
            MainPlan = StftPlan.Create(AnalysisGrid.FftLength, AnalysisGrid.Hop, WindowKind.Hann, center: false);
            ChromaPlan = StftPlan.Create(AnalysisGrid.ChromaFftLength, AnalysisGrid.ChromaFftLength / 2, WindowKind.Hann, center: false);
            Mel = FilterBank.CreateMel(AnalysisGrid.SampleRate, AnalysisGrid.FftLength, FrameFeatures.MelBands, 30, AnalysisGrid.SampleRate / 2.0, MelScale.Slaney, slaneyNormalize: false);
            Chroma = FilterBank.CreateChroma(AnalysisGrid.SampleRate, AnalysisGrid.ChromaFftLength, FrameFeatures.ChromaBins, tuning: 0, centerOctave: 4, octaveWidth: 2.5, minHz: ChromaMinHz);
            BassChroma = FilterBank.CreateChroma(AnalysisGrid.SampleRate, AnalysisGrid.ChromaFftLength, FrameFeatures.ChromaBins, tuning: 0, centerOctave: 2.5, octaveWidth: 0.7);
            Mfcc = new Mfcc(FrameFeatures.MelBands, FrameFeatures.MfccCount);

            BinFrequencies = new float[AnalysisGrid.BinCount];
            for (var k = 0; k < BinFrequencies.Length; k++)
            {
                BinFrequencies[k] = (float)(k * AnalysisGrid.BinHz);
            }

            BandBins = new int[FrameFeatures.BandEdgesHz.Length + 2];
            BandBins[0] = 1;
            for (var e = 0; e < FrameFeatures.BandEdgesHz.Length; e++)
            {
                BandBins[e + 1] = (int)Math.Ceiling(FrameFeatures.BandEdgesHz[e] / AnalysisGrid.BinHz);
            }

            BandBins[^1] = AnalysisGrid.BinCount;
            FlatnessLow = (int)Math.Round(300 / AnalysisGrid.BinHz);
            FlatnessHigh = (int)Math.Round(6000 / AnalysisGrid.BinHz);

            // Mel bands whose peak lies below 200 Hz form the low onset band.
            while (LowBands < FrameFeatures.MelBands && PeakBin(Mel, LowBands) * AnalysisGrid.BinHz < 200)
            {
                LowBands++;
            }

            LowBands = Math.Max(1, LowBands);
            for (var j = 0; j < FluctuationPoints; j++)
            {
                var bin = 500 * Math.Pow(2, j * FluctuationStepCents / 1200.0) / AnalysisGrid.BinHz;
                _logBins[j] = (int)Math.Floor(bin);
                _logFractions[j] = (float)(bin - _logBins[j]);
            }

            for (var c = 0; c < PitchCandidates; c++)
            {
                var f0 = 80 * Math.Pow(2, c / 36.0);
                _pitchFrequencies[c] = (float)f0;
                for (var h = 0; h < PitchHarmonics; h++)
                {
                    var f = f0 * (h + 1);
                    _pitchBins[(c * PitchHarmonics) + h] = f < 5000 ? (int)Math.Round(f / AnalysisGrid.BinHz) : -1;
                }
            }
        }

        public StftPlan MainPlan { get; }

        public StftPlan ChromaPlan { get; }

        public FilterBank Mel { get; }

        public FilterBank Chroma { get; }

        public FilterBank BassChroma { get; }

        public Mfcc Mfcc { get; }

        public float[] BinFrequencies { get; }

        public int[] BandBins { get; }

        public int FlatnessLow { get; }

        public int FlatnessHigh { get; }

        public int LowBands { get; }

        /// <summary>Natural log of the power interpolated on the 10-cent grid from 500 Hz.</summary>
        public void LogFrequency(ReadOnlySpan<float> power, Span<float> destination)
        {
            for (var j = 0; j < FluctuationPoints; j++)
            {
                var k = _logBins[j];
                var value = power[k] + (_logFractions[j] * (power[k + 1] - power[k]));
                destination[j] = value;
            }

            TensorPrimitives.Add(destination, 1e-9f, destination);
            TensorPrimitives.Log(destination, destination);
        }

        /// <summary>Harmonic-summation pitch (magnitudes, 0.8^(h−1) weights, ±1-bin peak search) and its salience.</summary>
        public (float Pitch, float Salience) PredominantPitch(ReadOnlySpan<float> power, Span<float> magnitudeScratch)
        {
            var best = -1;
            var bestScore = 0f;
            for (var c = 0; c < PitchCandidates; c++)
            {
                var score = 0f;
                var weight = 1f;
                for (var h = 0; h < PitchHarmonics; h++)
                {
                    var k = _pitchBins[(c * PitchHarmonics) + h];
                    if (k < 0)
                    {
                        break;
                    }

                    var peak = Math.Max(power[k], Math.Max(power[k - 1], power[k + 1]));
                    score += weight * MathF.Sqrt(peak);
                    weight *= 0.8f;
                }

                if (score > bestScore)
                {
                    (best, bestScore) = (c, score);
                }
            }

            if (best < 0)
            {
                return (0f, 0f);
            }

            var hi = (int)(5000 / AnalysisGrid.BinHz);
            var magnitudes = magnitudeScratch[..hi];
            TensorPrimitives.Sqrt(power[..hi], magnitudes);
            var total = TensorPrimitives.Sum(magnitudes);
            return total > 1e-9f ? (_pitchFrequencies[best], Math.Clamp(bestScore / total, 0f, 1f)) : (0f, 0f);
        }

        private static int PeakBin(FilterBank bank, int band)
        {
            var (best, weight) = (0, 0f);
            for (var k = 0; k < bank.BinCount; k++)
            {
                var w = bank.Weight(band, k);
                if (w > weight)
                {
                    (best, weight) = (k, w);
                }
            }

            return best;
        }
    }
}
