namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>Small vector helpers shared by the song-level estimators.</summary>
internal static class VectorMath
{
    /// <summary>Cosine similarity of two vectors of equal length, or <paramref name="ifZero"/> when either has no energy.</summary>
    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double ifZero)
    {
        double ab = 0, aa = 0, bb = 0;
        for (var k = 0; k < a.Length; k++)
        {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }

        return aa <= 1e-12 || bb <= 1e-12 ? ifZero : ab / Math.Sqrt(aa * bb);
    }
}
