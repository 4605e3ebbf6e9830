using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Tests.Captioning;

/// <summary>Test signals whose tempo, meter, key, loudness or structure are known by construction.</summary>
internal static class SyntheticMusic
{
    /// <summary>Major and natural-minor scale steps from the tonic.</summary>
    public static readonly int[] Major = [0, 2, 4, 5, 7, 9, 11];

    /// <summary>Natural minor scale steps.</summary>
    public static readonly int[] Minor = [0, 2, 3, 5, 7, 8, 10];

    /// <summary>Frequency of a MIDI note (A4 = 69 = 440 Hz), optionally detuned in cents.</summary>
    public static double Frequency(double midi, double cents = 0) => 440 * Math.Pow(2, (midi - 69 + (cents / 100)) / 12);

    /// <summary>
    /// A click track: a percussive click (decaying noise burst plus a 1.5 kHz ping) on every beat, a low "kick" (60 Hz
    /// decaying sine) on every first beat of a bar, and optional swung eighth-note ticks in between.
    /// </summary>
    /// <param name="bpm">Beats per minute.</param>
    /// <param name="seconds">Length.</param>
    /// <param name="beatsPerBar">Accent period.</param>
    /// <param name="swing">When not null, eighth-note ticks at this fraction of the beat (0.5 straight, 0.667 triplet swing).</param>
    /// <param name="sampleRate">Sample rate.</param>
    /// <param name="firstBeat">Time of the first beat in seconds.</param>
    /// <param name="seed">Seed of the click noise.</param>
    public static float[] ClickTrack(double bpm, double seconds, int beatsPerBar = 4, double? swing = null, int sampleRate = 22050, double firstBeat = 0.5, int seed = 1)
    {
        var samples = new float[(int)(seconds * sampleRate)];
        var random = new Random(seed);
        var period = 60 / bpm;
        var beat = 0;
        for (var t = firstBeat; t < seconds; t += period, beat++)
        {
            var downbeat = beat % beatsPerBar == 0;
            AddClick(samples, sampleRate, t, downbeat ? 0.5 : 0.35, random);
            if (downbeat)
            {
                AddTone(samples, sampleRate, t, 0.15, 60, 0.6, decay: 25);
            }

            if (swing is double s)
            {
                AddClick(samples, sampleRate, t + (s * period), 0.12, random);
            }
        }

        return samples;
    }

    /// <summary>
    /// Chords (one per <paramref name="secondsPerChord"/>) in a key, as harmonic tones with a bass root; degrees index
    /// the scale (0 = tonic). Minor keys use the harmonic-minor V when <paramref name="harmonicMinorDominant"/>.
    /// </summary>
    public static float[] Chords(int tonic, bool minor, int[] degrees, double secondsPerChord, double seconds, int sampleRate = 22050, double cents = 0, bool harmonicMinorDominant = true, double amplitude = 0.12)
    {
        var samples = new float[(int)(seconds * sampleRate)];
        var scale = minor ? Minor : Major;
        var chordIndex = 0;
        for (var start = 0.0; start < seconds; start += secondsPerChord, chordIndex++)
        {
            var degree = degrees[chordIndex % degrees.Length];
            var length = Math.Min(secondsPerChord, seconds - start);
            for (var i = 0; i < 3; i++)
            {
                var step = degree + (2 * i);
                var semitone = scale[step % 7] + (12 * (step / 7));
                if (minor && harmonicMinorDominant && degree == 4 && semitone % 12 == 10)
                {
                    semitone++;
                }

                AddTone(samples, sampleRate, start, length, Frequency(60 + tonic + semitone, cents), amplitude, decay: 0.8, harmonics: 6);
            }

            AddTone(samples, sampleRate, start, length, Frequency(36 + tonic + scale[degree % 7], cents), amplitude * 1.2, decay: 0.8, harmonics: 4);
        }

        return samples;
    }

    /// <summary>A sine at <paramref name="dbfs"/> dB full scale (peak), for loudness tests.</summary>
    public static float[] Sine(double frequency, double dbfs, double seconds, int sampleRate, double phase = 0)
    {
        var amplitude = Math.Pow(10, dbfs / 20);
        var samples = new float[(int)Math.Round(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * Math.Sin((2 * Math.PI * frequency * i / sampleRate) + phase));
        }

        return samples;
    }

    /// <summary>Seeded white noise with a uniform distribution in ±amplitude.</summary>
    public static float[] Noise(double seconds, int sampleRate, double amplitude = 0.3, int seed = 7)
    {
        var random = new Random(seed);
        var samples = new float[(int)(seconds * sampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (float)(amplitude * ((random.NextDouble() * 2) - 1));
        }

        return samples;
    }

    /// <summary>Sums signals (the result is as long as the longest).</summary>
    public static float[] Mix(params float[][] parts)
    {
        var result = new float[parts.Max(p => p.Length)];
        foreach (var part in parts)
        {
            for (var i = 0; i < part.Length; i++)
            {
                result[i] += part[i];
            }
        }

        return result;
    }

    /// <summary>Joins signals one after another.</summary>
    public static float[] Concat(params float[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>A mono buffer.</summary>
    public static AudioBuffer Mono(float[] samples, int sampleRate = 22050) => AudioBuffer.FromChannels(sampleRate, samples);

    /// <summary>A stereo buffer with the same signal in both channels.</summary>
    public static AudioBuffer Stereo(float[] samples, int sampleRate) => AudioBuffer.FromChannels(sampleRate, samples, (float[])samples.Clone());

    private static void AddClick(float[] samples, int sampleRate, double time, double amplitude, Random random)
    {
        var start = (int)Math.Round(time * sampleRate);
        var length = (int)(0.04 * sampleRate);
        for (var i = 0; i < length && start + i < samples.Length; i++)
        {
            var envelope = Math.Exp(-i / (0.006 * sampleRate));
            var noise = (random.NextDouble() * 2) - 1;
            var ping = Math.Sin(2 * Math.PI * 1500 * i / sampleRate);
            samples[start + i] += (float)(amplitude * envelope * ((0.6 * noise) + (0.4 * ping)));
        }
    }

    private static void AddTone(float[] samples, int sampleRate, double time, double length, double frequency, double amplitude, double decay, int harmonics = 1)
    {
        var start = (int)Math.Round(time * sampleRate);
        var count = (int)(length * sampleRate);
        var release = (int)(0.02 * sampleRate);
        for (var i = 0; i < count && start + i < samples.Length; i++)
        {
            var t = i / (double)sampleRate;
            var envelope = Math.Exp(-t * decay) * Math.Min(1, Math.Min(i / (0.005 * sampleRate), (count - i) / (double)release));
            double value = 0;
            for (var h = 1; h <= harmonics; h++)
            {
                if (frequency * h < sampleRate / 2.2)
                {
                    value += Math.Sin(2 * Math.PI * frequency * h * t) / h;
                }
            }

            samples[start + i] += (float)(amplitude * envelope * value);
        }
    }
}
