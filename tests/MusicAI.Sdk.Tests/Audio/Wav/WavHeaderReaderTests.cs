using MusicAI.Sdk.Audio.Wav;
using MusicAI.Sdk.Diagnostics;
using static MusicAI.Sdk.Tests.Audio.AudioTestHelpers;

namespace MusicAI.Sdk.Tests.Audio.Wav;

public sealed class WavHeaderReaderTests
{
    private static byte[] Pcm16(params short[] samples)
    {
        var bytes = new byte[samples.Length * 2];
        for (var i = 0; i < samples.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 2), samples[i]);
        }

        return bytes;
    }

    private static float[] Read(byte[] file, bool seekable = true)
    {
        Stream stream = seekable ? new MemoryStream(file) : new NonSeekableStream(new MemoryStream(file));
        using var source = WavSampleSource.Open(stream, ownsStream: true, "x.wav", out var tag)!;
        Assert.Equal(0, tag);
        return ReadAll(source);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void UnknownChunks_WithOddSizes_AreSkipped(bool seekable)
    {
        var file = new WavBuilder()
            .Chunk("LIST", [1, 2, 3])
            .Fmt(1, 1, 8000, 16)
            .Chunk("bext", [9, 9, 9, 9, 9])
            .Chunk("data", Pcm16(16384, -16384, 0))
            .Chunk("id3 ", [7])
            .Build();
        Assert.Equal([0.5f, -0.5f, 0f], Read(file, seekable));
    }

    [Fact]
    public void Extensible_Pcm24In32BitContainer_WithValidBits_Reads()
    {
        // 24 valid bits, left-justified in a 32-bit container.
        var data = new byte[8];
        BitConverter.TryWriteBytes(data.AsSpan(0), 0x40000000);
        BitConverter.TryWriteBytes(data.AsSpan(4), unchecked((int)0xC0000000));
        var file = new WavBuilder().FmtExtensible(1, 1, 96000, 32, 24, mask: 0x4).Chunk("data", data).Build();
        using var source = WavSampleSource.Open(new MemoryStream(file), true, null, out _)!;
        Assert.True(source.Format.IsExtensible);
        Assert.Equal(24, source.Format.ValidBits);
        Assert.Equal(96000, source.SampleRate);
        Assert.Equal([0.5f, -0.5f], ReadAll(source));
    }

    [Fact]
    public void Extensible_Float_Reads()
    {
        var data = new byte[8];
        BitConverter.TryWriteBytes(data.AsSpan(0), 0.25f);
        BitConverter.TryWriteBytes(data.AsSpan(4), -2f);
        var file = new WavBuilder().FmtExtensible(3, 2, 44100, 32, 32, mask: 0x3).Chunk("data", data).Build();
        Assert.Equal([0.25f, -2f], Read(file));
    }

    [Fact]
    public void FmtAfterData_IsFoundOnSeekableStreams()
    {
        var file = new WavBuilder().Chunk("data", Pcm16(100, 200)).Fmt(1, 2, 8000, 16).Build();
        Assert.Equal([100f / 32768, 200f / 32768], Read(file));
    }

    [Fact]
    public void FmtAfterData_OnANonSeekableStream_SaysWhatToDo()
    {
        var file = new WavBuilder().Chunk("data", Pcm16(100, 200)).Fmt(1, 2, 8000, 16).Build();
        var error = Assert.Throws<AudioFormatException>(() => Read(file, seekable: false));
        Assert.Contains("before the 'fmt ' chunk", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DataSizeFFFFFFFF_MeansToTheEndOfTheStream(bool seekable)
    {
        var file = new WavBuilder().Fmt(1, 1, 8000, 16).Chunk("data", Pcm16(1, 2, 3, 4), sizeOverride: uint.MaxValue).Build();
        Assert.Equal(4, Read(file, seekable).Length);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DataSizeZero_InAnUnfinishedHeader_MeansToTheEndOfTheStream(bool seekable)
    {
        var file = new WavBuilder { RiffSizeOverride = 0 }.Fmt(1, 1, 8000, 16).Chunk("data", Pcm16(1, 2, 3), sizeOverride: 0).Build();
        Assert.Equal(3, Read(file, seekable).Length);
    }

    [Fact]
    public void DataSizeZero_InAFinishedHeader_IsEmpty()
    {
        var file = new WavBuilder().Fmt(1, 1, 8000, 16).Chunk("data", []).Chunk("LIST", [1, 2, 3, 4]).Build();
        Assert.Empty(Read(file));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncatedData_YieldsTheWholeFramesPresent(bool seekable)
    {
        // Declares 5 stereo frames (20 bytes), holds 2 frames and one byte.
        var file = new WavBuilder().Fmt(1, 2, 8000, 16).Chunk("data", Pcm16(1, 2, 3, 4, 5)[..9], sizeOverride: 20, pad: false).Build();
        Assert.Equal([1f / 32768, 2f / 32768, 3f / 32768, 4f / 32768], Read(file, seekable));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TruncatedData_WithNoWholeFrame_Throws(bool seekable)
    {
        var file = new WavBuilder().Fmt(1, 2, 8000, 16).Chunk("data", [1, 2, 3], sizeOverride: 400, pad: false).Build();
        var error = Assert.Throws<AudioFormatException>(() => Read(file, seekable));
        Assert.Contains("truncated", error.Message);
        Assert.Contains("400", error.Message);
    }

    [Fact]
    public void Rf64_WithDs64_UsesTheLongSizes()
    {
        var ds64 = new byte[28];
        BitConverter.TryWriteBytes(ds64.AsSpan(8), 4L);
        var file = new WavBuilder { RiffId = "RF64", RiffSizeOverride = uint.MaxValue }
            .Chunk("ds64", ds64)
            .Fmt(1, 1, 8000, 16)
            .Chunk("data", Pcm16(1, 2, 3), sizeOverride: uint.MaxValue)
            .Build();
        Assert.Equal([1f / 32768, 2f / 32768], Read(file));
    }

    [Fact]
    public void UnsupportedEncoding_IsReportedWithItsTag()
    {
        var file = new WavBuilder().Fmt(2, 1, 8000, 4, blockAlign: 256, size: 20).Chunk("data", new byte[256]).Build();
        var source = WavSampleSource.Open(new MemoryStream(file), true, null, out var tag);
        Assert.Null(source);
        Assert.Equal(2, tag);
    }

    public static TheoryData<string, byte[]> BadFiles() => new()
    {
        { "too short", "RIFF"u8.ToArray() },
        { "does not start with 'RIFF'", "RIFX\0\0\0\0WAVEfmt "u8.ToArray() },
        { "not 'WAVE'", "RIFF\x04\0\0\0AVI "u8.ToArray() },
        { "at least 16", new WavBuilder().Chunk("fmt ", new byte[14]).Chunk("data", new byte[4]).Build() },
        { "0 channels", new WavBuilder().Fmt(1, 0, 8000, 16, blockAlign: 2).Chunk("data", new byte[4]).Build() },
        { "65 channels", new WavBuilder().Fmt(1, 65, 8000, 16).Chunk("data", new byte[130]).Build() },
        { "sample rate of 0 Hz", new WavBuilder().Fmt(1, 1, 0, 16).Chunk("data", new byte[4]).Build() },
        { "sample rate of 4000000000 Hz", new WavBuilder().Fmt(1, 1, unchecked((int)4_000_000_000), 16).Chunk("data", new byte[4]).Build() },
        { "0-bit", new WavBuilder().Fmt(1, 1, 8000, 0, blockAlign: 1).Chunk("data", new byte[4]).Build() },
        { "7-bit", new WavBuilder().Fmt(1, 1, 8000, 7, blockAlign: 1).Chunk("data", new byte[4]).Build() },
        { "31-bit", new WavBuilder().Fmt(1, 1, 8000, 31, blockAlign: 4).Chunk("data", new byte[4]).Build() },
        { "16-bit IEEE float", new WavBuilder().Fmt(3, 1, 8000, 16).Chunk("data", new byte[4]).Build() },
        { "block align is 3", new WavBuilder().Fmt(1, 2, 8000, 16, blockAlign: 3).Chunk("data", new byte[12]).Build() },
        { "EXTENSIBLE needs 40", new WavBuilder().Fmt(0xFFFE, 1, 8000, 16, size: 18).Chunk("data", new byte[4]).Build() },
        { "32 valid bits in a 16-bit", new WavBuilder().FmtExtensible(1, 1, 8000, 16, 32).Chunk("data", new byte[4]).Build() },
        { "'fmt ' chunk", new WavBuilder().Chunk("data", new byte[4]).Build() },
        { "before its 'data' chunk", new WavBuilder().Fmt(1, 1, 8000, 16).Build() },
        { "more bytes than the file holds", new WavBuilder().Fmt(1, 1, 8000, 16).Chunk("LIST", new byte[4], sizeOverride: 1_000_000).Chunk("data", new byte[4]).Build() },
        { "ds64", new WavBuilder { RiffId = "RF64" }.Fmt(1, 1, 8000, 16).Chunk("data", new byte[4], sizeOverride: uint.MaxValue).Build() },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void BadHeaders_ThrowAudioFormatException_SayingWhatIsWrong(string expected, byte[] file)
    {
        foreach (var seekable in new[] { true, false })
        {
            var error = Assert.Throws<AudioFormatException>(() => Read(file, seekable));
            Assert.Contains(expected, error.Message);
            Assert.Equal("x.wav", error.Path);
        }
    }
}
