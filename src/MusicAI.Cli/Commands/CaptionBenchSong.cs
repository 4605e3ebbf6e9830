using MusicAI.Sdk.Audio;

namespace MusicAI.Cli.Commands;

/// <summary>
/// The deterministic 3-minute stereo song <c>musicai bench caption</c> analyses when no input is given: 112 BPM, A minor,
/// verse/chorus form (quieter verses, louder choruses with a brighter pad), kick/snare/hat from shaped noise, a bass
/// line and chord tones with harmonics, slightly different left/right mixes.
/// </summary>
internal static class CaptionBenchSong
{
    public const double Bpm = 112;

    public const string Key = "A minor";

    public static AudioBuffer Create(double seconds = 180, int sampleRate = 44100)
    {
        var frames = (int)(seconds * sampleRate);
        var left = new float[frames];
        var right = new float[frames];
        var random = new Random(20240611);
        var beat = 60 / Bpm;
        // A minor: i–VI–III–VII (Am F C G) in the verses, i–iv–V–i (Am Dm E Am) in the choruses; MIDI roots.
        int[][] verse = [[57, 60, 64], [53, 57, 60], [48, 52, 55], [55, 59, 62]];
        int[][] chorus = [[57, 60, 64], [50, 53, 57], [52, 56, 59], [57, 60, 64]];
        var bar = 0;
        for (var start = 0.0; start < seconds; start += 4 * beat, bar++)
        {
            var isChorus = bar / 8 % 2 == 1;
            var chord = (isChorus ? chorus : verse)[bar % 4];
            var level = isChorus ? 1.0 : 0.55;
            for (var b = 0; b < 4; b++)
            {
                var t = start + (b * beat);
                Drum(left, right, sampleRate, t, b % 2 == 0 ? 60 : 0, b % 2 == 0 ? 0.5 * level : 0.35 * level, random, b % 2 == 1);
                Drum(left, right, sampleRate, t + (beat / 2), 0, 0.08 * level, random, false, hat: true);
                Tone(left, right, sampleRate, t, beat * 0.9, Hz(chord[0] - 24), 0.22 * level, 3, 0.5);
            }

            foreach (var note in chord)
            {
                Tone(left, right, sampleRate, start, 4 * beat, Hz(note), 0.07 * level, isChorus ? 8 : 4, note % 2 == 0 ? 0.3 : 0.7);
            }
        }

        return AudioBuffer.FromChannels(sampleRate, left, right);
    }

    private static double Hz(int midi) => 440 * Math.Pow(2, (midi - 69) / 12.0);

    private static void Tone(float[] left, float[] right, int rate, double time, double length, double hz, double amplitude, int harmonics, double pan)
    {
        var start = (int)(time * rate);
        var count = Math.Min((int)(length * rate), left.Length - start);
        for (var i = 0; i < count; i++)
        {
            var t = i / (double)rate;
            var envelope = Math.Min(1, i / (0.01 * rate)) * Math.Min(1, (count - i) / (0.05 * rate)) * Math.Exp(-1.5 * t);
            double value = 0;
            for (var h = 1; h <= harmonics && hz * h < rate / 2.5; h++)
            {
                value += Math.Sin(2 * Math.PI * hz * h * t) / (h * h * 0.5 + 0.5);
            }

            var sample = amplitude * envelope * value;
            left[start + i] += (float)(sample * (1 - pan));
            right[start + i] += (float)(sample * pan);
        }
    }

    private static void Drum(float[] left, float[] right, int rate, double time, double pitchHz, double amplitude, Random random, bool snare, bool hat = false)
    {
        var start = (int)(time * rate);
        var count = Math.Min((int)((hat ? 0.03 : 0.2) * rate), left.Length - start);
        double previous = 0;
        for (var i = 0; i < count; i++)
        {
            var t = i / (double)rate;
            var noise = (random.NextDouble() * 2) - 1;
            var high = noise - previous;
            previous = noise;
            var body = pitchHz > 0 ? Math.Sin(2 * Math.PI * pitchHz * t * (1 + (2 * Math.Exp(-t * 40)))) * Math.Exp(-t * 12) : 0;
            var rattle = (snare ? noise * Math.Exp(-t * 18) : 0) + (hat ? high * Math.Exp(-t * 120) : 0);
            var sample = amplitude * (body + (0.6 * rattle));
            left[start + i] += (float)sample;
            right[start + i] += (float)sample;
        }
    }
}
