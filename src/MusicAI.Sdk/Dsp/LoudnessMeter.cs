using System.Numerics.Tensors;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Programme loudness per ITU-R BS.1770-4 and EBU R 128 (Tech 3341 momentary/short-term, Tech 3342 loudness range).
/// </summary>
/// <remarks>
/// <para>Each channel is K-weighted (<see cref="KWeighting"/>) and its squared samples are summed in sub-blocks of
/// S = round(fs/10) samples (100 ms; exact for every rate divisible by 10), weighted by the channel gain G
/// (<see cref="ChannelWeight"/>). A gating block j spans sub-blocks j..j+3 (400 ms, 75 % overlap); its loudness is
/// <c>l_j = −0.691 + 10·log10(Σ_i G_i·z_ij)</c> with z the mean square. Only complete blocks count.</para>
/// <para><b>Integrated:</b> blocks above the absolute gate (−70 LUFS) give the relative gate (their power mean −10 LU);
/// the result is the loudness of the power mean of blocks above both gates.
/// <b>Momentary</b>: l_j. <b>Short-term</b>: 30 sub-blocks (3 s), hop 100 ms.
/// <b>Loudness range</b>: short-term values above −70 LUFS and above their power mean −20 LU; LRA is the difference of
/// their 95th and 10th percentiles (linear interpolation between ranks).</para>
/// <para>Usage: create with the signal's shape, call <see cref="AddChannel"/> once per channel, then <see cref="GetResult"/>.
/// Not thread-safe. Work memory is one double per 100 ms; nothing is allocated per sample.</para>
/// </remarks>
internal sealed class LoudnessMeter
{
    /// <summary>Absolute gate of BS.1770-4 in LUFS.</summary>
    public const double AbsoluteGate = -70;

    private readonly double[] _subBlockEnergy;
    private readonly bool[] _added;
    private float _samplePeak;
    private float _truePeak;

