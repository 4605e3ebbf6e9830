using System.Numerics;
using NWaves.Filters.Butterworth;
using NWaves.Filters.Fda;
using NWaves.Windows;

namespace MusicAI.Sdk.Dsp;

/// <summary>
/// Adapter over NWaves' filter design: Butterworth IIR filters as second-order sections and windowed-sinc FIR filters.
/// </summary>
/// <remarks>
/// <para>FIR: NWaves' <c>FirWinLp</c>/<c>FirWinHp</c> (equal to <c>scipy.signal.firwin</c>, tested).</para>
/// <para>IIR: NWaves' analogue Butterworth prototype poles, mapped here with the pre-warped bilinear transform
/// straight to second-order sections (<see cref="BiquadCoefficients"/>, run by <see cref="BiquadCascade"/>), like
/// <c>scipy.signal.butter(..., output="sos")</c>. We do not use NWaves' own route (a full-order transfer function, then
/// <c>TfToSos</c> by polynomial root finding): measured against scipy it is off by 0.5 % for an 8th-order 200 Hz
/// low-pass at 44.1 kHz and by 1.3 % for a 2nd-order 300–3000 Hz band-pass, because the roots of a high-order
/// polynomial with clustered poles are ill-conditioned.</para>
/// <para>Frequencies are in Hz; no NWaves type appears in the signatures.</para>
/// </remarks>
internal static class FilterDesign
{
    /// <summary>Butterworth low-pass of the given order (−3 dB at the cut-off), as second-order sections.</summary>
    public static BiquadCoefficients[] ButterworthLowPass(int order, double cutoffHz, double sampleRate)
    {
        ValidateIir(order, sampleRate, cutoffHz);
        var k = Math.Tan(Math.PI * cutoffHz / sampleRate);
        var poles = PrototypeButterworth.Poles(order).Select(p => Bilinear(k * p));
        return Sections(poles, zeroAt: -1, referenceHz: 0, sampleRate);
    }

    /// <summary>Butterworth high-pass of the given order (−3 dB at the cut-off), as second-order sections.</summary>
    public static BiquadCoefficients[] ButterworthHighPass(int order, double cutoffHz, double sampleRate)
    {
        ValidateIir(order, sampleRate, cutoffHz);
        var k = Math.Tan(Math.PI * cutoffHz / sampleRate);
        var poles = PrototypeButterworth.Poles(order).Select(p => Bilinear(k / p));
        return Sections(poles, zeroAt: +1, referenceHz: sampleRate / 2, sampleRate);
    }

    /// <summary>Butterworth band-pass (order per edge, so 2·order poles, like <c>scipy.signal.butter</c>).</summary>
    public static BiquadCoefficients[] ButterworthBandPass(int order, double lowHz, double highHz, double sampleRate)
    {
        ValidateIir(order, sampleRate, lowHz, highHz);
        if (lowHz >= highHz)
        {
            throw new ArgumentException($"The low edge ({lowHz} Hz) must be below the high edge ({highHz} Hz).", nameof(lowHz));
        }

        // Low-pass → band-pass: s → (s² + ω0²)/(B·s) on the pre-warped edges; each prototype pole gives two.
        double k1 = Math.Tan(Math.PI * lowHz / sampleRate), k2 = Math.Tan(Math.PI * highHz / sampleRate);
        double w0Squared = k1 * k2, bandwidth = k2 - k1;
        var poles = new List<Complex>();
        foreach (var p in PrototypeButterworth.Poles(order))
        {
            var half = p * bandwidth / 2;
            var root = Complex.Sqrt((half * half) - w0Squared);
            poles.Add(Bilinear(half + root));
            poles.Add(Bilinear(half - root));
        }

        var centerHz = Math.Atan(Math.Sqrt(w0Squared)) * sampleRate / Math.PI;
        return Sections(poles, zeroAt: 0, referenceHz: centerHz, sampleRate);
    }

    /// <summary>Windowed-sinc FIR low-pass with unit gain at DC (<c>scipy.signal.firwin</c>).</summary>
    /// <param name="taps">Number of taps (filter length), 3 or more.</param>
    /// <param name="cutoffHz">Cut-off (−6 dB) in Hz.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="window">Window applied to the sinc (symmetric).</param>
    public static float[] FirLowPass(int taps, double cutoffHz, double sampleRate, WindowKind window = WindowKind.Blackman)
    {
        ValidateFir(taps, sampleRate, cutoffHz);
        return Array.ConvertAll(DesignFilter.FirWinLp(taps, cutoffHz / sampleRate, ToNWaves(window)), v => (float)v);
    }

