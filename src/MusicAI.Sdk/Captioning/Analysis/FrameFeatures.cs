namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>
/// Every per-frame feature of a whole input on the <see cref="AnalysisGrid"/>, plus whole-input spectral sums. Only
/// features are kept, never audio: ≈ 170 bytes per frame, ≈ 25 MB per hour of input (up to twice that while the lists grow).
/// </summary>
internal sealed class FrameFeatures
{
    /// <summary>Number of mel bands of the onset/timbre spectrum.</summary>
    public const int MelBands = 64;

    /// <summary>Number of MFCCs kept per frame (timbre for sections, vocal variance).</summary>
    public const int MfccCount = 13;

    /// <summary>Chroma bins per chroma frame (three per semitone; folded to 12 after tuning).</summary>
    public const int ChromaBins = 36;

    /// <summary>Spectral bands summed over the whole input: &lt; 60, 60–250, 250–2000, 2000–6000, ≥ 6000 Hz.</summary>
    public static ReadOnlySpan<double> BandEdgesHz => [60, 250, 2000, 6000];

    /// <summary>Gets the full-band spectral-flux onset strength (mean positive log-mel difference, dB).</summary>
    public List<float> Onset { get; } = [];

    /// <summary>Gets the onset strength of the bands below ≈ 200 Hz (kick drum and bass attacks).</summary>
    public List<float> OnsetLow { get; } = [];

    /// <summary>Gets the frame level in dB relative to a full-scale sine.</summary>
    public List<float> LevelDb { get; } = [];

    /// <summary>Gets the MFCCs, <see cref="MfccCount"/> per frame.</summary>
    public List<float> Mfcc { get; } = [];

    /// <summary>Gets the harmonic share of each frame's energy (median-filter split on the mel spectrum), 0–1.</summary>
    public List<float> HarmonicShare { get; } = [];

    /// <summary>Gets the spectral flatness of 300–6000 Hz, 0 (tonal) to 1 (noise).</summary>
    public List<float> Flatness { get; } = [];

    /// <summary>Gets the spectral centroid in Hz.</summary>
    public List<float> Centroid { get; } = [];

    /// <summary>Gets the pitch fluctuation between consecutive frames in cents (vibrato and glides of a voice).</summary>
    public List<float> Fluctuation { get; } = [];

    /// <summary>Gets the correlation of consecutive log-frequency spectra the fluctuation was measured with (0–1).</summary>
    public List<float> FluctuationCorrelation { get; } = [];

    /// <summary>Gets the predominant fundamental frequency in Hz by harmonic summation (0 when none).</summary>
    public List<float> Pitch { get; } = [];

    /// <summary>Gets the salience of <see cref="Pitch"/> relative to the frame's magnitude sum (0–1).</summary>
    public List<float> PitchSalience { get; } = [];

    /// <summary>Gets the raw 36-bin chroma energy (≥ 130 Hz), one frame per <see cref="AnalysisGrid.ChromaStride"/> analysis frames.</summary>
    public List<float> Chroma { get; } = [];

    /// <summary>Gets the raw 36-bin chroma energy of the bass register (≈ 40–300 Hz), one frame per chroma frame.</summary>
    public List<float> BassChroma { get; } = [];

    /// <summary>
    /// Gets the BeatNet beat activation at <see cref="Beats.BeatNetFeatures.FrameRate"/> (50 per second) when the
    /// neural beat tracker is used; empty otherwise.
    /// </summary>
    public List<float> BeatActivation { get; } = [];

    /// <summary>Gets the power summed per band (see <see cref="BandEdgesHz"/>) over the whole input.</summary>
    public double[] BandPower { get; } = new double[5];

    /// <summary>Gets the total power of harmonic parts over the whole input (mel domain).</summary>
    public double HarmonicPower { get; set; }

    /// <summary>Gets the total power of percussive parts over the whole input (mel domain).</summary>
    public double PercussivePower { get; set; }

    /// <summary>Gets Σ centroid·power (for the power-weighted mean centroid).</summary>
    public double CentroidWeighted { get; set; }

    /// <summary>Gets Σ power over frames.</summary>
    public double TotalPower { get; set; }

    /// <summary>Gets the number of analysis frames.</summary>
    public int FrameCount => Onset.Count;

    /// <summary>Gets the number of chroma frames.</summary>
    public int ChromaFrameCount => Chroma.Count / ChromaBins;

    /// <summary>Gets the duration the frames cover in seconds.</summary>
    public double Duration { get; set; }
}
