namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>
/// The built-in wavetables, generated once per process on first use (a few milliseconds, 1 MB) from the harmonic
/// recipes below (one inverse FFT per mip level); shared, immutable.
/// </summary>
internal static class WavetableBank
{
    private static readonly Lazy<Wavetable> s_organ = new(() => new Wavetable([Organ()]));
    private static readonly Lazy<Wavetable> s_piano = new(() => new Wavetable([Piano(1.0f), Piano(0.55f), Piano(0.3f), Piano(0.16f)]));
    private static readonly Lazy<Wavetable> s_pad = new(() => new Wavetable(PadFrames()));

    /// <summary>Returns the table for <paramref name="shape"/>, building it on first use.</summary>
    public static Wavetable Get(WavetableShape shape) => shape switch
    {
        WavetableShape.Organ => s_organ.Value,
        WavetableShape.Piano => s_piano.Value,
        WavetableShape.Pad => s_pad.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(shape), shape, "Unknown wavetable shape."),
    };

    // Harmonics of the 16' pitch: 16' = 1, 8' = 2, 5 1/3' = 3, 4' = 4, 2 2/3' = 6, 2' = 8, 1' = 16.
    private static float[] Organ()
    {
        var a = new float[16];
        a[0] = 0.55f;
        a[1] = 1.0f;
        a[2] = 0.6f;
        a[3] = 0.55f;
        a[5] = 0.3f;
        a[7] = 0.35f;
        a[15] = 0.18f;
        return a;
    }

    // A struck string: 1/h roll-off, every 7th harmonic weakened (hammer at 1/7 of the string), brightness
    // controlled by an exponential high-harmonic roll-off.
    private static float[] Piano(float brightness)
    {
        var a = new float[64];
        for (var h = 1; h <= a.Length; h++)
        {
            var strike = MathF.Abs(MathF.Sin(MathF.PI * h / 7f));
            a[h - 1] = (0.25f + (0.75f * strike)) / MathF.Pow(h, 1.1f) * MathF.Exp(-(h - 1) / (12f * brightness));
        }

        return a;
    }

    private static float[][] PadFrames()
    {
        const int n = Wavetable.MaxHarmonics;
        var frames = new float[8][];
        for (var f = 0; f < frames.Length; f++)
        {
            frames[f] = new float[n];
        }

        for (var h = 1; h <= n; h++)
        {
            var odd = (h & 1) == 1;
            var i = h - 1;
            frames[0][i] = h == 1 ? 1f : h == 2 ? 0.25f : 0f; // sine + octave
            frames[1][i] = odd ? 1f / (h * h) : 0f; // triangle-like
            frames[2][i] = 1f / h * MathF.Exp(-h / 10f); // soft saw
            frames[3][i] = 1f / h; // saw
            frames[4][i] = odd ? 1f / h : 0f; // square
            frames[5][i] = odd ? (1f / h) * (1f + (3f * Bump(h, 7f, 3f))) : 0.1f / h; // hollow with a resonance
            frames[6][i] = (1f / h) * (0.3f + (2.5f * Bump(h, 3f, 1.2f)) + (1.5f * Bump(h, 9f, 3f))); // vowel-like
            frames[7][i] = MathF.Pow(h, -0.7f) * MathF.Exp(-h / 60f); // buzzy
        }

        return frames;
    }

    private static float Bump(int h, float centre, float width)
    {
        var x = (h - centre) / width;
        return MathF.Exp(-x * x);
    }
}
