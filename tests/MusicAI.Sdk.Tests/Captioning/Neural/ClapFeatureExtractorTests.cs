using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>The CLAP log-mel front end against the float64 numpy re-implementation in capnn_clap.py.</summary>
public sealed class ClapFeatureExtractorTests
{
    [Fact]
    public void ShortClip_RepeatPadded_MatchesTheReference()
    {
        var (expected, shape) = ClapFixtures.Features("features_repeatpad.npy");
        var actual = new float[ClapFeatureExtractor.FeatureCount];

        ClapFeatureExtractor.Extract(ClapFixtures.Clip, actual);

        Assert.Equal([1001, 64], shape);
        AssertClose(expected, actual);
    }

    [Fact]
    public void LongAudio_TruncatedToTheFirstTenSeconds_MatchesTheReference()
    {
        var clip = ClapFixtures.Clip;
        var nine = new float[clip.Length * 9];
        for (var i = 0; i < 9; i++)
        {
            clip.CopyTo(nine, i * clip.Length);
        }

        var (expected, _) = ClapFixtures.Features("features_truncated.npy");
        var actual = new float[ClapFeatureExtractor.FeatureCount];

        ClapFeatureExtractor.Extract(nine, actual);

        AssertClose(expected, actual);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    [InlineData(160_000)]
    [InlineData(479_999)]
    [InlineData(480_000)]
    [InlineData(500_000)]
    public void Fit_RepeatsWholeCopiesThenZeros_OrKeepsTheFirstTenSeconds(int length)
    {
        var audio = new float[length];
        for (var i = 0; i < length; i++)
        {
            audio[i] = i + 1;
        }

        var fitted = new float[ClapFeatureExtractor.MaxSamples];
        ClapFeatureExtractor.FitToTenSeconds(audio, fitted);

        var copies = length == 0 ? 0 : Math.Min(1, length / ClapFeatureExtractor.MaxSamples) == 1 ? 1 : ClapFeatureExtractor.MaxSamples / length;
        for (var i = 0; i < fitted.Length; i++)
        {
            var expected = length >= ClapFeatureExtractor.MaxSamples ? audio[i]
                : length > 0 && i < copies * length ? audio[i % length]
                : 0f;
            Assert.Equal(expected, fitted[i]);
        }
    }

    [Fact]
    public void Silence_IsTheMinus100DecibelFloor()
    {
        var features = new float[ClapFeatureExtractor.FeatureCount];
        ClapFeatureExtractor.Extract([], features);
        Assert.All(features, v => Assert.Equal(-100f, v));
    }

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = 0.0;
        for (var i = 0; i < expected.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(expected[i] - actual[i]) / Math.Max(1.0, Math.Abs(expected[i])));
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"max relative error {worst:G3}");
        Assert.True(worst <= 1e-4, $"max relative error {worst:G3} (|Δ| / max(1, |reference|), dB values)");
    }
}
