using System.Buffers.Binary;

namespace MusicAI.Sdk.Audio.Wav;

/// <summary>
/// Span kernels converting WAV sample bytes to and from 32-bit float (span-in, destination-last).
/// </summary>
/// <remarks>
/// <para>Integer PCM is scaled by 2^(bits-1): decoding divides, encoding multiplies, rounds to nearest (ties to
/// even), and clamps to the code range, so +1.0 encodes to the largest positive code and decoding is exact for 8, 16
/// and 24 bits. <c>NaN</c> encodes to 0. No dither is applied.</para>
/// <para>Float formats are copied as they are (float64 is narrowed to float32 on decode).</para>
/// </remarks>
internal static class SampleCodec
{
    /// <summary>Gets the bytes one sample of <paramref name="kind"/> occupies.</summary>
    public static int BytesPerSample(SampleKind kind) => kind switch
    {
        SampleKind.UInt8 => 1,
        SampleKind.Int16 => 2,
        SampleKind.Int24 => 3,
        SampleKind.Int32 => 4,
        SampleKind.Float32 => 4,
        SampleKind.Float64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sample kind."),
    };

    /// <summary>Maps the public write format to the storage kind.</summary>
    public static SampleKind ToKind(WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm8 => SampleKind.UInt8,
        WavSampleFormat.Pcm16 => SampleKind.Int16,
        WavSampleFormat.Pcm24 => SampleKind.Int24,
        WavSampleFormat.Pcm32 => SampleKind.Int32,
        WavSampleFormat.Float32 => SampleKind.Float32,
        WavSampleFormat.Float64 => SampleKind.Float64,
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown WAV sample format."),
    };

    /// <summary>Gets whether the kind is an IEEE float encoding.</summary>
    public static bool IsFloat(SampleKind kind) => kind is SampleKind.Float32 or SampleKind.Float64;

    /// <summary>
    /// Decodes <paramref name="destination"/>.Length samples from <paramref name="source"/>.
    /// </summary>
    /// <param name="source">At least destination.Length × <see cref="BytesPerSample"/> bytes.</param>
    /// <param name="kind">How the bytes encode samples.</param>
    /// <param name="destination">Receives the samples.</param>
    public static void Decode(ReadOnlySpan<byte> source, SampleKind kind, Span<float> destination)
    {
        var count = destination.Length;
        if (source.Length < count * BytesPerSample(kind))
        {
            throw new ArgumentException($"The source holds {source.Length} bytes; {count} {kind} samples need {count * BytesPerSample(kind)}.", nameof(source));
        }

        switch (kind)
        {
            case SampleKind.UInt8:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (source[i] - 128) * (1f / 128);
                }

                break;
            case SampleKind.Int16:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt16LittleEndian(source.Slice(i * 2, 2)) * (1f / 32768);
                }

                break;
            case SampleKind.Int24:
                for (var i = 0; i < count; i++)
                {
                    var b = source.Slice(i * 3, 3);
                    var value = (b[0] << 8) | (b[1] << 16) | (b[2] << 24);
                    destination[i] = (value >> 8) * (1f / 8388608);
                }

                break;
            case SampleKind.Int32:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (float)(BinaryPrimitives.ReadInt32LittleEndian(source.Slice(i * 4, 4)) * (1.0 / 2147483648.0));
                }

                break;
            case SampleKind.Float32:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source.Slice(i * 4, 4));
                }

                break;
            case SampleKind.Float64:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (float)BinaryPrimitives.ReadDoubleLittleEndian(source.Slice(i * 8, 8));
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sample kind.");
        }
    }

    /// <summary>
    /// Encodes <paramref name="source"/> into bytes.
    /// </summary>
    /// <param name="source">Samples, nominally in [-1, 1].</param>
    /// <param name="kind">The storage encoding.</param>
    /// <param name="destination">At least source.Length × <see cref="BytesPerSample"/> bytes.</param>
    public static void Encode(ReadOnlySpan<float> source, SampleKind kind, Span<byte> destination)
    {
        var count = source.Length;
        if (destination.Length < count * BytesPerSample(kind))
        {
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {count} {kind} samples need {count * BytesPerSample(kind)}.", nameof(destination));
        }

        switch (kind)
        {
            case SampleKind.UInt8:
                for (var i = 0; i < count; i++)
                {
                    destination[i] = (byte)(Quantize(source[i], 128f) + 128);
                }

                break;
            case SampleKind.Int16:
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteInt16LittleEndian(destination.Slice(i * 2, 2), (short)Quantize(source[i], 32768f));
                }

                break;
            case SampleKind.Int24:
                for (var i = 0; i < count; i++)
                {
                    var value = Quantize(source[i], 8388608f);
                    var b = destination.Slice(i * 3, 3);
                    b[0] = (byte)value;
                    b[1] = (byte)(value >> 8);
                    b[2] = (byte)(value >> 16);
                }

                break;
            case SampleKind.Int32:
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(destination.Slice(i * 4, 4), Quantize32(source[i]));
                }

                break;
            case SampleKind.Float32:
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(destination.Slice(i * 4, 4), source[i]);
                }

                break;
            case SampleKind.Float64:
                for (var i = 0; i < count; i++)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(destination.Slice(i * 8, 8), source[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown sample kind.");
        }
    }

    /// <summary>Scales, rounds and clamps one sample to [-scale, scale - 1]; NaN gives 0.</summary>
    private static int Quantize(float sample, float scale)
    {
        if (float.IsNaN(sample))
        {
            return 0;
        }

        // sample × scale is exact in float (scale is a power of two ≤ 2^23), so rounding happens once.
        var scaled = MathF.Round(sample * scale);
        return (int)Math.Clamp(scaled, -scale, scale - 1);
    }

    /// <summary>32-bit quantization in double: float32 cannot hold every 32-bit code.</summary>
    private static int Quantize32(float sample)
    {
        if (float.IsNaN(sample))
        {
            return 0;
        }

        var scaled = Math.Round(sample * 2147483648.0);
        return (int)Math.Clamp(scaled, -2147483648.0, 2147483647.0);
    }
}
