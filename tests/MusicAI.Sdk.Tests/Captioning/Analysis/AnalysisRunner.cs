using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Analysis;

namespace MusicAI.Sdk.Tests.Captioning.Analysis;

/// <summary>Runs the internal analysis on test signals.</summary>
internal static class AnalysisRunner
{
    public static SongAnalysis Analyze(float[] mono, int sampleRate = 22050)
    {
        using var buffer = AudioBuffer.FromChannels(sampleRate, mono);
        return SongAnalyzer.Analyze(buffer, progress: null, TestContext.Current.CancellationToken);
    }

    public static SongAnalysis Analyze(AudioBuffer buffer) =>
        SongAnalyzer.Analyze(buffer, progress: null, TestContext.Current.CancellationToken);

    /// <summary>Beat times in seconds.</summary>
    public static double[] BeatTimes(SongAnalysis analysis) => [.. analysis.Tempo.Beats.Select(b => AnalysisGrid.FrameTime(b))];

    /// <summary>F-measure of estimated beats against reference beats with a ±70 ms window (MIREX beat tracking).</summary>
    public static double BeatFMeasure(IReadOnlyList<double> estimated, IReadOnlyList<double> reference, double window = 0.07)
    {
        var used = new bool[estimated.Count];
        var hits = 0;
        foreach (var r in reference)
        {
            for (var i = 0; i < estimated.Count; i++)
            {
                if (!used[i] && Math.Abs(estimated[i] - r) <= window)
                {
                    used[i] = true;
                    hits++;
                    break;
                }
            }
        }

        if (hits == 0)
        {
            return 0;
        }

        var precision = hits / (double)estimated.Count;
        var recall = hits / (double)reference.Count;
        return 2 * precision * recall / (precision + recall);
    }
}
