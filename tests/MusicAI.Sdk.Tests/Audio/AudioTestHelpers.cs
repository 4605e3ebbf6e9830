using System.Buffers.Binary;
using System.Text;
using MusicAI.Sdk.Audio.Providers;

namespace MusicAI.Sdk.Tests.Audio;

/// <summary>Signals, stream wrappers and WAV byte builders shared by the audio tests.</summary>
internal static class AudioTestHelpers
{
    /// <summary>Deterministic interleaved test signal: a different sine per channel plus seeded noise.</summary>
    public static float[] Signal(int frames, int channels, int sampleRate, int seed = 1, float amplitude = 0.8f)
    {
        var random = new Random(seed);
        var samples = new float[frames * channels];
        for (var i = 0; i < frames; i++)
        {
            for (var c = 0; c < channels; c++)
            {
                var tone = Math.Sin(2 * Math.PI * (220 + (110 * c)) * i / sampleRate);
                var noise = (random.NextDouble() * 2) - 1;
                samples[(i * channels) + c] = (float)(amplitude * ((0.8 * tone) + (0.2 * noise)));
            }
        }

        return samples;
    }

    /// <summary>Pulls a source to its end.</summary>
    public static float[] ReadAll(ISampleSource source, int chunkFrames = 1000)
    {
        var result = new List<float>();
        var buffer = new float[chunkFrames * source.ChannelCount];
        int n;
        while ((n = source.Read(buffer)) > 0)
        {
            Assert.Equal(0, n % source.ChannelCount);
            result.AddRange(buffer.AsSpan(0, n));
        }

        return [.. result];
    }

    /// <summary>Builds RIFF files chunk by chunk, with full control over every field.</summary>
    public sealed class WavBuilder
    {
        private readonly List<(string Id, byte[] Body, uint? SizeOverride, bool Pad)> _chunks = [];

        public string RiffId { get; set; } = "RIFF";

        public uint? RiffSizeOverride { get; set; }

        public WavBuilder Chunk(string id, byte[] body, uint? sizeOverride = null, bool pad = true)
        {
            _chunks.Add((id, body, sizeOverride, pad));
            return this;
        }

        public WavBuilder Fmt(int tag, int channels, int rate, int bits, int? blockAlign = null, int? size = null)
        {
            var body = new byte[size ?? 16];
            var span = body.AsSpan();
            BinaryPrimitives.WriteUInt16LittleEndian(span, (ushort)tag);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)channels);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)rate);
            var align = blockAlign ?? (channels * bits / 8);
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(rate * align));
            BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)align);
            BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)bits);
            return Chunk("fmt ", body);
        }

        public WavBuilder FmtExtensible(int subTag, int channels, int rate, int containerBits, int validBits, uint mask = 0)
        {
            var body = new byte[40];
            var span = body.AsSpan();
            BinaryPrimitives.WriteUInt16LittleEndian(span, 0xFFFE);
            BinaryPrimitives.WriteUInt16LittleEndian(span[2..], (ushort)channels);
            BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)rate);
            var align = channels * containerBits / 8;
            BinaryPrimitives.WriteUInt32LittleEndian(span[8..], (uint)(rate * align));
            BinaryPrimitives.WriteUInt16LittleEndian(span[12..], (ushort)align);
            BinaryPrimitives.WriteUInt16LittleEndian(span[14..], (ushort)containerBits);
            BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 22);
            BinaryPrimitives.WriteUInt16LittleEndian(span[18..], (ushort)validBits);
            BinaryPrimitives.WriteUInt32LittleEndian(span[20..], mask);
            BinaryPrimitives.WriteUInt16LittleEndian(span[24..], (ushort)subTag);
            byte[] tail = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];
            tail.CopyTo(span[26..]);
            return Chunk("fmt ", body);
        }

        public byte[] Build()
        {
            using var stream = new MemoryStream();
            stream.Write(Encoding.ASCII.GetBytes(RiffId));
            stream.Write(new byte[4]);
            stream.Write("WAVE"u8);
            foreach (var (id, body, sizeOverride, pad) in _chunks)
            {
                stream.Write(Encoding.ASCII.GetBytes(id));
                var size = new byte[4];
                BinaryPrimitives.WriteUInt32LittleEndian(size, sizeOverride ?? (uint)body.Length);
                stream.Write(size);
                stream.Write(body);
                if (pad && (body.Length & 1) != 0)
                {
                    stream.WriteByte(0);
                }
            }

            var bytes = stream.ToArray();
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), RiffSizeOverride ?? (uint)(bytes.Length - 8));
            return bytes;
        }
    }

    /// <summary>Hides seeking and length, like a network or pipe stream.</summary>
    public sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => inner.CanWrite;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 7919));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
