using MusicAI.Sdk.Audio.Decoding;

namespace MusicAI.Sdk.Tests.Audio.Decoding;

public sealed class FormatDetectorTests
{
    [Theory]
    [InlineData("source_tone_44k_stereo.wav", null, nameof(ContainerFormat.Wav))]
    [InlineData("tone_44k_stereo_cbr.mp3", null, nameof(ContainerFormat.Mpeg))]
    [InlineData("tone_44k_stereo.ogg", null, nameof(ContainerFormat.OggVorbis))]
    [InlineData("tone_48k_stereo.flac", null, nameof(ContainerFormat.Other))]
    [InlineData("tone_44k_stereo_cbr.mp3", ".wav", nameof(ContainerFormat.Mpeg))]
    public void Content_Wins(string name, string? extension, string expected)
    {
        var head = File.ReadAllBytes(CodecFixtures.Path(name)).AsSpan(0, FormatDetector.HeadLength).ToArray();
        Assert.Equal(Enum.Parse<ContainerFormat>(expected), FormatDetector.Detect(head, extension));
    }

    [Theory]
    [InlineData(".wav", nameof(ContainerFormat.Wav))]
    [InlineData(".MP3", nameof(ContainerFormat.Mpeg))]
    [InlineData(".ogg", nameof(ContainerFormat.OggVorbis))]
    [InlineData(".m4a", nameof(ContainerFormat.Other))]
    [InlineData(null, nameof(ContainerFormat.Other))]
    public void UnknownContent_FallsBackToTheExtension(string? extension, string expected) =>
        Assert.Equal(Enum.Parse<ContainerFormat>(expected), FormatDetector.Detect("hello world, not audio"u8, extension));

    [Fact]
    public void AdtsAac_IsNotMistakenForMp3()
    {
        byte[] adts = [0xFF, 0xF1, 0x50, 0x80, 0x02, 0x1F, 0xFC];
        Assert.False(FormatDetector.IsMpegAudioSync(adts));
        Assert.Equal(ContainerFormat.Other, FormatDetector.Detect(adts, ".aac"));
    }

    [Fact]
    public void RiffThatIsNotWave_GoesToFfmpeg() =>
        Assert.Equal(ContainerFormat.Other, FormatDetector.Detect("RIFF\0\0\0\0AVI LIST"u8, ".avi"));
}
