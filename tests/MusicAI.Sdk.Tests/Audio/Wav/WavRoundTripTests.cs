using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Wav;
using static MusicAI.Sdk.Tests.Audio.AudioTestHelpers;

namespace MusicAI.Sdk.Tests.Audio.Wav;

public sealed class WavRoundTripTests
{
    public static TheoryData<WavSampleFormat, int> FormatsAndChannels()
    {
        var data = new TheoryData<WavSampleFormat, int>();
        foreach (var format in Enum.GetValues<WavSampleFormat>())
        {
            foreach (var channels in new[] { 1, 2, 3, 6 })
            {
                data.Add(format, channels);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FormatsAndChannels))]
    public void SaveWav_ThenRead_IsExactForFloatAndWithinOneStepForPcm(WavSampleFormat format, int channels)
    {
        const int rate = 22050;
        var signal = Signal(3001, channels, rate, seed: channels);
        using var buffer = AudioBuffer.FromInterleaved(signal, channels, rate);
        using var stream = new MemoryStream();
        buffer.SaveWav(stream, format);
        stream.Position = 0;

        using var source = WavSampleSource.Open(stream, ownsStream: false, null, out _)!;
        Assert.Equal(rate, source.SampleRate);
        Assert.Equal(channels, source.ChannelCount);
        Assert.Equal(3001, source.FrameCount);
        Assert.Equal(channels > 2, source.Format.IsExtensible);
        var back = ReadAll(source, chunkFrames: 777);
        Assert.Equal(signal.Length, back.Length);
        var step = Step(format);
        for (var i = 0; i < signal.Length; i++)
        {
            Assert.InRange(Math.Abs(back[i] - signal[i]), 0, step);
        }
    }

    [Fact]
    public async Task SaveWavAsync_WritesAFileThatReadsBack()
    {
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "out.wav");
        var signal = Signal(5000, 2, 48000);
        using var buffer = AudioBuffer.FromInterleaved(signal, 2, 48000);
        await buffer.SaveWavAsync(path, WavSampleFormat.Pcm24, TestContext.Current.CancellationToken);

        Assert.Equal([path], Directory.GetFiles(directory.Path));
        await using var file = File.OpenRead(path);
        using var source = WavSampleSource.Open(file, ownsStream: false, path, out _)!;
        var back = ReadAll(source);
        Assert.Equal(signal.Length, back.Length);
        for (var i = 0; i < signal.Length; i++)
        {
            Assert.InRange(Math.Abs(back[i] - signal[i]), 0, Step(WavSampleFormat.Pcm24));
        }
    }

    [Fact]
    public void SaveWav_ToANonSeekableStream_Works()
    {
        var signal = Signal(999, 1, 16000);
        using var buffer = AudioBuffer.FromInterleaved(signal, 1, 16000);
        var sink = new MemoryStream();
        using (var pipe = new NonSeekableStream(sink))
        {
            buffer.SaveWav(pipe, WavSampleFormat.Float32);
        }

        using var source = WavSampleSource.Open(new MemoryStream(sink.ToArray()), ownsStream: true, null, out _)!;
        Assert.Equal(signal, ReadAll(source));
    }

    [Fact]
    public void OddSizedData_IsPadded()
    {
        using var buffer = AudioBuffer.FromInterleaved(Signal(3, 1, 8000), 1, 8000);
        using var stream = new MemoryStream();
        buffer.SaveWav(stream, WavSampleFormat.Pcm8);
        var bytes = stream.ToArray();
        Assert.Equal(0, bytes.Length % 2);
        Assert.Equal((uint)(bytes.Length - 8), BitConverter.ToUInt32(bytes, 4));
        Assert.Equal(3u, BitConverter.ToUInt32(bytes, bytes.Length - 8));
    }

    [Fact]
    public void Pcm16Stereo_HasTheClassic44ByteHeader()
    {
        using var buffer = AudioBuffer.Create(2, 10, 44100);
        using var stream = new MemoryStream();
        buffer.SaveWav(stream, WavSampleFormat.Pcm16);
        Assert.Equal(44 + 40, stream.Length);
    }

    [Fact]
    public void KnownSize_AboveTheRiffLimit_IsWrittenAsRf64AndReadsBack()
    {
        var signal = Signal(4000, 2, 44100);
        using var buffer = AudioBuffer.FromInterleaved(signal, 2, 44100);
        using var stream = new MemoryStream();
        buffer.SaveWav(stream, WavSampleFormat.Float32, riffLimit: 1000);
        var bytes = stream.ToArray();
        Assert.Equal("RF64"u8.ToArray(), bytes[..4]);
        Assert.Equal(uint.MaxValue, BitConverter.ToUInt32(bytes, 4));
        Assert.Equal("ds64"u8.ToArray(), bytes[12..16]);

        stream.Position = 0;
        using var source = WavSampleSource.Open(stream, ownsStream: false, null, out _)!;
        Assert.Equal(4000, source.FrameCount);
        Assert.Equal(signal, ReadAll(source));
    }

    [Fact]
    public void KnownSize_BelowTheRiffLimit_StaysRiff()
    {
        using var buffer = AudioBuffer.Create(1, 100, 8000);
        using var stream = new MemoryStream();
        buffer.SaveWav(stream, WavSampleFormat.Pcm16, riffLimit: 10_000);
        Assert.Equal("RIFF"u8.ToArray(), stream.ToArray()[..4]);
    }

    [Fact]
    public void EmptyBuffer_WritesAValidFileWithZeroFrames()
    {
        using var buffer = AudioBuffer.Create(2, 0, 44100);
        using var stream = new MemoryStream();
        buffer.SaveWav(stream, WavSampleFormat.Pcm16);
        stream.Position = 0;
        using var source = WavSampleSource.Open(stream, ownsStream: false, null, out _)!;
        Assert.Equal(0, source.FrameCount);
        Assert.Empty(ReadAll(source));
    }

    internal static double Step(WavSampleFormat format) => format switch
    {
        WavSampleFormat.Pcm8 => 1.0 / 128,
        WavSampleFormat.Pcm16 => 1.0 / 32768,
        WavSampleFormat.Pcm24 => 1.0 / 8388608,
        WavSampleFormat.Pcm32 => 1.0 / 2147483648,
        _ => 0,
    };
}
