using System.Buffers.Binary;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Audio.Wav;

/// <summary>
/// Parses the RIFF/RF64 chunk structure of a WAV stream up to the start of its <c>data</c> chunk.
/// </summary>
/// <remarks>
/// <para>Accepts <c>RIFF</c>, <c>RF64</c> and <c>BW64</c> files; PCM (8-bit unsigned, 16/24/32-bit signed), IEEE
/// float (32/64-bit) and WAVE_FORMAT_EXTENSIBLE with a PCM or float sub-format. Unknown chunks are skipped (with
/// their odd-size pad byte). The RIFF size and the byte rate are not trusted (writers get them wrong); everything
/// that decides how samples are read is validated.</para>
/// <para>A <c>data</c> size of 0xFFFFFFFF (outside RF64), or of 0 in a file whose RIFF size was never filled in,
/// means "to the end of the stream", as streaming writers produce.</para>
/// <para>Works on non-seekable streams (skipping by reading); on seekable streams a <c>fmt </c> chunk that follows
/// the <c>data</c> chunk is found too. Positions are relative to where the stream was when parsing began.</para>
/// </remarks>
internal static class WavHeaderReader
{
    private const uint RiffId = 0x46464952;  // "RIFF"
    private const uint Rf64Id = 0x34364652;  // "RF64"
    private const uint Bw64Id = 0x34365742;  // "BW64"
    private const uint WaveId = 0x45564157;  // "WAVE"
    private const uint FmtId = 0x20746D66;   // "fmt "
    private const uint DataId = 0x61746164;  // "data"
    private const uint Ds64Id = 0x34367364;  // "ds64"

    private const int FormatPcm = 0x0001;
    private const int FormatFloat = 0x0003;
    private const int FormatExtensible = 0xFFFE;

