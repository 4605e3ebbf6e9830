namespace MusicAI.Sdk.Audio;

/// <summary>
/// The sample encoding of a WAV file that MusicAI.Sdk writes.
/// </summary>
/// <remarks>
/// Integer formats clamp samples to [-1, 1] and round to the nearest step (no dither); a sample of +1.0 becomes the
/// largest positive code, and <c>NaN</c> becomes 0. Float formats store samples exactly as they are, including values
/// outside [-1, 1].
/// </remarks>
public enum WavSampleFormat
{
    /// <summary>32-bit IEEE float (lossless for <see cref="AudioBuffer"/> samples).</summary>
    Float32 = 0,

    /// <summary>8-bit unsigned integer PCM.</summary>
    Pcm8 = 1,

    /// <summary>16-bit signed integer PCM (CD quality; the most widely readable format).</summary>
    Pcm16 = 2,

    /// <summary>24-bit signed integer PCM.</summary>
    Pcm24 = 3,

    /// <summary>32-bit signed integer PCM.</summary>
    Pcm32 = 4,

    /// <summary>64-bit IEEE float.</summary>
    Float64 = 5,
}
