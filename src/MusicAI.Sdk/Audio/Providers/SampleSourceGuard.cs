namespace MusicAI.Sdk.Audio.Providers;

/// <summary>Argument checks shared by the sample sources.</summary>
internal static class SampleSourceGuard
{
    /// <summary>Throws when a destination cannot hold one whole frame.</summary>
    /// <param name="length">The destination length in samples.</param>
    /// <param name="channels">Samples per frame.</param>
    /// <param name="paramName">The caller's parameter name.</param>
    public static void ThrowIfShorterThanFrame(int length, int channels, string paramName)
    {
        if (length < channels)
        {
            throw new ArgumentException($"The destination holds {length} samples; at least one frame ({channels} samples) is needed.", paramName);
        }
    }
}
