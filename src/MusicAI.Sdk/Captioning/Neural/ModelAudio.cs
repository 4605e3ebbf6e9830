using MusicAI.Sdk.Audio;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>Prepares audio for a model: channel average, then the SDK resampler to the model's rate.</summary>
internal static class ModelAudio
{
    /// <summary>Returns a new mono buffer at <paramref name="sampleRate"/> (the caller disposes it).</summary>
    public static AudioBuffer ToMono(AudioBuffer audio, int sampleRate)
    {
        ArgumentNullException.ThrowIfNull(audio);
        if (audio.SampleRate == sampleRate)
        {
            return audio.ToChannelCount(1);
        }

        using var mono = audio.ChannelCount == 1 ? null : audio.ToChannelCount(1);
        return (mono ?? audio).Resample(sampleRate);
    }
}
