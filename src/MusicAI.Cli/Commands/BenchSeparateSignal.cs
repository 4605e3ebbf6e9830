using MusicAI.Sdk.Audio;

namespace MusicAI.Cli.Commands;

/// <summary>
/// A deterministic synthetic stereo song for the separation benchmark, generated block by block (the same samples
/// however it is cut): a bass loop, chords panned left, off-beat "hi-hats" panned right, kick and snare noise bursts,
/// and a gliding voice-like tone in the centre that sings three bars out of four.
/// </summary>
internal static class BenchSeparateSignal
{
    /// <summary>Fills <paramref name="destination"/> (stereo) with frames starting at <paramref name="startFrame"/>.</summary>
    public static void Fill(AudioBuffer destination, long startFrame)
    {
        var rate = destination.SampleRate;
        var left = destination.GetChannel(0);
        var right = destination.GetChannel(1);
        var beat = rate / 2;
        for (var i = 0; i < destination.FrameCount; i++)
        {
            var n = startFrame + i;
            var t = n / (double)rate;
            var bar = (int)(t / 2);
            var root = 55 * Math.Pow(2, new[] { 0, 5, 7, 3 }[bar % 4] / 12.0);
            var bass = 0.2 * Math.Sin(2 * Math.PI * root * t);
            var chord = 0.05 * (Math.Sin(2 * Math.PI * root * 4 * t) + Math.Sin(2 * Math.PI * root * 5 * t) + Math.Sin(2 * Math.PI * root * 6 * t));
            var inBeat = n % beat;
            var decay = Math.Exp(-inBeat * 40.0 / rate);
            var kick = (n / beat) % 2 == 0 ? 0.3 * decay * Math.Sin(2 * Math.PI * 60 * inBeat / rate) : 0;
            var snare = (n / beat) % 2 == 1 ? 0.15 * decay * Noise(n) : 0;
            var hat = ((n + (beat / 2)) % beat) < rate / 50 ? 0.05 * Noise(n + 7) : 0;
            var voice = bar % 4 != 3 ? 0.15 * Math.Sin(2 * Math.PI * (330 + (60 * Math.Sin(2 * Math.PI * 0.5 * t))) * t) * (0.6 + (0.4 * Math.Sin(2 * Math.PI * 4 * t))) : 0;
            var centre = bass + kick + snare + voice;
            left[i] = (float)(centre + (1.4 * chord) + (0.4 * hat));
            right[i] = (float)(centre + (0.6 * chord) + (1.4 * hat));
        }
    }

    /// <summary>White noise in [-1, 1] from a hash of the frame index (no state, so any block order gives the same samples).</summary>
    private static double Noise(long n)
    {
        var x = (ulong)n * 0x9E3779B97F4A7C15UL;
        x ^= x >> 31;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 29;
        return ((x >> 11) * (1.0 / (1UL << 53)) * 2) - 1;
    }
}
