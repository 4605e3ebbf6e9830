namespace MusicAI.Sdk.Audio.Wav;

/// <summary>The parsed <c>fmt </c> chunk of a WAV file.</summary>
/// <param name="Kind">How samples are stored.</param>
/// <param name="ChannelCount">Interleaved channels.</param>
/// <param name="SampleRate">Frames per second.</param>
/// <param name="ValidBits">Significant bits per sample (equal to the container size unless EXTENSIBLE says less).</param>
/// <param name="ChannelMask">The EXTENSIBLE speaker mask, or 0 when absent.</param>
/// <param name="IsExtensible">Whether the header used WAVE_FORMAT_EXTENSIBLE.</param>
internal readonly record struct WavFormat(
    SampleKind Kind,
    int ChannelCount,
    int SampleRate,
    int ValidBits,
    uint ChannelMask,
    bool IsExtensible)
{
    /// <summary>Gets the bytes one sample occupies.</summary>
    public int BytesPerSample => SampleCodec.BytesPerSample(Kind);

    /// <summary>Gets the bytes one frame (one sample per channel) occupies.</summary>
    public int BlockAlign => BytesPerSample * ChannelCount;
}
