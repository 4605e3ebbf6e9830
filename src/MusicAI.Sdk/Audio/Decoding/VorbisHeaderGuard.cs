using System.Buffers.Binary;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Audio.Decoding;

/// <summary>
/// Checks the Vorbis comment header before NVorbis sees it. NVorbis 0.10.5 allocates every string of the comment
/// header at the length the header declares before reading it, so a corrupt length made it allocate gigabytes
/// (7 GB and 5 s for one 10 KB fuzzed file); this guard rejects lengths that run past the packet.
/// </summary>
/// <remarks>
/// The identification and comment packets of the first logical stream are reassembled from pages whose CRC is
/// correct (NVorbis drops the others too). A packet that is still incomplete at the end of the stream is checked
/// against the bytes present.
/// </remarks>
internal static class VorbisHeaderGuard
{
    private const int MaxPages = 1 << 16;

    private static readonly uint[] s_crcTable = BuildCrcTable();

    /// <summary>
    /// Validates the comment header of an Ogg Vorbis stream and rewinds the stream.
    /// </summary>
    /// <param name="stream">A seekable stream positioned at the first Ogg page.</param>
    /// <param name="path">The file name for messages.</param>
    /// <exception cref="AudioFormatException">The comment header declares more data than it holds.</exception>
    public static void Validate(Stream stream, string? path)
    {
        var start = stream.Position;
        try
        {
            var comment = ReadSecondPacket(stream, out var complete);
            if (comment is not null)
            {
                Check(comment, complete, path);
            }
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static void Check(byte[] packet, bool complete, string? path)
    {
        if (packet.Length < 7 || packet[0] != 3 || !packet.AsSpan(1, 6).SequenceEqual("vorbis"u8))
        {
            return;
        }

        var at = 7L;
        var vendor = ReadLength(packet, ref at, complete, "vendor string", path);
        at += vendor;
        var count = ReadLength(packet, ref at, complete, "comment count", path, isCount: true);
        for (var i = 0L; i < count; i++)
        {
            var length = ReadLength(packet, ref at, complete, $"comment {i}", path);
            at += length;
        }
    }

    private static long ReadLength(byte[] packet, ref long at, bool complete, string what, string? path, bool isCount = false)
    {
        if (at + 4 > packet.Length)
        {
            throw Corrupt(what, complete, path);
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(packet.AsSpan((int)at));
        at += 4;
        var remaining = packet.Length - at;
        if ((isCount ? value * 4L : value) > remaining)
        {
            throw Corrupt(what, complete, path);
        }

        return value;
    }

    private static AudioFormatException Corrupt(string what, bool complete, string? path) =>
        new(
            complete
                ? $"The Vorbis comment header is corrupt: its {what} runs past the end of the header. Re-encode the file or strip its tags."
                : $"The Ogg Vorbis file is truncated inside its comment header ({what}).",
            path);

    /// <summary>Reassembles the second packet (the comment header) of the first logical stream.</summary>
    private static byte[]? ReadSecondPacket(Stream stream, out bool complete)
    {
        complete = false;
        Span<byte> header = stackalloc byte[27];
        Span<byte> lacing = stackalloc byte[255];
        int? serial = null;
        var packetIndex = 0;
        using var packet = new MemoryStream();
        for (var page = 0; page < MaxPages; page++)
        {
            var pageStart = stream.Position;
            if (stream.ReadAtLeast(header, 27, throwOnEndOfStream: false) < 27 || !header[..4].SequenceEqual("OggS"u8))
            {
                break;
            }

            var segments = header[26];
            var table = lacing[..segments];
            if (stream.ReadAtLeast(table, segments, throwOnEndOfStream: false) < segments)
            {
                break;
            }

            var bodyLength = 0;
            foreach (var s in table)
            {
                bodyLength += s;
            }

            var body = new byte[bodyLength];
            var got = stream.ReadAtLeast(body, bodyLength, throwOnEndOfStream: false);
            var pageSerial = BinaryPrimitives.ReadInt32LittleEndian(header[14..]);
            serial ??= pageSerial;
            if (got < bodyLength)
            {
                // Truncated page: keep what arrived of the packet for the length check.
                if (pageSerial == serial && packetIndex == 1)
                {
                    packet.Write(body, 0, got);
                }

                break;
            }

            if (pageSerial != serial || !CrcMatches(stream, pageStart, 27 + segments + bodyLength, header))
            {
                continue;
            }

            var offset = 0;
            foreach (var s in table)
            {
                if (packetIndex == 1)
                {
                    packet.Write(body, offset, s);
                }

                offset += s;
                if (s < 255)
                {
                    if (packetIndex == 1)
                    {
                        complete = true;
                        return packet.ToArray();
                    }

                    packetIndex++;
                }
            }
        }

        return packetIndex == 1 && packet.Length > 0 ? packet.ToArray() : null;
    }

    private static bool CrcMatches(Stream stream, long pageStart, int pageLength, ReadOnlySpan<byte> header)
    {
        var expected = BinaryPrimitives.ReadUInt32LittleEndian(header[22..]);
        var end = stream.Position;
        stream.Position = pageStart;
        var page = new byte[pageLength];
        stream.ReadExactly(page);
        stream.Position = end;
        page.AsSpan(22, 4).Clear();
        var crc = 0u;
        foreach (var b in page)
        {
            crc = (crc << 8) ^ s_crcTable[(byte)(crc >> 24) ^ b];
        }

        return crc == expected;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            }

            table[i] = r;
        }

        return table;
    }
}
