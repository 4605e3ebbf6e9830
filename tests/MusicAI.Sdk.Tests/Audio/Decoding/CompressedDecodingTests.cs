using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Decoding;
using MusicAI.Sdk.Diagnostics;
using static MusicAI.Sdk.Tests.Audio.Decoding.CodecFixtures;

namespace MusicAI.Sdk.Tests.Audio.Decoding;

public sealed class CompressedDecodingTests
{
    [Theory]
    [InlineData("tone_44k_stereo_cbr.mp3", 44100, 2, 44100)]
    [InlineData("chirp_22k_mono_vbr.mp3", 22050, 1, 22050)]
    [InlineData("tone_44k_stereo.ogg", 44100, 2, 44100)]
    public async Task Fixture_DecodesInProcess_AndMatchesFfmpegBySnr(string name, int rate, int channels, int frames)
    {
        // No ffmpeg at all: MP3 and Vorbis must not need it.
        using var decoded = await AudioBuffer.LoadAsync(Path(name), null, NoFfmpeg, TestContext.Current.CancellationToken);
        Assert.Equal(rate, decoded.SampleRate);
        Assert.Equal(channels, decoded.ChannelCount);
        Assert.Equal(frames, decoded.FrameCount);

        // ffmpeg's own decode, committed: same samples up to decoder rounding, with no delay once LAME gapless
        // information is applied (NLayer alone would lag by 576 + 529 = 1105 samples).
        using var reference = await LoadReferenceAsync(name + ".ffmpeg.wav");
        var (lag, snr) = Compare(reference, decoded);
        Assert.Equal(0, lag);
        Assert.InRange(snr, 60, double.MaxValue);
    }

    [Theory]
    [InlineData("tone_44k_stereo_cbr.mp3", "source_tone_44k_stereo.wav", 20)]
    [InlineData("chirp_22k_mono_vbr.mp3", "source_chirp_22k_mono.wav", 30)]
    [InlineData("tone_44k_stereo.ogg", "source_tone_44k_stereo.wav", 20)]
    public async Task Fixture_IsAlignedWithItsSource(string name, string source, double minimumSnr)
    {
        using var decoded = await AudioBuffer.LoadAsync(Path(name), cancellationToken: TestContext.Current.CancellationToken);
        using var original = await LoadReferenceAsync(source);
        var (lag, snr) = Compare(original, decoded);
        Assert.Equal(0, lag);
        Assert.InRange(snr, minimumSnr, double.MaxValue);
    }

    [Fact]
    public void Mp3_ReportsTheGaplessFrameCount()
    {
        using var reader = AudioReader.Open(Path("tone_44k_stereo_cbr.mp3"));
        Assert.Equal(44100, reader.FrameCount);
    }

    [Fact]
    public async Task Mp3_FromANonSeekableStream_Decodes()
    {
        var bytes = await File.ReadAllBytesAsync(Path("chirp_22k_mono_vbr.mp3"), TestContext.Current.CancellationToken);
        using var stream = new AudioTestHelpers.NonSeekableStream(new MemoryStream(bytes));
        using var decoded = await AudioBuffer.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        using var fromFile = await AudioBuffer.LoadAsync(Path("chirp_22k_mono_vbr.mp3"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(fromFile.GetChannel(0).ToArray(), decoded.GetChannel(0).ToArray());
    }

    [Theory]
    [InlineData("tone_44k_stereo_cbr.mp3")]
    [InlineData("tone_44k_stereo.ogg")]
    public async Task StreamPositionedAfterOtherData_DecodesFromThere(string name)
    {
        var bytes = await File.ReadAllBytesAsync(Path(name), TestContext.Current.CancellationToken);
        using var stream = new MemoryStream([.. new byte[777], .. bytes]) { Position = 777 };
        using var decoded = await AudioBuffer.LoadAsync(stream, cancellationToken: TestContext.Current.CancellationToken);
        using var fromFile = await AudioBuffer.LoadAsync(Path(name), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(fromFile.GetChannel(0).ToArray(), decoded.GetChannel(0).ToArray());
    }

    [Theory]
    [InlineData("tone_44k_stereo_cbr.mp3")]
    [InlineData("tone_44k_stereo.ogg")]
    public void TruncatedFile_DecodesWhatIsThere_OrFailsWithAudioFormatException(string name)
    {
        var bytes = File.ReadAllBytes(Path(name));
        foreach (var length in new[] { 0, 3, 40, 200, 1000, bytes.Length / 2 })
        {
            try
            {
                using var reader = AudioReader.Open(new MemoryStream(bytes, 0, length), options: null, leaveOpen: false, NoFfmpeg);
                var buffer = new float[4096 * reader.ChannelCount];
                while (reader.Read(buffer) > 0)
                {
                }
            }
            catch (AudioFormatException)
            {
            }
        }
    }

    [Fact]
    public void Garbage_WithAnMp3Extension_IsAnAudioFormatException()
    {
        using var directory = new TemporaryDirectory();
        var path = System.IO.Path.Combine(directory.Path, "noise.mp3");
        var random = new Random(3);
        var bytes = new byte[5000];
        random.NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<AudioFormatException>(() => AudioReader.Open(path, null, NoFfmpeg));
        Assert.Equal(path, error.Path);
        Assert.Contains("MP3", error.Message);
    }

    [Fact]
    public void Lame_TagIsParsed()
    {
        var bytes = File.ReadAllBytes(Path("tone_44k_stereo_cbr.mp3"));
        var id3 = LameGaplessInfo.Id3v2Length(bytes);
        Assert.InRange(id3, 10, 1000);
        var info = LameGaplessInfo.TryParse(bytes, id3);
        Assert.NotNull(info);
        Assert.Equal(576, info.Value.EncoderDelay);
        Assert.Equal(1152, info.Value.SamplesPerFrame);
        Assert.Equal(44100, info.Value.ValidSamples);
    }
}
