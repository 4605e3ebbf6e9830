namespace MusicAI.Sdk.Audio.Wav;

/// <summary>How one sample is stored in a WAV data chunk (little-endian).</summary>
internal enum SampleKind
{
    /// <summary>Unsigned 8-bit, 128 is silence.</summary>
    UInt8,

    /// <summary>Signed 16-bit.</summary>
    Int16,

    /// <summary>Signed 24-bit packed in three bytes.</summary>
    Int24,

    /// <summary>Signed 32-bit.</summary>
    Int32,

    /// <summary>IEEE 754 single precision.</summary>
    Float32,

    /// <summary>IEEE 754 double precision.</summary>
    Float64,
}
