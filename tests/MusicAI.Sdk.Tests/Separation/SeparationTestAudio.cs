using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Tests.Separation;

/// <summary>Test signals and checks shared by the separation tests.</summary>
internal static class SeparationTestAudio
{
    /// <summary>A deterministic music-like signal: a repeating bass/chord loop, noise-burst "drums" and a gliding tone in the centre.</summary>
    public static AudioBuffer Song(int channels, int frames, int sampleRate, int seed = 3)
    {
        var random = new Random(seed);
        var buffer = AudioBuffer.Create(channels, frames, sampleRate);
        var beat = sampleRate / 2;
        for (var i = 0; i < frames; i++)
        {
            var t = i / (double)sampleRate;
            var bar = (int)(t / 2) % 4;
            var root = 55 * Math.Pow(2, new[] { 0, 5, 7, 3 }[bar] / 12.0);
            var bass = 0.25 * Math.Sin(2 * Math.PI * root * t);
            var chord = 0.08 * (Math.Sin(2 * Math.PI * root * 4 * t) + Math.Sin(2 * Math.PI * root * 5 * t) + Math.Sin(2 * Math.PI * root * 6 * t));
            var drum = (i % beat) < sampleRate / 40 ? 0.3 * ((random.NextDouble() * 2) - 1) * (1 - ((i % beat) / (sampleRate / 40.0))) : 0;
            var voice = (t % 3) < 2 ? 0.2 * Math.Sin(2 * Math.PI * (330 + (40 * Math.Sin(2 * Math.PI * 0.7 * t))) * t) : 0;
            for (var c = 0; c < channels; c++)
            {
                var pan = channels == 1 ? 1 : c % 2 == 0 ? 1.3 : 0.7;
                buffer.GetChannel(c)[i] = (float)(bass + (chord * pan) + drum + voice + (0.01 * c));
            }
        }

        return buffer;
    }

    /// <summary>The largest |Σ stems − mix| over every sample.</summary>
    public static float SumError(AudioBuffer mix, IEnumerable<AudioBuffer> stems)
    {
        var list = stems.ToList();
        var worst = 0f;
        for (var c = 0; c < mix.ChannelCount; c++)
        {
            var m = mix.GetChannel(c);
            for (var i = 0; i < m.Length; i++)
            {
                var sum = 0f;
                foreach (var stem in list)
                {
                    sum += stem.GetChannel(c)[i];
                }

                worst = Math.Max(worst, Math.Abs(sum - m[i]));
            }
        }

        return worst;
    }

    /// <summary>Whether every sample is finite.</summary>
    public static bool AllFinite(AudioBuffer audio)
    {
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            foreach (var sample in audio.GetChannel(c))
            {
                if (!float.IsFinite(sample))
                {
                    return false;
                }
            }
        }

        return true;
    }
}