    /// <summary>Creates a meter for a signal of the given shape.</summary>
    public LoudnessMeter(int sampleRate, int channelCount, int frameCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channelCount);
        ArgumentOutOfRangeException.ThrowIfNegative(frameCount);
        SampleRate = sampleRate;
        ChannelCount = channelCount;
        FrameCount = frameCount;
        SubBlockLength = Math.Max(1, (int)Math.Round(sampleRate / 10.0));
        _subBlockEnergy = new double[(frameCount + SubBlockLength - 1) / SubBlockLength];
        _added = new bool[channelCount];
    }

    /// <summary>Gets the sample rate in Hz.</summary>
    public int SampleRate { get; }

    /// <summary>Gets the number of channels.</summary>
    public int ChannelCount { get; }

    /// <summary>Gets the number of samples per channel.</summary>
    public int FrameCount { get; }

    /// <summary>Gets S, the samples per 100 ms sub-block.</summary>
    public int SubBlockLength { get; }

    /// <summary>
    /// BS.1770-4 channel weight: 1.0, except 1.41 (+1.5 dB) for the surround channels of 5.0 (L R C Ls Rs) and
    /// 5.1 (L R C LFE Ls Rs) layouts, and 0 for the LFE. Other layouts weight every channel 1.0.
    /// </summary>
    public static double ChannelWeight(int channel, int channelCount) => (channelCount, channel) switch
    {
        (6, 3) => 0,
        (6, 4) or (6, 5) or (5, 3) or (5, 4) => 1.41,
        _ => 1,
    };

    /// <summary>Measures planar channels of equal length in one call.</summary>
    public static LoudnessMeasurement Measure(int sampleRate, IReadOnlyList<float[]> channels)
    {
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count == 0)
        {
            throw new ArgumentException("Pass at least one channel.", nameof(channels));
        }

        var meter = new LoudnessMeter(sampleRate, channels.Count, channels[0].Length);
        for (var c = 0; c < channels.Count; c++)
        {
            meter.AddChannel(c, channels[c]);
        }

        return meter.GetResult();
    }

    /// <summary>Adds one channel (all <see cref="FrameCount"/> samples at once).</summary>
    public void AddChannel(int channel, ReadOnlySpan<float> samples)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(channel);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(channel, ChannelCount);
        if (samples.Length != FrameCount)
        {
            throw new ArgumentException($"Channel {channel} has {samples.Length} samples; the meter was created for {FrameCount}.", nameof(samples));
        }

        if (_added[channel])
        {
            throw new InvalidOperationException($"Channel {channel} was already added; create a new meter to measure again.");
        }

        _added[channel] = true;
        var weight = ChannelWeight(channel, ChannelCount);
        if (weight > 0)
        {
            KWeighting.CreateFilter(SampleRate).ProcessSquaresInBlocks(samples, _subBlockEnergy, SubBlockLength, weight);
        }

        var truePeak = TruePeakMeter.Get(SampleRate).Peak(samples);
        _truePeak = Math.Max(_truePeak, truePeak);
        if (!samples.IsEmpty)
        {
            _samplePeak = Math.Max(_samplePeak, Math.Abs(TensorPrimitives.MaxMagnitude(samples)));
        }
    }

    /// <summary>Computes every figure from the channels added so far (missing channels count as silence).</summary>
    public LoudnessMeasurement GetResult()
    {
        var complete = FrameCount / SubBlockLength;
        var momentaryPower = BlockPowers(complete, 4);
        var shortTermPower = BlockPowers(complete, 30);
        var momentary = Array.ConvertAll(momentaryPower, ToLufs);
        var shortTerm = Array.ConvertAll(shortTermPower, ToLufs);
        return new LoudnessMeasurement(
            Integrated(momentaryPower),
            LoudnessRange(shortTermPower),
            momentary.Length == 0 ? double.NegativeInfinity : momentary.Max(),
            shortTerm.Length == 0 ? double.NegativeInfinity : shortTerm.Max(),
            20 * Math.Log10(_truePeak),
            20 * Math.Log10(_samplePeak),
            momentary,
            shortTerm,
            SubBlockLength / (double)SampleRate);
    }

    /// <summary>Loudness of a weighted mean-square power.</summary>
    public static double ToLufs(double power) => -0.691 + (10 * Math.Log10(power));

    internal static double Integrated(double[] blockPower)
    {
        var (sum, count) = (0.0, 0);
        foreach (var p in blockPower)
        {
            if (ToLufs(p) > AbsoluteGate)
            {
                sum += p;
                count++;
            }
        }

        if (count == 0)
        {
            return double.NegativeInfinity;
        }

        var relativeGate = ToLufs(sum / count) - 10;
        (sum, count) = (0.0, 0);
        foreach (var p in blockPower)
        {
            var l = ToLufs(p);
            if (l > AbsoluteGate && l > relativeGate)
            {
                sum += p;
                count++;
            }
        }

        return ToLufs(sum / count);
    }

    internal static double LoudnessRange(double[] shortTermPower)
    {
        var gated = shortTermPower.Where(p => ToLufs(p) > AbsoluteGate).ToArray();
        if (gated.Length == 0)
        {
            return 0;
        }

        var relativeGate = ToLufs(gated.Average()) - 20;
        var levels = gated.Select(ToLufs).Where(l => l > relativeGate).Order().ToArray();
        return levels.Length < 2 ? 0 : Percentile(levels, 0.95) - Percentile(levels, 0.10);
    }

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Length - 1);
        return sorted[lower] + ((position - lower) * (sorted[upper] - sorted[lower]));
    }

    /// <summary>Mean-square power of every complete block of <paramref name="subBlocks"/> sub-blocks, hop one sub-block.</summary>
    private double[] BlockPowers(int completeSubBlocks, int subBlocks)
    {
        var count = Math.Max(0, completeSubBlocks - subBlocks + 1);
        var powers = new double[count];
        var length = (double)subBlocks * SubBlockLength;
        for (var j = 0; j < count; j++)
        {
            double sum = 0;
            for (var k = 0; k < subBlocks; k++)
            {
                sum += _subBlockEnergy[j + k];
            }

            powers[j] = sum / length;
        }

        return powers;
    }
}
