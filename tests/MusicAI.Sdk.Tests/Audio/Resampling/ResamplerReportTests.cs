using System.Diagnostics;
using System.Globalization;
using System.Text;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Resampling;
using NWaves.Operations;
using NWaves.Signals;

namespace MusicAI.Sdk.Tests.Audio.Resampling;

/// <summary>
/// The measurement behind the resampler table in docs/audio-io.md: our filters against NWaves 0.9.6, on quality
/// (tones) and speed (one core). Opt-in because it takes a while on a busy machine:
/// <c>MUSICAI_MEASURE=1 dotnet test -c Release --project tests/MusicAI.Sdk.Tests -- --filter-class "*ResamplerReportTests"</c>.
/// Writes artifacts/audio-resampler-report.md.
/// </summary>
public sealed class ResamplerReportTests
{
    private static readonly (int In, int Out)[] s_ratios =
    [
        (44100, 48000), (48000, 44100), (44100, 22050), (44100, 16000), (48000, 32000), (8000, 44100), (192000, 44100),
    ];

    [Fact]
    public void Report()
    {
        if (Environment.GetEnvironmentVariable("MUSICAI_MEASURE") != "1")
        {
            Assert.Skip("Set MUSICAI_MEASURE=1 to run the resampler measurement (it prints the table for docs/audio-io.md).");
        }

        var candidates = new (string Name, ResamplerMeasurement.Resample Run)[]
        {
            ("ours High", (x, i, o) => PolyphaseResamplerTests.OneShot(ResamplerKernel.Create(i, o), x)),
            ("ours ScipyCompatible", (x, i, o) => PolyphaseResamplerTests.OneShot(ResamplerKernel.Create(i, o, ResamplerQuality.ScipyCompatible), x)),
            ("NWaves Resample", (x, i, o) => new Resampler().Resample(new DiscreteSignal(i, x), o).Samples),
            ("NWaves ResampleUpDown", (x, i, o) => NWavesUpDown(x, i, o)),
        };

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"Resampler measurement ({DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
        report.AppendLine();
        report.AppendLine("| ratio | resampler | pass-band ripple (dB, 20 Hz–0.9·Nyquist) | stop-band attenuation (dB, worst tone) | worst at (Hz) |");
        report.AppendLine("|---|---|---|---|---|");
        foreach (var (input, output) in s_ratios)
        {
            foreach (var (name, run) in candidates)
            {
                var f = ResamplerMeasurement.Measure(run, input, output, tones: 40, seconds: 0.25);
                report.AppendLine(CultureInfo.InvariantCulture, $"| {input}→{output} | {name} | {f.PassbandRippleDb:0.00000} | {f.StopbandAttenuationDb:0.0} | {f.WorstStopbandFrequency:0} |");
            }
        }

        report.AppendLine();
        report.AppendLine("| throughput, 30 s stereo, one thread | × real time |");
        report.AppendLine("|---|---|");
        foreach (var (input, output) in new[] { (44100, 48000), (48000, 44100), (44100, 16000), (48000, 32000) })
        {
            var seconds = 30;
            using var buffer = AudioBuffer.FromInterleaved(AudioTestHelpers.Signal(input * seconds, 2, input), 2, input);
            foreach (var (name, run) in candidates)
            {
                var channels = new[] { buffer.GetChannel(0).ToArray(), buffer.GetChannel(1).ToArray() };
                run(channels[0][..input], input, output);
                var watch = Stopwatch.StartNew();
                foreach (var channel in channels)
                {
                    run(channel, input, output);
                }

                var ratio = seconds / watch.Elapsed.TotalSeconds;
                report.AppendLine(CultureInfo.InvariantCulture, $"| {input}→{output} {name} | {ratio:0} |");
            }

            var streamWatch = Stopwatch.StartNew();
            using (var resampler = new PolyphaseResampler(ResamplerKernel.Create(input, output), 2))
            {
                var interleaved = new float[4096 * 2];
                var outBuffer = new float[8192 * 2];
                for (var start = 0; start < buffer.FrameCount; start += 4096)
                {
                    var frames = Math.Min(4096, buffer.FrameCount - start);
                    buffer.CopyToInterleaved(start, frames, interleaved);
                    resampler.Write(interleaved.AsSpan(0, frames * 2));
                    while (resampler.Read(outBuffer) > 0)
                    {
                    }
                }

                resampler.Complete();
                while (resampler.Read(outBuffer) > 0)
                {
                }
            }

            report.AppendLine(CultureInfo.InvariantCulture, $"| {input}→{output} ours High, streaming 4096-frame chunks | {seconds / streamWatch.Elapsed.TotalSeconds:0} |");
        }

        var text = report.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        var directory = Path.Combine(TestAssets.RepositoryRoot, "artifacts");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "audio-resampler-report.md"), text);
    }

    private static float[] NWavesUpDown(float[] x, int input, int output)
    {
        var gcd = (int)System.Numerics.BigInteger.GreatestCommonDivisor(input, output);
        return new Resampler().ResampleUpDown(new DiscreteSignal(input, x), output / gcd, input / gcd).Samples;
    }
}
