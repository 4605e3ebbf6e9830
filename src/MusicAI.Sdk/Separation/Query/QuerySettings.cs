namespace MusicAI.Sdk.Separation.Query;

/// <summary>Parameters of few-shot query separation (<see cref="QueryEngine"/>); see <c>docs/separation.md</c>.</summary>
internal sealed record QuerySettings
{
    /// <summary>Gets the default settings.</summary>
    public static QuerySettings Default { get; } = new();

    /// <summary>Gets the working sample rate (example and mix are resampled to it).</summary>
    public int SampleRate { get; init; } = 22_050;

    /// <summary>Gets the STFT size.</summary>
    public int FftLength { get; init; } = 2048;

    /// <summary>Gets the STFT hop.</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Gets the number of bases learnt from the example.</summary>
    public int ExampleComponents { get; init; } = 16;

    /// <summary>Gets the number of free bases that model everything else.</summary>
    public int BackgroundComponents { get; init; } = 24;

    /// <summary>Gets the NMF updates used to learn the example's bases.</summary>
    public int ExampleIterations { get; init; } = 100;

    /// <summary>Gets the NMF updates per chunk of the mix.</summary>
    public int Iterations { get; init; } = 60;

    /// <summary>Gets the exponent of the soft mask: 1, or 2 (Wiener).</summary>
    public int MaskPower { get; init; } = 2;

    /// <summary>Gets the chunk length in seconds.</summary>
    public double ChunkSeconds { get; init; } = 20;

    /// <summary>Gets the chunk overlap.</summary>
    public float Overlap { get; init; } = 0.1f;

    /// <summary>Gets the shortest example accepted, in seconds.</summary>
    public double MinExampleSeconds { get; init; } = 0.25;
}
