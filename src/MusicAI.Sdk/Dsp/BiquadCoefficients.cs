namespace MusicAI.Sdk.Dsp;

/// <summary>
/// One second-order IIR section, normalised so a0 = 1:
/// <c>y[n] = b0·x[n] + b1·x[n−1] + b2·x[n−2] − a1·y[n−1] − a2·y[n−2]</c>.
/// </summary>
/// <param name="B0">Feed-forward coefficient b0.</param>
/// <param name="B1">Feed-forward coefficient b1.</param>
/// <param name="B2">Feed-forward coefficient b2.</param>
/// <param name="A1">Feedback coefficient a1.</param>
/// <param name="A2">Feedback coefficient a2.</param>
internal readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>Magnitude of the frequency response at <paramref name="frequency"/> Hz.</summary>
    public double Gain(double frequency, double sampleRate)
    {
        var w = 2 * Math.PI * frequency / sampleRate;
        var z1 = new System.Numerics.Complex(Math.Cos(-w), Math.Sin(-w));
        var z2 = z1 * z1;
        return ((B0 + (B1 * z1) + (B2 * z2)) / (1 + (A1 * z1) + (A2 * z2))).Magnitude;
    }
}
