using System.Buffers.Binary;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// The encoder delay and padding that LAME (and ffmpeg's MP3 muxer) record in the Xing/Info frame, which make
/// gapless decoding possible: drop <c>delay + 529</c> samples at the start (529 is the MP3 synthesis delay of the
/// decoder) and stop after <c>frames × samplesPerFrame − delay − padding</c> samples.
/// </summary>
/// <param name="EncoderDelay">Samples the encoder added before the audio.</param>
/// <param name="Padding">Samples the encoder added after the audio.</param>
/// <param name="FrameCount">MPEG frames in the stream according to the Xing header, or 0 when it does not say.</param>
/// <param name="SamplesPerFrame">1152 (MPEG-1 Layer III) or 576 (MPEG-2/2.5 Layer III).</param>
internal readonly record struct LameGaplessInfo(int EncoderDelay, int Padding, long FrameCount, int SamplesPerFrame)
{
    /// <summary>The MP3 decoder's synthesis filter delay in samples.</summary>
    public const int DecoderDelay = 529;

    /// <summary>Gets the samples to drop at the start of the decoder output.</summary>
    public int LeadingSamples => EncoderDelay + DecoderDelay;

    /// <summary>Gets the number of real audio samples, or null when the Xing header has no frame count.</summary>
    public long? ValidSamples => FrameCount > 0 ? Math.Max(0, (FrameCount * SamplesPerFrame) - EncoderDelay - Padding) : null;

    /// <summary>
    /// Looks for a LAME tag at the start of an MP3 stream (after any ID3v2 tag).
    /// </summary>
    /// <param name="head">The first bytes of the stream (a few KiB past any ID3v2 tag are enough).</param>
    /// <param name="id3Length">The length of the ID3v2 tag at the start, already skipped by the caller.</param>
    /// <returns>The gapless information, or null when there is no LAME tag.</returns>
    public static LameGaplessInfo? TryParse(ReadOnlySpan<byte> head, int id3Length)
    {
        if (id3Length > head.Length - 4)
        {
            return null;
        }

        var frame = head[id3Length..];
        if (frame[0] != 0xFF || (frame[1] & 0xE0) != 0xE0)
        {
            return null;
        }

        var version = (frame[1] >> 3) & 3;   // 3 = MPEG-1, 2 = MPEG-2, 0 = MPEG-2.5
        var layer = (frame[1] >> 1) & 3;     // 1 = Layer III
        var mono = (frame[3] >> 6) == 3;
        if (layer != 1 || version == 1)
        {
            return null;
        }

        var mpeg1 = version == 3;
        var sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        var at = 4 + sideInfo;
        if (frame.Length < at + 8)
        {
            return null;
        }

        var tag = frame.Slice(at, 4);
        if (!tag.SequenceEqual("Xing"u8) && !tag.SequenceEqual("Info"u8))
        {
            return null;
        }

        var flags = BinaryPrimitives.ReadUInt32BigEndian(frame[(at + 4)..]);
        var offset = at + 8;
        long frames = 0;
        if ((flags & 1) != 0)
        {
            if (frame.Length < offset + 4)
            {
                return null;
            }

            frames = BinaryPrimitives.ReadUInt32BigEndian(frame[offset..]);
            offset += 4;
        }

        offset += (flags & 2) != 0 ? 4 : 0;
        offset += (flags & 4) != 0 ? 100 : 0;
        offset += (flags & 8) != 0 ? 4 : 0;
        if (frame.Length < offset + 24)
        {
            return null;
        }

        // The LAME extension starts with a 9-byte encoder string ("LAME3.100", "Lavc59.37"...).
        foreach (var c in frame.Slice(offset, 4))
        {
            if (c is < (byte)' ' or > (byte)'~')
            {
                return null;
            }
        }

        var delayPadding = frame.Slice(offset + 21, 3);
        var delay = (delayPadding[0] << 4) | (delayPadding[1] >> 4);
        var padding = ((delayPadding[1] & 0x0F) << 8) | delayPadding[2];
        return new LameGaplessInfo(delay, padding, frames, mpeg1 ? 1152 : 576);
    }

    /// <summary>Returns the length of an ID3v2 tag at the start of <paramref name="head"/>, or 0.</summary>
    /// <param name="head">The first bytes of the stream.</param>
    /// <returns>The tag length including its header (and footer), or 0.</returns>
    public static int Id3v2Length(ReadOnlySpan<byte> head)
    {
        if (head.Length < 10 || !head[..3].SequenceEqual("ID3"u8))
        {
            return 0;
        }

        var size = 0;
        for (var i = 6; i < 10; i++)
        {
            if ((head[i] & 0x80) != 0)
            {
                return 0;
            }

            size = (size << 7) | head[i];
        }

        var footer = (head[5] & 0x10) != 0 ? 10 : 0;
        return 10 + size + footer;
    }
}
