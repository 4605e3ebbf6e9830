namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Recognises a source by its first bytes (RIFF/RF64/BW64 WAVE, <c>OggS</c> with a Vorbis identification packet,
/// ID3v2, MPEG audio frame sync), falling back to the file extension when the content is not recognised.
/// </summary>
internal static class FormatDetector
{
    /// <summary>Bytes of the start of a stream the detector looks at.</summary>
    public const int HeadLength = 512;

    /// <summary>
    /// Classifies a source.
    /// </summary>
    /// <param name="head">Up to <see cref="HeadLength"/> bytes from the start.</param>
    /// <param name="extension">The file extension including the dot, or null for streams.</param>
    /// <returns>The format to decode it as.</returns>
    public static ContainerFormat Detect(ReadOnlySpan<byte> head, string? extension)
    {
        if (head.Length >= 12 && (head.StartsWith("RIFF"u8) || head.StartsWith("RF64"u8) || head.StartsWith("BW64"u8)))
        {
            return head.Slice(8, 4).SequenceEqual("WAVE"u8) ? ContainerFormat.Wav : ContainerFormat.Other;
        }

        if (head.StartsWith("OggS"u8))
        {
            return IsVorbisOgg(head) ? ContainerFormat.OggVorbis : ContainerFormat.Other;
        }

        if (head.StartsWith("ID3"u8) || IsMpegAudioSync(head))
        {
            return ContainerFormat.Mpeg;
        }

        if (head.StartsWith("fLaC"u8) || head.StartsWith("FORM"u8) || (head.Length >= 8 && head.Slice(4, 4).SequenceEqual("ftyp"u8)))
        {
            return ContainerFormat.Other;
        }

        return extension?.ToUpperInvariant() switch
        {
            ".WAV" or ".WAVE" or ".BWF" => ContainerFormat.Wav,
            ".MP3" or ".MP2" or ".MPGA" => ContainerFormat.Mpeg,
            ".OGG" or ".OGA" => ContainerFormat.OggVorbis,
            _ => ContainerFormat.Other,
        };
    }

    /// <summary>Gets whether the bytes start with a plausible MPEG audio frame header (not AAC ADTS).</summary>
    /// <param name="head">The bytes.</param>
    /// <returns>Whether an MPEG-1/2/2.5 Layer I/II/III header starts here.</returns>
    public static bool IsMpegAudioSync(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4 || head[0] != 0xFF || (head[1] & 0xE0) != 0xE0)
        {
            return false;
        }

        var version = (head[1] >> 3) & 3;
        var layer = (head[1] >> 1) & 3;
        var bitrate = head[2] >> 4;
        var rate = (head[2] >> 2) & 3;
        return version != 1 && layer != 0 && bitrate != 15 && rate != 3;
    }

    private static bool IsVorbisOgg(ReadOnlySpan<byte> head)
    {
        // The first page holds the identification packet: 27-byte header, segment table, then "\x01vorbis".
        if (head.Length < 27)
        {
            return false;
        }

        var packet = 27 + head[26];
        return head.Length >= packet + 7 && head[packet] == 1 && head.Slice(packet + 1, 6).SequenceEqual("vorbis"u8);
    }
}
