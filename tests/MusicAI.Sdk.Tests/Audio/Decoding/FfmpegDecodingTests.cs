using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Decoding;
using MusicAI.Sdk.Diagnostics;
using static MusicAI.Sdk.Tests.Audio.Decoding.CodecFixtures;

namespace MusicAI.Sdk.Tests.Audio.Decoding;

public sealed class FfmpegDecodingTests
{
    private static void RequireFfmpeg()
    {
        if (Ffmpeg is null)
        {
            Assert.Skip("ffmpeg is not installed (apt install ffmpeg); the ffmpeg decoding path cannot be tested here.");
        }
    }

    /// <summary>The chirp the fixture script encodes, quantised to 16 bits as the source WAV was.</summary>
    private static float ExpectedStereoChirp(int channel, int i, int rate, double seconds)
    {
        static double Chirp(double t, double seconds, double f0, double f1)
        {
            var phase = 2 * Math.PI * ((f0 * t) + ((f1 - f0) * t * t / (2 * seconds)));
            var fade = Math.Min(1.0, Math.Min(t / 0.02, (seconds - t) / 0.02));
            return Math.Sin(phase) * fade;
        }

        var t = (double)i / rate;
        var value = channel == 0
            ? (0.4 * Chirp(t, seconds, 150, 7000)) + (0.1 * Chirp(t, seconds, 2500, 600))
            : (0.4 * Chirp(t, seconds, 4000, 300)) + (0.1 * Chirp(t, seconds, 900, 1900));
        return (float)value;
    }

    [Fact]
    public async Task Flac_DecodesThroughFfmpeg()
    {
        RequireFfmpeg();
        using var decoded = await AudioBuffer.LoadAsync(Path("tone_48k_stereo.flac"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(48000, decoded.SampleRate);
        Assert.Equal(2, decoded.ChannelCount);
        Assert.Equal(24000, decoded.FrameCount);
        for (var c = 0; c < 2; c++)
        {
            var channel = decoded.GetChannel(c);
            for (var i = 0; i < channel.Length; i++)
            {
                // Lossless: the 16-bit source, within its quantisation step (plus float rounding of the formula).
                Assert.InRange(Math.Abs(channel[i] - ExpectedStereoChirp(c, i, 48000, 0.5)), 0, 1.5 / 32768);
            }
        }
    }

    [Fact]
    public async Task Flac_FromANonSeekableStream_DecodesThroughATemporaryFile()
    {
        RequireFfmpeg();
        var bytes = await File.ReadAllBytesAsync(Path("tone_48k_stereo.flac"), TestContext.Current.CancellationToken);
        using var reader = AudioReader.Open(new AudioTestHelpers.NonSeekableStream(new MemoryStream(bytes)));
        Assert.Null(reader.FrameCount);
        var all = new float[48000 * 2];
        Assert.Equal(24000, reader.Read(all));
        Assert.Equal(0, reader.Read(all));
        Assert.Equal(ExpectedStereoChirp(1, 1000, 48000, 0.5), all[2001], 1.5f / 32768);
    }

    [Fact]
    public async Task AdpcmWav_FallsBackToFfmpeg()
    {
        RequireFfmpeg();
        using var decoded = await AudioBuffer.LoadAsync(Path("chirp_22k_mono_adpcm.wav"), cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(22050, decoded.SampleRate);

        // 0.25 s, rounded up to whole ADPCM blocks.
        Assert.InRange(decoded.FrameCount, 5512, 6200);
        using var source = await LoadReferenceAsync("source_chirp_22k_mono.wav");
        using var start = source.Slice(0, 5512);
        var (lag, snr) = Compare(start, decoded, maxLag: 100, edge: 500);
        Assert.Equal(0, lag);
        Assert.InRange(snr, 15, double.MaxValue);
    }

    [Fact]
    public void WithoutFfmpeg_OtherFormats_SayWhatToInstall()
    {
        foreach (var name in new[] { "tone_48k_stereo.flac", "chirp_22k_mono_adpcm.wav" })
        {
            var error = Assert.Throws<AudioFormatException>(() => AudioReader.Open(Path(name), null, NoFfmpeg));
            Assert.Contains("install ffmpeg (apt install ffmpeg / winget install ffmpeg / brew install ffmpeg)", error.Message);
            Assert.Contains("convert the file to WAV", error.Message);
        }
    }

    [Fact]
    public void MusicaiFfmpeg_PointingNowhere_MeansNoFfmpeg()
    {
        var locator = new FfmpegLocator(name => name == FfmpegLocator.EnvironmentVariable ? "/nonexistent/ffmpeg" : "/usr/bin:/bin");
        Assert.Null(locator.Find());
        Assert.Throws<AudioFormatException>(() => AudioReader.Open(Path("tone_48k_stereo.flac"), null, locator));
    }

    [Fact]
    public void MusicaiFfmpeg_IsPreferredOverPath()
    {
        RequireFfmpeg();
        var locator = new FfmpegLocator(name => name == FfmpegLocator.EnvironmentVariable ? Ffmpeg : string.Empty);
        Assert.Equal(Ffmpeg, locator.Find());
    }

    [Fact]
    public void Garbage_ThroughFfmpeg_IsAnAudioFormatExceptionWithFfmpegsMessage()
    {
        RequireFfmpeg();
        using var directory = new TemporaryDirectory();
        var path = System.IO.Path.Combine(directory.Path, "noise.bin");
        var bytes = new byte[3000];
        new Random(9).NextBytes(bytes);
        File.WriteAllBytes(path, bytes);
        var error = Assert.Throws<AudioFormatException>(() => AudioReader.Open(path));
        Assert.StartsWith("ffmpeg could not decode", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public async Task Cancellation_StopsTheProcess()
    {
        RequireFfmpeg();
        using var reader = AudioReader.Open(Path("tone_48k_stereo.flac"));
        using var cts = new CancellationTokenSource();
        var buffer = new float[100 * 2];
        Assert.Equal(100, await reader.ReadAsync(buffer, cts.Token));
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await reader.ReadAsync(buffer, cts.Token));
    }
}
