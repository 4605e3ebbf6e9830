using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Loudness of an input that arrives in chunks, with bounded memory: <see cref="LoudnessMeter"/> runs on windows of
/// 60 s, each preceded by the last 3 s of the previous window, and keeps only the momentary (400 ms) and short-term
/// (3 s) blocks that end inside the window's own 60 s — so the concatenated block series are exactly the whole-input
/// series (apart from the K-weighting filters restarting 3 s before each window, which settle within milliseconds);
/// integrated loudness and loudness range are then gated over the whole series by <see cref="LoudnessMeter"/>'s own
/// gating. Inputs that fit in one window are measured in one go (exact).
/// </summary>
/// <remarks>Memory: 63 s of audio per channel plus one double per 100 ms. Not thread-safe.</remarks>
internal sealed class LoudnessAccumulator
{
    private const int WindowSubBlocks = 600;
    private const int PrerollSubBlocks = 30;

    private readonly int _sampleRate;
    private readonly int _subBlock;
    private readonly float[][] _window;
    private readonly List<double> _momentary = [];
    private readonly List<double> _shortTerm = [];
    private int _filled;
    private int _preroll;
    private int _windows;
    private double _truePeak = double.NegativeInfinity;
    private double _samplePeak = double.NegativeInfinity;
    private double _squares;
    private long _samples;

    /// <summary>Creates an accumulator for audio of the given shape.</summary>
    public LoudnessAccumulator(int sampleRate, int channelCount)
    {
        _sampleRate = sampleRate;
        _subBlock = Math.Max(1, (int)Math.Round(sampleRate / 10.0));
        _window = new float[channelCount][];
        for (var c = 0; c < channelCount; c++)
        {
            _window[c] = new float[(WindowSubBlocks + PrerollSubBlocks) * _subBlock];
        }
    }

    /// <summary>Measures a whole in-memory buffer exactly.</summary>
    public static LoudnessSummary Measure(AudioBuffer audio)
    {
        var meter = new LoudnessMeter(audio.SampleRate, audio.ChannelCount, audio.FrameCount);
        double squares = 0;
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            var channel = audio.GetChannel(c);
            meter.AddChannel(c, channel);
            squares += SumOfSquares(channel);
        }

        var result = meter.GetResult();
        return new LoudnessSummary(
            result.IntegratedLufs,
            result.LoudnessRangeLu,
            result.TruePeakDbtp,
            result.SamplePeakDbfs,
            RmsDb(squares, (long)audio.FrameCount * audio.ChannelCount),
            result.Momentary,
            result.ShortTerm,
            Exact: true);
    }

    /// <summary>Adds frames [<paramref name="start"/>, start + count) of every channel.</summary>
    public void Add(AudioBuffer chunk, int start, int count)
    {
        while (count > 0)
        {
            var capacity = _window[0].Length - _filled;
            var take = Math.Min(capacity, count);
            for (var c = 0; c < _window.Length; c++)
            {
                var source = chunk.GetChannel(c).Slice(start, take);
                source.CopyTo(_window[c].AsSpan(_filled));
                _squares += SumOfSquares(source);
            }

            _samples += (long)take * _window.Length;
            _filled += take;
            start += take;
            count -= take;
            if (_filled == _window[0].Length)
            {
                Flush();
            }
        }
    }

    /// <summary>Measures what is left and returns the figures of the whole input.</summary>
    public LoudnessSummary Complete()
    {
        if (_filled > _preroll || _windows == 0)
        {
            Flush();
        }

        var momentary = _momentary.ToArray();
        var shortTerm = _shortTerm.ToArray();
        var integrated = LoudnessMeter.Integrated(Array.ConvertAll(momentary, ToPower));
        var range = LoudnessMeter.LoudnessRange(Array.ConvertAll(shortTerm, ToPower));
        return new LoudnessSummary(integrated, range, _truePeak, _samplePeak, RmsDb(_squares, _samples), momentary, shortTerm, Exact: _windows <= 1);
    }

    private static double ToPower(double lufs) => Math.Pow(10, (lufs + 0.691) / 10);

    private static double SumOfSquares(ReadOnlySpan<float> samples)
    {
        double sum = 0;
        const int block = 4096;
        for (var i = 0; i < samples.Length; i += block)
        {
            var part = samples.Slice(i, Math.Min(block, samples.Length - i));
            sum += TensorPrimitives.Dot(part, part);
        }

        return sum;
    }

    private static double RmsDb(double squares, long samples) =>
        samples == 0 || squares <= 0 ? double.NegativeInfinity : 10 * Math.Log10(squares / samples);

    private void Flush()
    {
        var meter = new LoudnessMeter(_sampleRate, _window.Length, _filled);
        for (var c = 0; c < _window.Length; c++)
        {
            meter.AddChannel(c, _window[c].AsSpan(0, _filled));
        }

        var result = meter.GetResult();
        var prerollSubBlocks = _preroll / _subBlock;

        // Keep the blocks that end after the pre-roll: block j ends at sub-block j + length.
        for (var j = 0; j < result.Momentary.Length; j++)
        {
            if (j + 4 > prerollSubBlocks)
            {
                _momentary.Add(result.Momentary[j]);
            }
        }

        for (var j = 0; j < result.ShortTerm.Length; j++)
        {
            if (j + 30 > prerollSubBlocks)
            {
                _shortTerm.Add(result.ShortTerm[j]);
            }
        }

        _truePeak = Math.Max(_truePeak, result.TruePeakDbtp);
        _samplePeak = Math.Max(_samplePeak, result.SamplePeakDbfs);
        _windows++;

        // The last 3 s become the next window's pre-roll.
        var keep = Math.Min(_filled, PrerollSubBlocks * _subBlock);
        for (var c = 0; c < _window.Length; c++)
        {
            _window[c].AsSpan(_filled - keep, keep).CopyTo(_window[c]);
        }

        _filled = keep;
        _preroll = keep;
    }
}
