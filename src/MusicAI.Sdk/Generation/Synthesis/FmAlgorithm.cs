namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>Operator routings of the FM engine (operator 0 is always a carrier).</summary>
internal enum FmAlgorithm
{
    /// <summary>1 → 0.</summary>
    Stack2,

    /// <summary>2 → 1 → 0.</summary>
    Stack3,

    /// <summary>1 → 0 and 3 → 2; carriers 0 and 2 are summed.</summary>
    TwoPairs,

    /// <summary>1 and 2 both modulate 0.</summary>
    TwoIntoOne,
}
