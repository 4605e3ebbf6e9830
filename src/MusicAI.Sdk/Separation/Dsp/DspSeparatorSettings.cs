namespace MusicAI.Sdk.Separation.Dsp;

/// <summary>
/// Parameters of the built-in DSP separator. The defaults are the tuned values (<c>docs/separation.md</c> explains each
/// and how they were chosen); tests and the tuning harness vary them.
/// </summary>
internal sealed record DspSeparatorSettings
{
    /// <summary>Gets the default settings.</summary>
    public static DspSeparatorSettings Default { get; } = new();

    /// <summary>Gets the rate the engine works at (inputs are resampled to it and back).</summary>
    public int SampleRate { get; init; } = 44_100;

    /// <summary>Gets the STFT size (periodic Hann window).</summary>
    public int FftLength { get; init; } = 4096;

    /// <summary>Gets the STFT hop.</summary>
    public int HopLength { get; init; } = 1024;

    /// <summary>Gets the chunk length in seconds (the repetition model sees one chunk plus margins).</summary>
    public double ChunkSeconds { get; init; } = 20;

    /// <summary>Gets the chunk overlap used when the request does not set one.</summary>
    public float DefaultOverlap { get; init; } = 0.125f;

    /// <summary>Gets the time-median length in frames (harmonic estimate of HPSS).</summary>
    public int HarmonicMedianFrames { get; init; } = 17;

    /// <summary>Gets the frequency-median length in bins (percussive estimate of HPSS).</summary>
    public int PercussiveMedianBins { get; init; } = 13;

    /// <summary>Gets the exponent of the HPSS soft mask (2 = Wiener).</summary>
    public float HpssPower { get; init; } = 2;

    /// <summary>Gets the most frames the repetition model takes the median of (REPET-SIM's k, the frame itself included).</summary>
    public int RepeatFrames { get; init; } = 8;

    /// <summary>Gets the least distance between two frames chosen as repetitions, in seconds.</summary>
    public double RepeatMinSeparationSeconds { get; init; } = 0.35;

    /// <summary>Gets the least cosine similarity of a frame chosen as a repetition.</summary>
    public float RepeatMinSimilarity { get; init; }

    /// <summary>Gets the highest frequency the frame similarity looks at.</summary>
    public double SimilarityMaxHz { get; init; } = 4000;

    /// <summary>Gets how many bins are pooled into one similarity feature.</summary>
    public int SimilarityPool { get; init; } = 4;

    /// <summary>Gets the exponent on the non-repeating (foreground) fraction in the vocal mask.</summary>
    public float ForegroundPower { get; init; } = 1;

    /// <summary>Gets the exponent on the harmonic fraction in the vocal mask.</summary>
    public float HarmonicPower { get; init; }

    /// <summary>Gets the width of the centre weight over the panning index (|L|² − |R|²)/(|L|² + |R|²).</summary>
    public float CentreWidth { get; init; } = 0.35f;

    /// <summary>Gets the exponent on the inter-channel coherence in the centre weight.</summary>
    public float CoherencePower { get; init; } = 2;

    /// <summary>Gets the frequency below which the vocal mask fades out.</summary>
    public double VocalLowHz { get; init; } = 120;

    /// <summary>Gets the frequency above which the vocal mask fades out.</summary>
    public double VocalHighHz { get; init; } = 12_000;

    /// <summary>Gets the upper edge of the bass band (a cosine fade over ±25 % around it).</summary>
    public double BassCutoffHz { get; init; } = 300;

    /// <summary>Gets the exponent applied to the four masks before they are renormalised to sum to one (1 = as built).</summary>
    public int MaskPower { get; init; } = 2;

    /// <summary>Gets the number of chunks processed at once; 0 = one per processor, at most 4.</summary>
    public int Parallelism { get; init; }

    /// <summary>Gets the chunk length in frames.</summary>
    public int ChunkFrames => (int)Math.Round(ChunkSeconds * SampleRate);

    /// <summary>Gets the context read on each side of a chunk: one window plus half the time median.</summary>
    public int MarginFrames => FftLength + (HarmonicMedianFrames / 2 * HopLength);
}
