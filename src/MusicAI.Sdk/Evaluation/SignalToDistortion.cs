using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Evaluation;

/// <summary>
/// Signal-to-distortion ratios (SDR, in dB) of an estimated source against its reference, as source-separation
/// benchmarks report them. See <c>docs/separation.md</c> for the exact definitions and how they were checked.
/// </summary>
/// <remarks>
/// <para><b>Global</b> (the Music Demixing Challenge definition): <c>10·log10((Σ s² + δ) / (Σ (s − ŝ)² + δ))</c>
/// over every sample of every channel, δ = 1e-7.</para>
/// <para><b>Framewise</b> (BSS Eval v4 / museval, images variant): the same ratio without δ in windows of
/// <c>window</c> frames every <c>hop</c> frames (1 s and 1 s in museval); windows are those that fit entirely in
/// the signal (<c>⌊(n − window + hop) / hop⌋</c>), or one window over the whole signal when fewer than two fit. A window
/// where the reference or the estimate is all zeros is skipped (NaN); a window with no error is +∞. For the images
/// variant of BSS Eval, the SDR's numerator is the reference image itself and its denominator the energy of
/// spatial distortion + interference + artefacts, which add up to ŝ − s: so this ratio IS BSS Eval's images SDR, and
/// the 512-tap projections only matter for ISR/SIR/SAR, which are not computed here. Checked against
/// <c>mir_eval.separation.bss_eval_images_framewise</c> on committed fixtures.</para>
/// <para>The benchmark figure is the median of the framewise values, ignoring NaN.</para>
/// </remarks>
internal static class SignalToDistortion
{
    /// <summary>The regulariser of <see cref="Global"/>.</summary>
    public const double Delta = 1e-7;

    /// <summary>Global SDR over all channels.</summary>
    /// <param name="reference">The true source.</param>
    /// <param name="estimate">The estimate, same channel count; frames beyond the shorter one are ignored.</param>
    /// <returns>The SDR in dB.</returns>
    public static double Global(AudioBuffer reference, AudioBuffer estimate)
    {
        var frames = CommonFrames(reference, estimate);
        var (signal, error) = Energies(reference, estimate, 0, frames);
        return 10 * Math.Log10((signal + Delta) / (error + Delta));
    }

    /// <summary>Framewise SDR.</summary>
    /// <param name="reference">The true source.</param>
    /// <param name="estimate">The estimate, same channel count; frames beyond the shorter one are ignored.</param>
    /// <param name="window">Window length in frames.</param>
    /// <param name="hop">Hop in frames.</param>
    /// <returns>One value per window: dB, NaN for a skipped (silent) window, +∞ for an exact window.</returns>
    public static double[] Framewise(AudioBuffer reference, AudioBuffer estimate, int window, int hop)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(window);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(hop);
        var frames = CommonFrames(reference, estimate);
        if (frames == 0)
        {
            return [];
        }

        var count = (int)Math.Floor((frames - window + hop) / (double)hop);
        if (count < 2)
        {
            return [WindowSdr(reference, estimate, 0, frames)];
        }

        var result = new double[count];
        for (var k = 0; k < count; k++)
        {
            result[k] = WindowSdr(reference, estimate, k * hop, window);
        }

        return result;
    }

    /// <summary>The median of the values that are not NaN (the mean of the two middle ones for an even count).</summary>
    /// <param name="values">The values.</param>
    /// <returns>The median, or NaN when every value is NaN.</returns>
    public static double Median(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var kept = values.Where(v => !double.IsNaN(v)).Order().ToArray();
        if (kept.Length == 0)
        {
            return double.NaN;
        }

        var middle = kept.Length / 2;
        return kept.Length % 2 == 1 ? kept[middle] : (kept[middle - 1] + kept[middle]) / 2;
    }

    private static double WindowSdr(AudioBuffer reference, AudioBuffer estimate, int start, int length)
    {
        if (IsSilent(reference, start, length) || IsSilent(estimate, start, length))
        {
            return double.NaN;
        }

        var (signal, error) = Energies(reference, estimate, start, length);
        return error == 0 ? double.PositiveInfinity : 10 * Math.Log10(signal / error);
    }

    private static (double Signal, double Error) Energies(AudioBuffer reference, AudioBuffer estimate, int start, int length)
    {
        double signal = 0, error = 0;
        for (var c = 0; c < reference.ChannelCount; c++)
        {
            var s = reference.GetChannel(c).Slice(start, length);
            var e = estimate.GetChannel(c).Slice(start, length);
            for (var i = 0; i < s.Length; i++)
            {
                double x = s[i], d = x - e[i];
                signal += x * x;
                error += d * d;
            }
        }

        return (signal, error);
    }

    private static bool IsSilent(AudioBuffer buffer, int start, int length)
    {
        for (var c = 0; c < buffer.ChannelCount; c++)
        {
            if (buffer.GetChannel(c).Slice(start, length).ContainsAnyExcept(0f))
            {
                return false;
            }
        }

        return true;
    }

    private static int CommonFrames(AudioBuffer reference, AudioBuffer estimate)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(estimate);
        if (reference.ChannelCount != estimate.ChannelCount)
        {
            throw new ArgumentException($"The reference has {reference.ChannelCount} channels but the estimate has {estimate.ChannelCount}; compare audio with the same channel count.", nameof(estimate));
        }

        return Math.Min(reference.FrameCount, estimate.FrameCount);
    }
}
