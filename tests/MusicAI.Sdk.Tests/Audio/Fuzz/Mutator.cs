using System.Buffers.Binary;

namespace MusicAI.Sdk.Tests.Audio.Fuzz;

/// <summary>Seeded, reproducible mutations of a file's bytes, with a description for failure messages.</summary>
internal static class Mutator
{
    private static readonly uint[] s_interestingSizes = [0, 1, 2, 3, 7, 15, 16, 17, 18, 39, 40, 0x7F, 0x80, 0xFF, 0xFFFF, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFE, 0xFFFFFFFF];

    public static (byte[] Bytes, string Description) Mutate(byte[] original, Random random, bool riff)
    {
        var bytes = (byte[])original.Clone();
        var steps = random.Next(1, 4);
        var description = new List<string>();
        for (var step = 0; step < steps; step++)
        {
            var kind = random.Next(riff ? 8 : 6);
            switch (kind)
            {
                case 0:
                {
                    var flips = random.Next(1, 9);
                    for (var i = 0; i < flips && bytes.Length > 0; i++)
                    {
                        var at = Position(bytes, random);
                        bytes[at] ^= (byte)(1 << random.Next(8));
                    }

                    description.Add($"flip{flips}");
                    break;
                }

                case 1:
                {
                    var length = random.Next(0, bytes.Length + 1);
                    bytes = bytes[..length];
                    description.Add($"truncate@{length}");
                    break;
                }

                case 2:
                {
                    if (bytes.Length > 0)
                    {
                        var at = Position(bytes, random);
                        bytes[at] = (byte)(random.Next(4) switch { 0 => 0, 1 => 0xFF, 2 => 0x80, _ => random.Next(256) });
                        description.Add($"byte@{at}");
                    }

                    break;
                }

                case 3:
                {
                    var at = random.Next(bytes.Length + 1);
                    var insert = new byte[random.Next(1, 64)];
                    random.NextBytes(insert);
                    bytes = [.. bytes[..at], .. insert, .. bytes[at..]];
                    description.Add($"insert{insert.Length}@{at}");
                    break;
                }

                case 4:
                {
                    if (bytes.Length > 1)
                    {
                        var at = random.Next(bytes.Length);
                        var count = Math.Min(random.Next(1, 128), bytes.Length - at);
                        bytes = [.. bytes[..at], .. bytes[(at + count)..]];
                        description.Add($"delete{count}@{at}");
                    }

                    break;
                }

                case 5:
                {
                    // Overwrite a run with random bytes (garbage in the middle of frames or pages).
                    if (bytes.Length > 0)
                    {
                        var at = Position(bytes, random);
                        var count = Math.Min(random.Next(1, 256), bytes.Length - at);
                        random.NextBytes(bytes.AsSpan(at, count));
                        description.Add($"garbage{count}@{at}");
                    }

                    break;
                }

                case 6:
                {
                    // A chunk size field (RIFF, fmt, data, others) set to an interesting or random value.
                    var sizes = ChunkSizeOffsets(bytes);
                    if (sizes.Count > 0)
                    {
                        var at = sizes[random.Next(sizes.Count)];
                        var value = random.Next(2) == 0 ? s_interestingSizes[random.Next(s_interestingSizes.Length)] : (uint)random.Next();
                        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(at), value);
                        description.Add($"size@{at}={value}");
                    }

                    break;
                }

                default:
                {
                    // A fmt field: tag, channels, rate, byte rate, block align, bits, cbSize, valid bits, mask, sub-format.
                    var fmt = FindChunk(bytes, "fmt "u8);
                    if (fmt >= 0)
                    {
                        int[] fields = [0, 2, 4, 8, 12, 14, 16, 18, 20, 24];
                        var field = fields[random.Next(fields.Length)];
                        var at = fmt + 8 + field;
                        if (at + 2 <= bytes.Length)
                        {
                            var value = (ushort)(random.Next(3) switch { 0 => 0, 1 => random.Next(65536), _ => random.Next(0, 70) });
                            BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(at), value);
                            description.Add($"fmt+{field}={value}");
                        }
                    }

                    break;
                }
            }
        }

        return (bytes, string.Join(",", description));
    }

    /// <summary>
    /// Recomputes the CRC of every Ogg page whose structure is still intact, so that mutated page contents reach
    /// the Vorbis decoder instead of being dropped by the container's checksum.
    /// </summary>
    public static byte[] FixOggChecksums(byte[] bytes)
    {
        var at = 0;
        while (at + 27 <= bytes.Length)
        {
            if (!bytes.AsSpan(at, 4).SequenceEqual("OggS"u8))
            {
                var next = bytes.AsSpan(at + 1).IndexOf("OggS"u8);
                if (next < 0)
                {
                    break;
                }

                at += 1 + next;
                continue;
            }

            var segments = bytes[at + 26];
            if (at + 27 + segments > bytes.Length)
            {
                break;
            }

            var length = 27 + segments;
            for (var i = 0; i < segments; i++)
            {
                length += bytes[at + 27 + i];
            }

            if (at + length > bytes.Length)
            {
                break;
            }

            var page = bytes.AsSpan(at, length);
            page.Slice(22, 4).Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(page[22..], OggCrc(page));
            at += length;
        }

        return bytes;
    }

    private static uint OggCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0u;
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }

    /// <summary>Positions biased towards the start, where headers live.</summary>
    private static int Position(byte[] bytes, Random random) =>
        random.Next(2) == 0 ? random.Next(Math.Min(bytes.Length, 128)) : random.Next(bytes.Length);

    private static List<int> ChunkSizeOffsets(byte[] bytes)
    {
        var offsets = new List<int>();
        if (bytes.Length >= 8)
        {
            offsets.Add(4);
        }

        var at = 12;
        while (at + 8 <= bytes.Length && offsets.Count < 16)
        {
            offsets.Add(at + 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at + 4));
            var next = at + 8 + (long)size + (size & 1);
            if (next > bytes.Length)
            {
                break;
            }

            at = (int)next;
        }

        return offsets;
    }

    private static int FindChunk(byte[] bytes, ReadOnlySpan<byte> id)
    {
        var index = bytes.AsSpan().IndexOf(id);
        return index >= 0 && index + 8 <= bytes.Length ? index : -1;
    }
}
