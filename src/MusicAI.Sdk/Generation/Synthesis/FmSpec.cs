namespace MusicAI.Sdk.Generation.Synthesis;

/// <summary>An FM source of 2 to 4 operators.</summary>
/// <param name="Algorithm">Routing.</param>
/// <param name="Operators">Operators in algorithm order (0 = carrier).</param>
internal sealed record FmSpec(FmAlgorithm Algorithm, FmOperatorSpec[] Operators)
{
    /// <summary>Gets the number of operators the algorithm uses.</summary>
    public int OperatorCount => Algorithm switch
    {
        FmAlgorithm.Stack2 => 2,
        FmAlgorithm.Stack3 => 3,
        FmAlgorithm.TwoIntoOne => 3,
        _ => 4,
    };
}
