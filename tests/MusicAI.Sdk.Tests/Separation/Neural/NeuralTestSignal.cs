namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>
/// The closed-formula stereo test signal of tests/TestAssets/generate/sepnn_reference.py (<c>test_signal</c>),
/// computed in double and rounded to float exactly as the script does, so the fixtures need not store the input.
/// </summary>
internal static class NeuralTestSignal
{
    public const int SampleRate = 44_100;

    public static float[][] Generate(int frames)
    {
        var left = new float[frames];
        var right = new float[frames];
        for (long n = 0; n < frames; n++)
        {
            var t = n / (double)SampleRate;
            var burst = Math.Exp(-30.0 * (n % 22050 / (double)SampleRate));
            var tremolo = 0.6 + (0.4 * Math.Sin(2 * Math.PI * 0.5 * t));
            var chirp = Math.Sin(2 * Math.PI * (300.0 + (200.0 * t)) * t);
            left[n] = (float)((0.25 * Math.Sin(2 * Math.PI * 110.0 * t)) + (0.15 * Math.Sin((2 * Math.PI * 440.0 * t) + 0.3) * tremolo)
                + (0.10 * chirp) + (0.20 * burst * Noise(n, 0)));
            right[n] = (float)((0.20 * Math.Sin((2 * Math.PI * 110.0 * t) + 0.1)) + (0.20 * Math.Sin(2 * Math.PI * 660.0 * t) * tremolo)
                + (0.05 * chirp) + (0.20 * burst * Noise(n, 1)));
        }

        return [left, right];
    }

    /// <summary>Integer LCG noise in [-0.5, 0.5), as the script's <c>noise</c>.</summary>
    private static double Noise(long n, int channel) =>
        (((n * 1103515245) + 12345 + (channel * 7919)) % 2147483648L / 2147483648.0) - 0.5;
}
