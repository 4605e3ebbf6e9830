namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>What <see cref="FormatDetector"/> decided a source is.</summary>
internal enum ContainerFormat
{
    /// <summary>RIFF/RF64/BW64 WAVE, decoded in-process.</summary>
    Wav,

    /// <summary>MPEG audio (MP3/MP2), decoded in-process with NLayer.</summary>
    Mpeg,

    /// <summary>Ogg Vorbis, decoded in-process with NVorbis.</summary>
    OggVorbis,

    /// <summary>Anything else: decoded by ffmpeg when it is installed.</summary>
    Other,
}
