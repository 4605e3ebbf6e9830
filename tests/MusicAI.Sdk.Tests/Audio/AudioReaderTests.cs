using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Tests.Audio.Decoding;

namespace MusicAI.Sdk.Tests.Audio;

public sealed class AudioReaderTests
{
    public static TheoryData<string> Fixtures => ["source_tone_44k_stereo.wav", "tone_44k_stereo_cbr.mp3", "chirp_22k_mono_vbr.mp3", "tone_44k_stereo.ogg"];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task StreamingRead_EqualsWholeLoad(string name)
    {
        var path = CodecFixtures.Path(name);
        using var whole = await AudioBuffer.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        using var reader = AudioReader.Open(path);
        Assert.Equal(whole.SampleRate, reader.SampleRate);
        Assert.Equal(whole.ChannelCount, reader.ChannelCount);
        Assert.Equal(whole.FrameCount, reader.FrameCount);

        var expected = new float[whole.FrameCount * whole.ChannelCount];
        whole.CopyToInterleaved(expected);
        var actual = new List<float>();
        var random = new Random(1);
        int frames;
        do
        {
            var chunk = new float[random.Next(1, 3000) * reader.ChannelCount];
            frames = reader.Read(chunk);
            actual.AddRange(chunk.AsSpan(0, frames * reader.ChannelCount));
        }
        while (frames > 0);

        Assert.Equal(expected, actual);
        Assert.Equal(whole.FrameCount, reader.Position);
    }

    [Fact]
    public void ReadIntoAudioBuffer_FillsFromFrameZero_UntilTheEnd()
    {
        using var reader = AudioReader.Open(CodecFixtures.Path("source_chirp_22k_mono.wav"));
        using var chunk = AudioBuffer.Create(1, 10_000, 22050);
        Assert.Equal(10_000, reader.Read(chunk));
        Assert.Equal(10_000, reader.Read(chunk));
        Assert.Equal(2050, reader.Read(chunk));
        Assert.Equal(0, reader.Read(chunk));
        using var wrongShape = AudioBuffer.Create(2, 10, 22050);
        Assert.Throws<ArgumentException>(() => reader.Read(wrongShape));
    }

    [Theory]
    [InlineData(16000, 1)]
    [InlineData(48000, 2)]
    [InlineData(22050, 6)]
    public async Task Options_ConvertWhileReading_LikeTheBufferMethods(int rate, int channels)
    {
        var path = CodecFixtures.Path("source_tone_44k_stereo.wav");
        var options = new AudioLoadOptions { SampleRate = rate, ChannelCount = channels };
        using var converted = await AudioBuffer.LoadAsync(path, options, TestContext.Current.CancellationToken);
        using var original = await AudioBuffer.LoadAsync(path, cancellationToken: TestContext.Current.CancellationToken);
        using var mixedFirst = channels < 2 ? original.ToChannelCount(channels) : original.Resample(rate);
        using var expected = channels < 2 ? mixedFirst.Resample(rate) : mixedFirst.ToChannelCount(channels);
        Assert.Equal(rate, converted.SampleRate);
        Assert.Equal(channels, converted.ChannelCount);
        Assert.Equal(expected.FrameCount, converted.FrameCount);
        for (var c = 0; c < channels; c++)
        {
            var e = expected.GetChannel(c);
            var a = converted.GetChannel(c);
            for (var i = 0; i < e.Length; i++)
            {
                Assert.Equal(e[i], a[i], 1e-6f);
            }
        }

        using var reader = AudioReader.Open(path, options);
        Assert.Equal(expected.FrameCount, reader.FrameCount);
    }

    [Fact]
    public void Arguments_AndDisposal_AreChecked()
    {
        Assert.Throws<ArgumentNullException>(() => AudioReader.Open((Stream)null!));
        Assert.Throws<ArgumentException>(() => AudioReader.Open(" "));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioReader.Open(CodecFixtures.Path("source_chirp_22k_mono.wav"), new AudioLoadOptions { SampleRate = 10 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => AudioReader.Open(CodecFixtures.Path("source_chirp_22k_mono.wav"), new AudioLoadOptions { ChannelCount = 0 }));
        var reader = AudioReader.Open(CodecFixtures.Path("source_tone_44k_stereo.wav"));
        Assert.Throws<ArgumentException>(() => reader.Read(new float[1]));
        reader.Dispose();
        reader.Dispose();
        Assert.Throws<ObjectDisposedException>(() => reader.Read(new float[2]));
    }

    [Fact]
    public void LeaveOpen_KeepsTheStreamUsable()
    {
        var bytes = File.ReadAllBytes(CodecFixtures.Path("source_chirp_22k_mono.wav"));
        using var stream = new MemoryStream(bytes);
        using (var reader = AudioReader.Open(stream, leaveOpen: true))
        {
            Assert.Equal(22050, reader.FrameCount);
        }

        Assert.True(stream.CanRead);
        stream.Position = 0;
        using (AudioReader.Open(stream))
        {
        }

        Assert.False(stream.CanRead);
    }

    [Fact]
    public void WavFromANonSeekableStream_IsReadAsItArrives()
    {
        var bytes = File.ReadAllBytes(CodecFixtures.Path("source_tone_44k_stereo.wav"));
        using var reader = AudioReader.Open(new AudioTestHelpers.NonSeekableStream(new MemoryStream(bytes)));
        Assert.Equal(44100, reader.FrameCount);
        var all = new float[50_000 * 2];
        Assert.Equal(44100, reader.Read(all));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(16000, 1)]
    [InlineData(48000, 6)]
    public void StreamingWavChain_AllocatesNothingPerChunk_AfterWarmUp(int? rate, int? channels)
    {
        using var source = AudioBuffer.FromInterleaved(AudioTestHelpers.Signal(44100 * 3, 2, 44100), 2, 44100);
        var bytes = new MemoryStream();
        source.SaveWav(bytes, WavSampleFormat.Pcm16);
        bytes.Position = 0;
        using var reader = AudioReader.Open(bytes, new AudioLoadOptions { SampleRate = rate, ChannelCount = channels });
        var chunk = new float[1024 * reader.ChannelCount];
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(1024, reader.Read(chunk));
        }

        // 3 s of input: even at 16 kHz, 40 chunks of 1024 frames stay inside the file. Three windows of 10 chunks:
        // a per-chunk allocation shows in every window, a one-off (JIT tiering on this thread) in one at most.
        var frames = 0;
        var windows = new long[3];
        for (var w = 0; w < windows.Length; w++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 10; i++)
            {
                frames += reader.Read(chunk);
            }

            windows[w] = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Assert.Equal(30 * 1024, frames);
        Assert.Equal(0, windows.Min());
    }
}
