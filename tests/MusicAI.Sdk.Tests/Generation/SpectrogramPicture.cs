using System.Buffers.Binary;
using System.IO.Compression;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Dsp;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>
/// Draws a log-frequency spectrogram of audio with the SDK's STFT into an 8-bit indexed PNG (our own minimal
/// encoder: zlib via <see cref="ZLibStream"/>, CRC-32 per chunk), with optional vertical marker lines.
/// </summary>
internal static class SpectrogramPicture
{
    public static byte[] Render(AudioBuffer audio, int width, int height, IReadOnlyList<double> markerSeconds, double minHz = 30, double topDb = 80)
    {
        const int Fft = 4096;
        const int Hop = 1024;
        var mono = new float[audio.FrameCount];
        for (var c = 0; c < audio.ChannelCount; c++)
        {
            var channel = audio.GetChannel(c);
            for (var i = 0; i < mono.Length; i++)
            {
                mono[i] += channel[i] / audio.ChannelCount;
            }
        }

        var plan = StftPlan.Create(Fft, Hop);
        var frames = plan.FrameCount(mono.Length);
        var real = new float[frames * plan.BinCount];
        var imaginary = new float[frames * plan.BinCount];
        plan.Forward(mono, real, imaginary);
        var power = new float[real.Length];
        SpectralKernels.Power(real, imaginary, power);
        var db = new float[power.Length];
        SpectralKernels.PowerToDecibels(power, db);
        SpectralKernels.ClipToTopDecibels(db, (float)topDb);
        var max = db.Max();

        var maxHz = audio.SampleRate / 2.0;
        var pixels = new byte[height * width];
        for (var x = 0; x < width; x++)
        {
            var f0 = (int)((long)x * frames / width);
            var f1 = Math.Max(f0 + 1, (int)((long)(x + 1) * frames / width));
            for (var y = 0; y < height; y++)
            {
                // Row 0 is the top (highest frequency); rows are spaced logarithmically.
                var hzLow = minHz * Math.Pow(maxHz / minHz, (double)(height - 1 - y) / height);
                var hzHigh = minHz * Math.Pow(maxHz / minHz, (double)(height - y) / height);
                var b0 = Math.Clamp((int)(hzLow / maxHz * (plan.BinCount - 1)), 0, plan.BinCount - 1);
                var b1 = Math.Clamp((int)Math.Ceiling(hzHigh / maxHz * (plan.BinCount - 1)), b0 + 1, plan.BinCount);
                var value = float.MinValue;
                for (var f = f0; f < f1 && f < frames; f++)
                {
                    for (var b = b0; b < b1; b++)
                    {
                        value = Math.Max(value, db[(f * plan.BinCount) + b]);
                    }
                }

                var level = Math.Clamp((value - (max - topDb)) / topDb, 0, 1);
                pixels[(y * width) + x] = (byte)Math.Round(level * 254);
            }
        }

        foreach (var seconds in markerSeconds)
        {
            var x = (int)Math.Round(seconds * audio.SampleRate / Hop * width / frames);
            if (x is > 0 and < int.MaxValue && x < width)
            {
                for (var y = 0; y < height; y += 2)
                {
                    pixels[(y * width) + x] = 255;
                }
            }
        }

        return EncodePng(pixels, width, height);
    }

    private static byte[] EncodePng(byte[] pixels, int width, int height)
    {
        // Palette: 0–254 a dark-blue → purple → orange → pale-yellow ramp; 255 white (markers).
        var palette = new byte[256 * 3];
        ReadOnlySpan<(double At, int R, int G, int B)> stops = [(0, 8, 6, 30), (0.35, 90, 20, 110), (0.65, 215, 70, 60), (0.85, 250, 160, 40), (1, 252, 250, 190)];
        for (var i = 0; i < 255; i++)
        {
            var t = i / 254.0;
            var s = 1;
            while (s < stops.Length - 1 && stops[s].At < t)
            {
                s++;
            }

            var (a, b) = (stops[s - 1], stops[s]);
            var w = (t - a.At) / (b.At - a.At);
            palette[3 * i] = (byte)(a.R + ((b.R - a.R) * w));
            palette[(3 * i) + 1] = (byte)(a.G + ((b.G - a.G) * w));
            palette[(3 * i) + 2] = (byte)(a.B + ((b.B - a.B) * w));
        }

        palette[765] = palette[766] = palette[767] = 255;
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 3; // indexed colour
        WriteChunk(output, "IHDR", header);
        WriteChunk(output, "PLTE", palette);
        using var raw = new MemoryStream();
        using (var zlib = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter: none
                zlib.Write(pixels, y * width, width);
            }
        }

        WriteChunk(output, "IDAT", raw.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        output.Write(four);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        output.Write(four);
    }

    private static uint Crc32(uint crc, byte[] data)
    {
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc;
    }
}