    /// <summary>The KSDATAFORMAT_SUBTYPE GUID tail shared by PCM and IEEE-float sub-formats (bytes 2..15).</summary>
    private static ReadOnlySpan<byte> SubFormatTail =>
        [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>
    /// Reads the header.
    /// </summary>
    /// <param name="stream">Positioned at the first byte of the RIFF header.</param>
    /// <param name="path">The file name for error messages, if any.</param>
    /// <returns>The layout, or an unsupported format tag when the file is a well-formed WAV of an encoding we do not decode.</returns>
    /// <exception cref="AudioFormatException">The header is malformed or lies.</exception>
    public static WavHeaderResult Read(Stream stream, string? path)
    {
        var cursor = new Cursor(stream, path);
        Span<byte> header = stackalloc byte[12];
        var got = cursor.ReadUpTo(header);
        if (got < 12)
        {
            throw Error($"The file is {got} bytes long, too short to be a WAV file (a RIFF header alone is 12 bytes).", path);
        }

        var riffId = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (riffId is not (RiffId or Rf64Id or Bw64Id))
        {
            throw Error($"The file does not start with 'RIFF', 'RF64' or 'BW64' (found {FourCc(riffId)}), so it is not a WAV file.", path);
        }

        if (BinaryPrimitives.ReadUInt32LittleEndian(header[8..]) != WaveId)
        {
            throw Error($"The RIFF form type is {FourCc(BinaryPrimitives.ReadUInt32LittleEndian(header[8..]))}, not 'WAVE': this RIFF file holds no WAV audio.", path);
        }

        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
        var isRf64 = riffId != RiffId;
        long? ds64DataSize = null;
        WavFormat? format = null;
        (long Start, uint Size)? earlyData = null;
        Span<byte> chunkHeader = stackalloc byte[8];
        Span<byte> body = stackalloc byte[64];

        while (true)
        {
            got = cursor.ReadUpTo(chunkHeader);
            if (got < 8)
            {
                if (earlyData is { } pending && format is null)
                {
                    throw Error("The WAV file has a 'data' chunk but no 'fmt ' chunk describing its samples.", path);
                }

                throw Error(
                    format is null
                        ? "The WAV file ends before its 'fmt ' chunk: it is truncated or not a WAV file."
                        : "The WAV file ends before its 'data' chunk: it is truncated or holds no audio.",
                    path);
            }

            var id = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            switch (id)
            {
                case Ds64Id when isRf64:
                {
                    if (size < 28)
                    {
                        throw Error($"The RF64 'ds64' chunk is {size} bytes; at least 28 are needed.", path);
                    }

                    var ds64 = body[..28];
                    cursor.ReadExactly(ds64, "ds64");
                    var dataSize = BinaryPrimitives.ReadInt64LittleEndian(ds64[8..]);
                    if (dataSize < 0)
                    {
                        throw Error($"The RF64 'ds64' chunk declares a negative data size ({dataSize}).", path);
                    }

                    ds64DataSize = dataSize;
                    cursor.Skip(Padded(size) - 28, "ds64");
                    break;
                }

                case FmtId:
                {
                    if (format is not null)
                    {
                        cursor.Skip(Padded(size), "fmt ");
                        break;
                    }

                    if (size < 16)
                    {
                        throw Error($"The 'fmt ' chunk is {size} bytes; at least 16 are needed to describe the samples.", path);
                    }

                    var length = (int)Math.Min(size, (uint)body.Length);
                    cursor.ReadExactly(body[..length], "fmt ");
                    cursor.Skip(Padded(size) - length, "fmt ");
                    var parsed = ParseFormat(body[..length], path, out var unsupportedTag);
                    if (parsed is null)
                    {
                        return new WavHeaderResult(null, unsupportedTag);
                    }

                    format = parsed;
                    if (earlyData is { } data)
                    {
                        cursor.SeekTo(data.Start);
                        return new WavHeaderResult(Layout(parsed.Value, data.Start, data.Size, riffSize, isRf64, ds64DataSize, path), 0);
                    }

                    break;
                }

                case DataId:
                {
                    if (format is { } known)
                    {
                        return new WavHeaderResult(Layout(known, cursor.Position, size, riffSize, isRf64, ds64DataSize, path), 0);
                    }

                    if (!stream.CanSeek)
                    {
                        throw Error("The 'data' chunk comes before the 'fmt ' chunk, which cannot be handled on a non-seekable stream; read the file from disk or rewrite it with a standard header.", path);
                    }

                    earlyData ??= (cursor.Position, size);
                    var skip = isRf64 && size == uint.MaxValue ? ds64DataSize ?? 0 : Padded(size);
                    cursor.Skip(skip, "data");
                    break;
                }

                default:
                    cursor.Skip(Padded(size), FourCc(id));
                    break;
            }
        }
    }

    private static WavLayout Layout(WavFormat format, long dataStart, uint size, uint riffSize, bool isRf64, long? ds64DataSize, string? path)
    {
        long? length;
        if (isRf64 && size == uint.MaxValue)
        {
            length = ds64DataSize ?? throw Error("The RF64 file's 'data' chunk defers its size to a 'ds64' chunk, but there is none before it.", path);
        }
        else if (size == uint.MaxValue)
        {
            length = null;
        }
        else if (size == 0 && (riffSize is 0 or uint.MaxValue || riffSize < dataStart - 8))
        {
            // A streaming writer that never came back to fill in the sizes.
            length = null;
        }
        else
        {
            length = size;
        }

        return new WavLayout(format, dataStart, length, isRf64);
    }

    private static WavFormat? ParseFormat(ReadOnlySpan<byte> fmt, string? path, out int unsupportedTag)
    {
        unsupportedTag = 0;
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        var channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        var blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        var bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);
        var validBits = (int)bits;
        uint mask = 0;
        var extensible = tag == FormatExtensible;
        if (extensible)
        {
            if (fmt.Length < 40)
            {
                throw Error($"The 'fmt ' chunk says WAVE_FORMAT_EXTENSIBLE but is {fmt.Length} bytes; EXTENSIBLE needs 40.", path);
            }

            var extraSize = BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]);
            if (extraSize < 22)
            {
                throw Error($"The WAVE_FORMAT_EXTENSIBLE extension size is {extraSize}; it must be at least 22.", path);
            }

