using System.Diagnostics;
using System.Globalization;
using System.Text;
using MusicAI.Sdk.Audio;
using NLayer;
using static MusicAI.Sdk.Tests.Audio.Decoding.CodecFixtures;

namespace MusicAI.Sdk.Tests.Audio.Decoding;

/// <summary>
/// The measurement behind the decoder table in docs/audio-io.md (opt-in):
/// <c>MUSICAI_MEASURE=1 dotnet test -c Release --project tests/MusicAI.Sdk.Tests -- --filter-class "*CodecReportTests"</c>.
/// Writes artifacts/audio-codec-report.md.
/// </summary>
public sealed class CodecReportTests
{
    [Fact]
    public async Task Report()
    {
        if (Environment.GetEnvironmentVariable("MUSICAI_MEASURE") != "1")
        {
            Assert.Skip("Set MUSICAI_MEASURE=1 to run the decoder measurement (it prints the table for docs/audio-io.md).");
        }

        var ct = TestContext.Current.CancellationToken;
        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Decoder measurement ({DateTime.UtcNow:yyyy-MM-dd}, .NET {Environment.Version})");
        report.AppendLine();
        report.AppendLine("| fixture | frames (ours / ffmpeg / source) | lag vs ffmpeg | SNR vs ffmpeg (dB) | SNR vs source (dB) | NLayer alone: lag vs source |");
        report.AppendLine("|---|---|---|---|---|---|");
        foreach (var (name, source) in new[]
        {
            ("tone_44k_stereo_cbr.mp3", "source_tone_44k_stereo.wav"),
            ("chirp_22k_mono_vbr.mp3", "source_chirp_22k_mono.wav"),
            ("tone_44k_stereo.ogg", "source_tone_44k_stereo.wav"),
        })
        {
            using var ours = await AudioBuffer.LoadAsync(Path(name), null, NoFfmpeg, ct);
            using var ffmpeg = await LoadReferenceAsync(name + ".ffmpeg.wav");
            using var original = await LoadReferenceAsync(source);
            var (lag, snr) = Compare(ffmpeg, ours);
            var (sourceLag, sourceSnr) = Compare(original, ours);
            var raw = "n/a";
            if (name.EndsWith(".mp3", StringComparison.Ordinal))
            {
                using var mpeg = new MpegFile(Path(name));
                var samples = new List<float>();
                var chunk = new float[4096];
                int n;
                while ((n = mpeg.ReadSamples(chunk, 0, chunk.Length)) > 0)
                {
                    samples.AddRange(chunk.AsSpan(0, n));
                }

                using var nlayer = AudioBuffer.FromInterleaved(samples.ToArray(), mpeg.Channels, mpeg.SampleRate);
                raw = Compare(original, nlayer).Lag.ToString(CultureInfo.InvariantCulture);
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ours.FrameCount} / {ffmpeg.FrameCount} / {original.FrameCount} | {lag} | {snr:0.0} | {sourceSnr:0.0} (lag {sourceLag}) | {raw} |");
        }

        if (Ffmpeg is { } ffmpegPath)
        {
            report.AppendLine();
            report.AppendLine("| decode 60 s stereo 44.1 kHz, one thread | × real time |");
            report.AppendLine("|---|---|");
            using var directory = new TemporaryDirectory();
            using var music = AudioBuffer.FromInterleaved(AudioTestHelpers.Signal(44100 * 60, 2, 44100, amplitude: 0.5f), 2, 44100);
            var wav = System.IO.Path.Combine(directory.Path, "long.wav");
            await music.SaveWavAsync(wav, WavSampleFormat.Pcm16, ct);
            foreach (var (extension, arguments) in new[] { (".mp3", "-c:a libmp3lame -b:a 192k"), (".ogg", "-c:a libvorbis -q:a 5"), (".flac", "-c:a flac") })
            {
                var encoded = System.IO.Path.Combine(directory.Path, "long" + extension);
                using (var process = Process.Start(new ProcessStartInfo(ffmpegPath, $"-hide_banner -loglevel error -y -i \"{wav}\" {arguments} \"{encoded}\"")))
                {
                    await process!.WaitForExitAsync(ct);
                }

                await AudioBuffer.LoadAsync(encoded, cancellationToken: ct);
                var watch = Stopwatch.StartNew();
                using var decoded = await AudioBuffer.LoadAsync(encoded, cancellationToken: ct);
                var via = extension == ".flac" ? "ffmpeg process" : "in-process";
                report.AppendLine(CultureInfo.InvariantCulture, $"| {extension} ({via}) | {60 / watch.Elapsed.TotalSeconds:0} |");
            }

            var wavWatch = Stopwatch.StartNew();
            using (var decoded = await AudioBuffer.LoadAsync(wav, cancellationToken: ct))
            {
                report.AppendLine(CultureInfo.InvariantCulture, $"| .wav 16-bit | {60 / wavWatch.Elapsed.TotalSeconds:0} |");
            }
        }

        var text = report.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var artifacts = System.IO.Path.Combine(TestAssets.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(artifacts);
        await File.WriteAllTextAsync(System.IO.Path.Combine(artifacts, "audio-codec-report.md"), text, ct);
    }
}