    /// <summary>Windowed-sinc FIR high-pass with unit gain at Nyquist; <paramref name="taps"/> must be odd.</summary>
    public static float[] FirHighPass(int taps, double cutoffHz, double sampleRate, WindowKind window = WindowKind.Blackman)
    {
        ValidateFir(taps, sampleRate, cutoffHz);
        if (taps % 2 == 0)
        {
            throw new ArgumentException($"A high-pass FIR needs an odd number of taps (got {taps}); an even length forces a zero at Nyquist.", nameof(taps));
        }

        return Array.ConvertAll(DesignFilter.FirWinHp(taps, cutoffHz / sampleRate, ToNWaves(window)), v => (float)v);
    }

    /// <summary>Bilinear transform (frequencies pre-warped, fs-normalised): z = (1 + s)/(1 − s).</summary>
    private static Complex Bilinear(Complex s) => (1 + s) / (1 - s);

    /// <summary>
    /// Pairs conjugate poles into sections; zeros at z = <paramref name="zeroAt"/> (−1 low-pass, +1 high-pass,
    /// 0 meaning one at +1 and one at −1 per section for band-pass). Each section is scaled to unit gain at
    /// <paramref name="referenceHz"/>, which keeps intermediate signals in range.
    /// </summary>
    private static BiquadCoefficients[] Sections(IEnumerable<Complex> poles, int zeroAt, double referenceHz, double sampleRate)
    {
        var list = poles.ToList();
        var upper = list.Where(p => p.Imaginary > 1e-12).OrderBy(p => p.Magnitude).ToList();
        var real = list.Where(p => Math.Abs(p.Imaginary) <= 1e-12).Select(p => p.Real).OrderBy(r => r).ToList();
        var sections = new List<BiquadCoefficients>();
        foreach (var p in upper)
        {
            var (b0, b1, b2) = zeroAt switch { -1 => (1.0, 2.0, 1.0), 1 => (1.0, -2.0, 1.0), _ => (1.0, 0.0, -1.0) };
            sections.Add(Normalize(new BiquadCoefficients(b0, b1, b2, -2 * p.Real, p.Magnitude * p.Magnitude), referenceHz, sampleRate));
        }

        // Real poles pair into one second-order section (band-pass) or stay first order (odd low/high-pass).
        for (var i = 0; i < real.Count; i += 2)
        {
            if (i + 1 < real.Count)
            {
                var (b0, b1, b2) = zeroAt switch { -1 => (1.0, 2.0, 1.0), 1 => (1.0, -2.0, 1.0), _ => (1.0, 0.0, -1.0) };
                sections.Add(Normalize(new BiquadCoefficients(b0, b1, b2, -(real[i] + real[i + 1]), real[i] * real[i + 1]), referenceHz, sampleRate));
            }
            else
            {
                var b1 = zeroAt == 1 ? -1.0 : 1.0;
                sections.Add(Normalize(new BiquadCoefficients(1, b1, 0, -real[i], 0), referenceHz, sampleRate));
            }
        }

        return [.. sections];
    }

    private static BiquadCoefficients Normalize(BiquadCoefficients c, double referenceHz, double sampleRate)
    {
        var g = 1 / c.Gain(referenceHz, sampleRate);
        return c with { B0 = c.B0 * g, B1 = c.B1 * g, B2 = c.B2 * g };
    }

    private static WindowType ToNWaves(WindowKind window) => window switch
    {
        WindowKind.Rectangular => WindowType.Rectangular,
        WindowKind.Hann => WindowType.Hann,
        WindowKind.Hamming => WindowType.Hamming,
        WindowKind.Blackman => WindowType.Blackman,
        WindowKind.BartlettHann => WindowType.BartlettHann,
        _ => throw new ArgumentException($"Window {window} is not supported for FIR design; use Hann, Hamming, Blackman, BartlettHann or Rectangular.", nameof(window)),
    };

    private static void ValidateIir(int order, double sampleRate, params ReadOnlySpan<double> frequencies)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 16);
        ValidateFrequencies(sampleRate, frequencies);
    }

    private static void ValidateFir(int taps, double sampleRate, double cutoffHz)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(taps, 3);
        ValidateFrequencies(sampleRate, [cutoffHz]);
    }

    private static void ValidateFrequencies(double sampleRate, ReadOnlySpan<double> frequencies)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        foreach (var f in frequencies)
        {
            if (!(f > 0 && f < sampleRate / 2))
            {
                throw new ArgumentOutOfRangeException(nameof(frequencies), f, $"Filter frequencies must lie strictly between 0 and the Nyquist frequency ({sampleRate / 2} Hz).");
            }
        }
    }
}
