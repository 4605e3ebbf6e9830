namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Published key profiles (pitch-class weights from the tonic, C = index 0 of a C major / C minor profile).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><b>Krumhansl–Kessler</b> (1982): probe-tone ratings, Krumhansl, <i>Cognitive Foundations of Musical Pitch</i>, 1990.</item>
/// <item><b>Temperley</b> (Kostka–Payne corpus): D. Temperley, <i>Music and Probability</i>, 2007, table 6.1 (proportion
/// of segments containing each scale degree).</item>
/// <item><b>Aarden–Essen</b>: B. Aarden, <i>Dynamic Melodic Expectancy</i>, PhD thesis, 2003 (Essen folk-song corpus).</item>
/// <item><b>Temperley 1999</b>: D. Temperley, "What's key for key? The Krumhansl-Schmuckler key-finding algorithm
/// reconsidered", <i>Music Perception</i> 17(1), 1999.</item>
/// </list>
/// </remarks>
internal static class KeyProfiles
{
    /// <summary>Krumhansl–Kessler major.</summary>
    public static readonly double[] KrumhanslMajor = [6.35, 2.23, 3.48, 2.33, 4.38, 4.09, 2.52, 5.19, 2.39, 3.66, 2.29, 2.88];

    /// <summary>Krumhansl–Kessler minor.</summary>
    public static readonly double[] KrumhanslMinor = [6.33, 2.68, 3.52, 5.38, 2.60, 3.53, 2.54, 4.75, 3.98, 2.69, 3.34, 3.17];

    /// <summary>Temperley (Kostka–Payne) major.</summary>
    public static readonly double[] TemperleyMajor = [0.748, 0.060, 0.488, 0.082, 0.670, 0.460, 0.096, 0.715, 0.104, 0.366, 0.057, 0.400];

    /// <summary>Temperley (Kostka–Payne) minor.</summary>
    public static readonly double[] TemperleyMinor = [0.712, 0.084, 0.474, 0.618, 0.049, 0.460, 0.105, 0.747, 0.404, 0.067, 0.133, 0.330];

    /// <summary>Aarden–Essen major.</summary>
    public static readonly double[] AardenMajor = [17.7661, 0.145624, 14.9265, 0.160186, 19.8049, 11.3587, 0.291248, 22.062, 0.145624, 8.15494, 0.232998, 4.95122];

    /// <summary>Aarden–Essen minor.</summary>
    public static readonly double[] AardenMinor = [18.2648, 0.737619, 14.0499, 16.8599, 0.702494, 14.4362, 0.702494, 18.6161, 4.56621, 1.93186, 7.37619, 1.75623];

    /// <summary>Temperley 1999 major.</summary>
    public static readonly double[] Temperley1999Major = [5.0, 2.0, 3.5, 2.0, 4.5, 4.0, 2.0, 4.5, 2.0, 3.5, 1.5, 4.0];

    /// <summary>Temperley 1999 minor.</summary>
    public static readonly double[] Temperley1999Minor = [5.0, 2.0, 3.5, 4.5, 2.0, 4.0, 2.0, 4.5, 3.5, 2.0, 1.5, 4.0];

    /// <summary>Gets a profile pair by name (<c>krumhansl</c>, <c>temperley</c>, <c>aarden</c>, <c>temperley1999</c>).</summary>
    public static (double[] Major, double[] Minor) Get(string name) => name switch
    {
        "krumhansl" => (KrumhanslMajor, KrumhanslMinor),
        "temperley" => (TemperleyMajor, TemperleyMinor),
        "aarden" => (AardenMajor, AardenMinor),
        "temperley1999" => (Temperley1999Major, Temperley1999Minor),
        _ => throw new ArgumentException($"Unknown key profile '{name}'; use krumhansl, temperley, aarden or temperley1999.", nameof(name)),
    };
}