            validBits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[18..]);
            mask = BinaryPrimitives.ReadUInt32LittleEndian(fmt[20..]);
            var subFormat = fmt.Slice(24, 16);
            tag = BinaryPrimitives.ReadUInt16LittleEndian(subFormat);
            if (!subFormat[2..].SequenceEqual(SubFormatTail))
            {
                unsupportedTag = FormatExtensible;
                return null;
            }

            if (validBits == 0)
            {
                validBits = bits;
            }
        }

        if (tag is not (FormatPcm or FormatFloat))
        {
            unsupportedTag = tag;
            return null;
        }

        if (channels == 0)
        {
            throw Error("The 'fmt ' chunk declares 0 channels.", path);
        }

        if (channels > AudioBuffer.MaxChannels)
        {
            throw Error($"The 'fmt ' chunk declares {channels} channels; at most {AudioBuffer.MaxChannels} are supported.", path);
        }

        if (sampleRate is < AudioBuffer.MinSampleRate or > AudioBuffer.MaxSampleRate)
        {
            throw Error($"The 'fmt ' chunk declares a sample rate of {sampleRate} Hz, outside the supported {AudioBuffer.MinSampleRate}–{AudioBuffer.MaxSampleRate} Hz: the header is corrupt or the file needs resampling with another tool first.", path);
        }

        SampleKind kind;
        if (tag == FormatPcm)
        {
            kind = bits switch
            {
                8 => SampleKind.UInt8,
                16 => SampleKind.Int16,
                24 => SampleKind.Int24,
                32 => SampleKind.Int32,
                _ => throw Error($"The 'fmt ' chunk declares {bits}-bit integer PCM; only 8, 16, 24 and 32-bit containers are supported.", path),
            };
        }
        else
        {
            kind = bits switch
            {
                32 => SampleKind.Float32,
                64 => SampleKind.Float64,
                _ => throw Error($"The 'fmt ' chunk declares {bits}-bit IEEE float; only 32 and 64-bit floats exist.", path),
            };
        }

        if (validBits > bits)
        {
            throw Error($"The WAVE_FORMAT_EXTENSIBLE header declares {validBits} valid bits in a {bits}-bit container.", path);
        }

        var expectedAlign = channels * (bits / 8);
        if (blockAlign != expectedAlign)
        {
            throw Error($"The 'fmt ' chunk's block align is {blockAlign} bytes, inconsistent with {channels} channel(s) of {bits}-bit samples ({expectedAlign} bytes per frame).", path);
        }

        return new WavFormat(kind, channels, (int)sampleRate, validBits, mask, extensible);
    }

    private static long Padded(uint size) => size + (size & 1L);

    private static string FourCc(uint id)
    {
        Span<char> chars = stackalloc char[4];
        for (var i = 0; i < 4; i++)
        {
            var c = (char)((id >> (8 * i)) & 0xFF);
            chars[i] = c is >= ' ' and <= '~' ? c : '?';
        }

        return $"'{chars}'";
    }

    private static AudioFormatException Error(string message, string? path) => new(message, path);

    /// <summary>Reads forward through the stream, counting bytes so that non-seekable streams work.</summary>
    private sealed class Cursor(Stream stream, string? path)
    {
        private readonly long _origin = stream.CanSeek ? stream.Position : 0;

        public long Position { get; private set; }

        public int ReadUpTo(Span<byte> buffer)
        {
            var total = 0;
            while (total < buffer.Length)
            {
                var n = stream.Read(buffer[total..]);
                if (n == 0)
                {
                    break;
                }

                total += n;
            }

            Position += total;
            return total;
        }

        public void ReadExactly(Span<byte> buffer, string chunk)
        {
            if (ReadUpTo(buffer) < buffer.Length)
            {
                throw Error($"The WAV file ends inside its {chunk} chunk.", path);
            }
        }

        public void Skip(long count, string chunk)
        {
            if (count <= 0)
            {
                return;
            }

            if (stream.CanSeek)
            {
                var target = _origin + Position + count;
                if (target > stream.Length)
                {
                    throw TooLong(chunk);
                }

                stream.Position = target;
                Position += count;
                return;
            }

            Span<byte> scratch = stackalloc byte[512];
            while (count > 0)
            {
                var n = stream.Read(scratch[..(int)Math.Min(count, scratch.Length)]);
                if (n == 0)
                {
                    throw TooLong(chunk);
                }

                count -= n;
                Position += n;
            }
        }

        private AudioFormatException TooLong(string chunk) =>
            Error($"The {chunk} chunk declares more bytes than the file holds: the file is truncated or the chunk size is corrupt, and no audio follows it.", path);

        public void SeekTo(long position)
        {
            stream.Position = _origin + position;
            Position = position;
        }
    }
}
