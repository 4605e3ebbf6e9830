namespace MusicAI.Sdk.Audio.Wav;

/// <summary>The header layouts <see cref="WavHeaderWriter"/> builds.</summary>
internal enum WavHeaderKind
{
    /// <summary>A minimal RIFF header for sizes known up front.</summary>
    Riff,

    /// <summary>A RIFF header with a 28-byte JUNK chunk that an RF64 ds64 chunk can replace in place.</summary>
    RiffWithJunk,

    /// <summary>An RF64 header with a ds64 chunk.</summary>
    Rf64,
}
