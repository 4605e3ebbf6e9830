using System.Text.Json;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Evaluation;

namespace MusicAI.Sdk.Tests.Evaluation;

/// <summary>
/// Checks our SDR against numpy (global) and mir_eval's BSS Eval images, framewise (fixtures from
/// tests/TestAssets/generate/sep_sdr_fixtures.py).
/// </summary>
public sealed class SignalToDistortionTests
{
    [Theory]
    [InlineData("vocals")]
    [InlineData("drums")]
    public async Task MatchesNumpyAndMirEvalOnTheFixtures(string stem)
    {
        var ct = TestContext.Current.CancellationToken;
        using var expected = JsonDocument.Parse(await File.ReadAllTextAsync(TestAssets.Path("separation", "sdr", "expected.json"), ct));
        var values = expected.RootElement.GetProperty("stems").GetProperty(stem);
        using var reference = await AudioBuffer.LoadAsync(TestAssets.Path("separation", "sdr", "reference", stem + ".wav"), ct);
        using var estimate = await AudioBuffer.LoadAsync(TestAssets.Path("separation", "sdr", "estimate", stem + ".wav"), ct);

        Assert.Equal(values.GetProperty("global_sdr").GetDouble(), SignalToDistortion.Global(reference, estimate), 1e-6);

        var window = expected.RootElement.GetProperty("window").GetInt32();
        var framewise = SignalToDistortion.Framewise(reference, estimate, window, expected.RootElement.GetProperty("hop").GetInt32());
        var mirEval = values.GetProperty("framewise_sdr").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        Assert.Equal(mirEval.Length, framewise.Length);
        for (var k = 0; k < framewise.Length; k++)
        {
            if (double.IsNaN(framewise[k]))
            {
                // We skip a window only when this stem is silent there; mir_eval then skips it for every stem.
                Assert.True(double.IsNaN(mirEval[k]), $"window {k}: we skipped a window mir_eval scored");
            }
            else if (!double.IsNaN(mirEval[k]))
            {
                Assert.Equal(mirEval[k], framewise[k], 1e-6);
            }
        }

        Assert.Equal(stem == "drums", double.IsNaN(framewise[2]));
    }

    [Fact]
    public void PerfectEstimatesAreInfiniteFramewiseAndLargeGlobally()
    {
        using var reference = AudioBuffer.FromChannels(1000, Enumerable.Range(0, 3000).Select(i => MathF.Sin(i * 0.1f)).ToArray());
        var framewise = SignalToDistortion.Framewise(reference, reference, 1000, 1000);
        Assert.Equal(3, framewise.Length);
        Assert.All(framewise, v => Assert.Equal(double.PositiveInfinity, v));
        Assert.True(SignalToDistortion.Global(reference, reference) > 90);
    }

    [Fact]
    public void HalvingTheEstimateGivesSixDecibels()
    {
        using var reference = AudioBuffer.FromChannels(1000, Enumerable.Range(0, 2500).Select(i => MathF.Sin(i * 0.3f)).ToArray());
        using var half = AudioBuffer.FromChannels(1000, Enumerable.Range(0, 2500).Select(i => 0.5f * MathF.Sin(i * 0.3f)).ToArray());
        Assert.Equal(10 * Math.Log10(4), SignalToDistortion.Global(reference, half), 1e-4);
        var framewise = SignalToDistortion.Framewise(reference, half, 1000, 1000);
        Assert.Equal(2, framewise.Length);
        Assert.All(framewise, v => Assert.Equal(10 * Math.Log10(4), v, 1e-6));
    }

    [Fact]
    public void ShortSignalsAreOneWindowAndSilentOnesAreSkipped()
    {
        using var reference = AudioBuffer.FromChannels(1000, [1f, -1f, 0.5f]);
        using var estimate = AudioBuffer.FromChannels(1000, [1f, -1f, 0f]);
        var one = Assert.Single(SignalToDistortion.Framewise(reference, estimate, 1000, 1000));
        Assert.Equal(10 * Math.Log10(2.25 / 0.25), one, 1e-9);
        using var silent = AudioBuffer.Create(1, 3, 1000);
        Assert.True(double.IsNaN(Assert.Single(SignalToDistortion.Framewise(silent, estimate, 1000, 1000))));
        Assert.Empty(SignalToDistortion.Framewise(AudioBuffer.Create(1, 0, 1000), AudioBuffer.Create(1, 0, 1000), 1000, 1000));
    }

    [Fact]
    public void MedianIgnoresNaN()
    {
        Assert.Equal(2, SignalToDistortion.Median([3, double.NaN, 1, 2]));
        Assert.Equal(2.5, SignalToDistortion.Median([4, 1, double.NaN, 3, 2]));
        Assert.True(double.IsNaN(SignalToDistortion.Median([double.NaN])));
        Assert.Throws<ArgumentException>(() => SignalToDistortion.Global(AudioBuffer.Create(1, 3, 1000), AudioBuffer.Create(2, 3, 1000)));
    }
}
