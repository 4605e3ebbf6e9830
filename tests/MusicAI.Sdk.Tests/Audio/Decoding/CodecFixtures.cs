using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Audio.Decoding;

namespace MusicAI.Sdk.Tests.Audio.Decoding;

/// <summary>Paths of the committed codec fixtures and helpers to compare decodes by SNR.</summary>
internal static class CodecFixtures
{
    public static string Path(string name) => TestAssets.Path("audio", "codecs", name);

    /// <summary>A locator that finds no ffmpeg (empty PATH, no MUSICAI_FFMPEG).</summary>
    public static FfmpegLocator NoFfmpeg { get; } = new(name => name == "PATH" ? string.Empty : null);

    public static string? Ffmpeg => FfmpegLocator.Default.Find();

    public static async Task<AudioBuffer> LoadReferenceAsync(string name) =>
        await AudioBuffer.LoadAsync(Path(name), cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>
    /// Finds the lag (in frames, within ±maxLag) at which <paramref name="actual"/> best matches
    /// <paramref name="reference"/> on channel 0, and the SNR over all channels at that lag, skipping the edges.
    /// </summary>
    public static (int Lag, double SnrDb) Compare(AudioBuffer reference, AudioBuffer actual, int maxLag = 3000, int edge = 2000)
    {
        var r = reference.GetChannel(0);
        var a = actual.GetChannel(0);
        var bestLag = 0;
        var best = double.MinValue;
        for (var lag = -maxLag; lag <= maxLag; lag++)
        {
            var sum = 0.0;
            for (var i = edge; i < r.Length - edge; i += 3)
            {
                var j = i + lag;
                if (j >= 0 && j < a.Length)
                {
                    sum += r[i] * a[j];
                }
            }

            if (sum > best)
            {
                (best, bestLag) = (sum, lag);
            }
        }

        double signal = 0, noise = 0;
        for (var c = 0; c < reference.ChannelCount; c++)
        {
            var rc = reference.GetChannel(c);
            var ac = actual.GetChannel(c);
            for (var i = edge; i < rc.Length - edge; i++)
            {
                var j = i + bestLag;
                if (j < 0 || j >= ac.Length)
                {
                    continue;
                }

                signal += rc[i] * (double)rc[i];
                var e = rc[i] - (double)ac[j];
                noise += e * e;
            }
        }

        return (bestLag, 10 * Math.Log10(signal / Math.Max(noise, 1e-30)));
    }
}
