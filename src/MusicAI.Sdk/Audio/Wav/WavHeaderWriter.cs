using System.Buffers.Binary;

namespace MusicAI.Sdk.Audio.Wav;

/// <summary>
/// Builds WAV headers: plain RIFF, RIFF with a 28-byte <c>JUNK</c> reservation, or RF64 with a <c>ds64</c> chunk in
/// that same place (EBU Tech 3306), so a streaming writer can turn its placeholder into either without moving data.
/// </summary>
/// <remarks>
/// <para>Mono and stereo use the plain PCM (tag 1) or IEEE-float (tag 3) <c>fmt </c> chunk, which every reader
/// understands; more than two channels use WAVE_FORMAT_EXTENSIBLE with the standard speaker mask for 3–8 channels
/// (0 = unspecified otherwise). Float files carry a <c>fact</c> chunk with the frame count.</para>
/// </remarks>
internal static class WavHeaderWriter
{
    /// <summary>The size of the reserved JUNK chunk body, which is also the size of a table-less ds64 body.</summary>
    public const int Ds64BodySize = 28;

    /// <summary>
    /// Builds a header.
    /// </summary>
    /// <param name="format">The sample format.</param>
    /// <param name="channels">Channel count.</param>
    /// <param name="sampleRate">Sample rate in Hz.</param>
    /// <param name="kind">Which layout to write.</param>
    /// <param name="dataBytes">Bytes of sample data (without the pad byte), or -1 when unknown (placeholder sizes).</param>
    /// <returns>The header bytes, ending with the <c>data</c> chunk header.</returns>
    public static byte[] Build(WavSampleFormat format, int channels, int sampleRate, WavHeaderKind kind, long dataBytes)
    {
        var sampleKind = SampleCodec.ToKind(format);
        var bytesPerSample = SampleCodec.BytesPerSample(sampleKind);
        var isFloat = SampleCodec.IsFloat(sampleKind);
        var extensible = channels > 2;
        var fmtSize = extensible ? 40 : isFloat ? 18 : 16;
        var reserve = kind is WavHeaderKind.RiffWithJunk or WavHeaderKind.Rf64;
        var length = 12 + (reserve ? 8 + Ds64BodySize : 0) + 8 + fmtSize + (isFloat ? 12 : 0) + 8;
        var header = new byte[length];
        var span = header.AsSpan();
        var blockAlign = channels * bytesPerSample;
        var frames = dataBytes < 0 ? -1 : dataBytes / blockAlign;
        var fileLength = dataBytes < 0 ? -1 : length + dataBytes + (dataBytes & 1);
        var rf64 = kind == WavHeaderKind.Rf64;

        WriteId(span, rf64 ? "RF64" : "RIFF");

        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], rf64 || fileLength < 0 ? uint.MaxValue : (uint)(fileLength - 8));
        WriteId(span[8..], "WAVE");
        var at = 12;
        if (reserve)
        {
            WriteId(span[at..], rf64 ? "ds64" : "JUNK");
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], Ds64BodySize);
            if (rf64)
            {
                BinaryPrimitives.WriteInt64LittleEndian(span[(at + 8)..], fileLength - 8);
                BinaryPrimitives.WriteInt64LittleEndian(span[(at + 16)..], dataBytes);
                BinaryPrimitives.WriteInt64LittleEndian(span[(at + 24)..], frames);
                BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 32)..], 0);
            }

            at += 8 + Ds64BodySize;
        }

        WriteId(span[at..], "fmt ");
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], (uint)fmtSize);
        var fmt = span.Slice(at + 8, fmtSize);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt, (ushort)(extensible ? 0xFFFE : isFloat ? 3 : 1));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[2..], (ushort)channels);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[4..], (uint)sampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(fmt[8..], (uint)(sampleRate * blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[12..], (ushort)blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(fmt[14..], (ushort)(bytesPerSample * 8));
        if (fmtSize >= 18)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[16..], (ushort)(extensible ? 22 : 0));
        }

        if (extensible)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[18..], (ushort)(bytesPerSample * 8));
            BinaryPrimitives.WriteUInt32LittleEndian(fmt[20..], DefaultChannelMask(channels));
            BinaryPrimitives.WriteUInt16LittleEndian(fmt[24..], (ushort)(isFloat ? 3 : 1));
            ReadOnlySpan<byte> tail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
            tail.CopyTo(fmt[26..]);
        }

        at += 8 + fmtSize;
        if (isFloat)
        {
            WriteId(span[at..], "fact");
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], 4);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 8)..], rf64 || frames < 0 || frames > uint.MaxValue ? uint.MaxValue : (uint)frames);
            at += 12;
        }

        WriteId(span[at..], "data");
        BinaryPrimitives.WriteUInt32LittleEndian(span[(at + 4)..], rf64 || dataBytes < 0 ? uint.MaxValue : (uint)dataBytes);
        return header;
    }

    /// <summary>Gets the standard speaker mask for 3–8 channels, or 0 (unspecified).</summary>
    /// <param name="channels">The channel count.</param>
    /// <returns>The dwChannelMask value.</returns>
    public static uint DefaultChannelMask(int channels) => channels switch
    {
        1 => 0x4,
        2 => 0x3,
        3 => 0x7,
        4 => 0x33,
        5 => 0x37,
        6 => 0x3F,
        7 => 0x13F,
        8 => 0x63F,
        _ => 0,
    };

    private static void WriteId(Span<byte> destination, string id)
    {
        for (var i = 0; i < 4; i++)
        {
            destination[i] = (byte)id[i];
        }
    }
}
