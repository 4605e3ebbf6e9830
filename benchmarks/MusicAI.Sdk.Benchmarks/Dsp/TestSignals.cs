namespace MusicAI.Sdk.Benchmarks.Dsp;

/// <summary>Deterministic benchmark inputs.</summary>
internal static class TestSignals
{
    /// <summary>Three-minute song length at CD rate, per channel.</summary>
    public const int SongSamples = 180 * SampleRate;

    public const int SampleRate = 44_100;

    /// <summary>A few tones plus seeded noise, in [-1, 1].</summary>
    public static float[] Music(int length, int seed)
    {
        var random = new Random(seed);
        var x = new float[length];
        for (var i = 0; i < length; i++)
        {
            var t = (double)i / SampleRate;
            x[i] = (float)((0.3 * Math.Sin(2 * Math.PI * 220 * t)) + (0.2 * Math.Sin(2 * Math.PI * 1234.5 * t)) + (0.1 * ((random.NextDouble() * 2) - 1)));
        }

        return x;
    }
}
