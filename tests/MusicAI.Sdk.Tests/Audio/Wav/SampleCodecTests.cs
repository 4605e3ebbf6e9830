using MusicAI.Sdk.Audio.Wav;

namespace MusicAI.Sdk.Tests.Audio.Wav;

public sealed class SampleCodecTests
{
    public static TheoryData<int> Kinds => [(int)SampleKind.UInt8, (int)SampleKind.Int16, (int)SampleKind.Int24, (int)SampleKind.Int32, (int)SampleKind.Float32, (int)SampleKind.Float64];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void RoundTrip_IsWithinOneStep_AtEveryLength(int kindValue)
    {
        var kind = (SampleKind)kindValue;
        var lsb = kind switch
        {
            SampleKind.UInt8 => 1.0 / 128,
            SampleKind.Int16 => 1.0 / 32768,
            SampleKind.Int24 => 1.0 / 8388608,
            SampleKind.Int32 => 1.0 / 2147483648,
            _ => 0.0,
        };
        var random = new Random(7);
        for (var length = 0; length <= 64; length++)
        {
            var source = new float[length];
            for (var i = 0; i < length; i++)
            {
                source[i] = (float)((random.NextDouble() * 1.98) - 0.99);
            }

            var bytes = new byte[length * SampleCodec.BytesPerSample(kind)];
            SampleCodec.Encode(source, kind, bytes);
            var back = new float[length];
            SampleCodec.Decode(bytes, kind, back);
            for (var i = 0; i < length; i++)
            {
                // Rounding to nearest: at most half a step, plus float rounding of the decoded value.
                Assert.InRange(Math.Abs(back[i] - (double)source[i]), 0, (lsb / 2) + 1e-9);
            }
        }
    }

    [Theory]
    [InlineData((int)SampleKind.UInt8, new byte[] { 0x00, 0x80, 0xFF }, new float[] { -1f, 0f, 127f / 128 })]
    [InlineData((int)SampleKind.Int16, new byte[] { 0x00, 0x80, 0x00, 0x00, 0xFF, 0x7F }, new float[] { -1f, 0f, 32767f / 32768 })]
    [InlineData((int)SampleKind.Int24, new byte[] { 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0xFF, 0xFF, 0x7F }, new float[] { -1f, 1f / 8388608, 8388607f / 8388608 })]
    public void Decode_UsesTheDocumentedScale(int kindValue, byte[] bytes, float[] expected)
    {
        var kind = (SampleKind)kindValue;
        var actual = new float[expected.Length];
        SampleCodec.Decode(bytes, kind, actual);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Encode_ClampsRoundsAndMapsNaNToZero()
    {
        float[] source = [2f, -2f, 1f, -1f, float.NaN, float.PositiveInfinity, 0.5f / 32768, 1.5f / 32768];
        var bytes = new byte[source.Length * 2];
        SampleCodec.Encode(source, SampleKind.Int16, bytes);
        var codes = new short[source.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = BitConverter.ToInt16(bytes, i * 2);
        }

        // Ties round to even: 0.5 → 0, 1.5 → 2.
        Assert.Equal(new short[] { 32767, -32768, 32767, -32768, 0, 32767, 0, 2 }, codes);
    }

    [Fact]
    public void Pcm8_EncodesAroundTheUnsignedMidpoint()
    {
        var bytes = new byte[4];
        SampleCodec.Encode([0f, -1f, 1f, 0.5f], SampleKind.UInt8, bytes);
        Assert.Equal(new byte[] { 128, 0, 255, 192 }, bytes);
    }

    [Fact]
    public void Float_IsCopiedExactly()
    {
        float[] source = [0f, -0f, 1e-30f, 3.5f, -7.25f, float.Epsilon, float.NaN];
        foreach (var kind in new[] { SampleKind.Float32, SampleKind.Float64 })
        {
            var bytes = new byte[source.Length * SampleCodec.BytesPerSample(kind)];
            SampleCodec.Encode(source, kind, bytes);
            var back = new float[source.Length];
            SampleCodec.Decode(bytes, kind, back);
            Assert.Equal(source, back);
        }
    }
}
