using System.Diagnostics;
using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>
/// The timings in docs/captioning-neural.md. Opt-in (they repeat work and the machine is shared):
/// <c>MUSICAI_MEASURE=1 dotnet test -c Release --project tests/MusicAI.Sdk.Tests -- --filter-class "*NeuralReportTests"</c>.
/// </summary>
public sealed class NeuralReportTests
{
    [Fact]
    public async Task Report()
    {
        if (Environment.GetEnvironmentVariable("MUSICAI_MEASURE") != "1")
        {
            Assert.Skip("Set MUSICAI_MEASURE=1 to run the neural captioning timings (they print the figures for docs/captioning-neural.md).");
        }

        var output = TestContext.Current.TestOutputHelper!;
        var ct = TestContext.Current.CancellationToken;

        // CLAP front end: 10 s of 48 kHz audio to [1001, 64] log-mel.
        var clip = ClapFixtures.Clip;
        var features = new float[ClapFeatureExtractor.FeatureCount];
        ClapFeatureExtractor.Extract(clip, features);
        output.WriteLine($"CLAP log-mel of 10 s: median {Median(5, () => ClapFeatureExtractor.Extract(clip, features)):F1} ms");

        // basic-pitch: inference and decoding of the 9.1 s golden clip (soxr input, so no resampling in the timing).
        var modelPath = BasicPitchFixtures.RequireModel();
        await using var host = new OfflineCpuClient();
        var engine = await host.Transcriber(modelPath).LoadEngineAsync(null, ct);
        var audio = BasicPitchFixtures.ReadSoxrInput();
        BasicPitchActivations? activations = null;
        var inference = Median(3, () => activations = engine.Run(audio, includeContour: false, null, ct));
        var decoding = Median(3, () => NoteDecoder.Decode(activations!, new NoteDecodingSettings()));
        var seconds = audio.Length / (double)BasicPitch.SampleRate;
        output.WriteLine($"basic-pitch on {seconds:F2} s: inference median {inference:F0} ms ({seconds * 1000 / inference:F0}x real time), decoding median {decoding:F1} ms, {activations!.FrameCount} frames");
    }

    private static double Median(int runs, Action action)
    {
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            times[i] = stopwatch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times[runs / 2];
    }
}
