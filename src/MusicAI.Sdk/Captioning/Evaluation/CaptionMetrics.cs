using MusicAI.Sdk.Captioning.Text;

namespace MusicAI.Sdk.Captioning.Evaluation;

/// <summary>
/// Accuracy measures for tempo and key, as MIREX defines them.
/// </summary>
/// <remarks>
/// <para><b>Tempo</b> (Gouyon et al. 2006): Acc1 — the estimate is within ±4 % of the reference; Acc2 — within ±4 % of
/// the reference times 1, 2, 3, ½ or ⅓ (octave and triple/third errors forgiven).</para>
/// <para><b>Key</b> (MIREX weighted score, as <c>mir_eval.key.weighted_score</c> with its defaults): 1 for the same key,
/// 0.5 for the key a perfect fifth above in the same mode, 0.3 for the relative key (major ↔ minor three semitones
/// apart), 0.2 for the parallel key (same tonic, other mode), 0 otherwise.</para>
/// </remarks>
internal static class CaptionMetrics
{
    /// <summary>Relative tempo tolerance of Acc1/Acc2.</summary>
    public const double TempoTolerance = 0.04;

    /// <summary>Whether an estimate is within ±4 % of the reference.</summary>
    public static bool TempoAcc1(double? estimate, double reference) =>
        estimate is double e && Math.Abs(e - reference) <= TempoTolerance * reference;

    /// <summary>Whether an estimate is within ±4 % of the reference times 1, 2, 3, 1/2 or 1/3.</summary>
    public static bool TempoAcc2(double? estimate, double reference)
    {
        foreach (var factor in (ReadOnlySpan<double>)[1, 2, 3, 0.5, 1.0 / 3])
        {
            if (TempoAcc1(estimate, reference * factor))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>MIREX weighted key score of an estimate (null estimate scores 0).</summary>
    public static double KeyScore(int? estimatedTonic, bool estimatedMinor, int referenceTonic, bool referenceMinor)
    {
        if (estimatedTonic is not int e)
        {
            return 0;
        }

        var interval = (((e - referenceTonic) % 12) + 12) % 12;
        if (estimatedMinor == referenceMinor)
        {
            return interval switch { 0 => 1, 7 => 0.5, _ => 0 };
        }

        if (interval == 0)
        {
            return 0.2;
        }

        // Relative: a major reference's relative minor is 9 semitones up; a minor reference's relative major 3 up.
        return (!referenceMinor && interval == 9) || (referenceMinor && interval == 3) ? 0.3 : 0;
    }

    /// <summary>MIREX weighted key score of two key names (<c>"A minor"</c>, <c>"Eb major"</c>, …).</summary>
    /// <exception cref="ArgumentException">The reference is not a key name.</exception>
    public static double KeyScore(string? estimate, string reference)
    {
        if (!KeyNames.TryParse(reference, out var referenceTonic, out var referenceMinor))
        {
            throw new ArgumentException($"'{reference}' is not a key such as 'A minor'.", nameof(reference));
        }

        return KeyNames.TryParse(estimate, out var tonic, out var minor) ? KeyScore(tonic, minor, referenceTonic, referenceMinor) : 0;
    }
}
