namespace MusicAI.Sdk.Dsp;

/// <summary>
/// The K-weighting pre-filter of ITU-R BS.1770-4 for any sample rate: a high-shelf ("stage 1", head effects)
/// followed by the RLB high-pass ("stage 2").
/// </summary>
/// <remarks>
/// BS.1770 publishes coefficients for 48 kHz only. They are the bilinear transforms (pre-warped at f0) of two analogue
/// prototypes whose parameters are recovered from the published 48 kHz coefficients: shelf f0 = 1681.974450955533 Hz,
/// gain 3.999843853973347 dB, Q = 0.7071752369554196, band-gain exponent 0.4996667741545416; high-pass
/// f0 = 38.13547087602444 Hz, Q = 0.5003270373238773 (the values used by libebur128 and pyloudnorm). Re-deriving at
/// 48 kHz reproduces the published coefficients to within 1e-12 (tested), and any other rate gets the same analogue
/// response.
/// </remarks>
internal static class KWeighting
{
    private const double ShelfFrequency = 1681.974450955533;
    private const double ShelfGainDb = 3.999843853973347;
    private const double ShelfQ = 0.7071752369554196;
    private const double ShelfBandExponent = 0.4996667741545416;
    private const double HighPassFrequency = 38.13547087602444;
    private const double HighPassQ = 0.5003270373238773;

    /// <summary>Stage 1: the high-shelf (+4 dB above ≈ 2 kHz).</summary>
    public static BiquadCoefficients Shelf(double sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var k = Math.Tan(Math.PI * ShelfFrequency / sampleRate);
        var vh = Math.Pow(10, ShelfGainDb / 20);
        var vb = Math.Pow(vh, ShelfBandExponent);
        var a0 = 1 + (k / ShelfQ) + (k * k);
        return new BiquadCoefficients(
            (vh + (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - vh) / a0,
            (vh - (vb * k / ShelfQ) + (k * k)) / a0,
            2 * ((k * k) - 1) / a0,
            (1 - (k / ShelfQ) + (k * k)) / a0);
    }

    /// <summary>Stage 2: the RLB high-pass (b = [1, −2, 1] unnormalised, as in BS.1770).</summary>
    public static BiquadCoefficients HighPass(double sampleRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        var k = Math.Tan(Math.PI * HighPassFrequency / sampleRate);
        var a0 = 1 + (k / HighPassQ) + (k * k);
        return new BiquadCoefficients(1, -2, 1, 2 * ((k * k) - 1) / a0, (1 - (k / HighPassQ) + (k * k)) / a0);
    }

    /// <summary>Creates a fresh two-stage K-weighting filter for one channel.</summary>
    public static BiquadCascade CreateFilter(double sampleRate) => new(Shelf(sampleRate), HighPass(sampleRate));
}
