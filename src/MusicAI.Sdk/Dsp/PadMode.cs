namespace MusicAI.Sdk.Dsp;

/// <summary>How <see cref="StftPlan"/> extends the signal by n_fft/2 samples on each side when centring frames.</summary>
internal enum PadMode
{
    /// <summary>Mirror without repeating the edge sample (<c>torch</c> "reflect", numpy "reflect"): x[2], x[1] | x[0], x[1], ….</summary>
    Reflect,

    /// <summary>Zeros (<c>torch</c> "constant", scipy's <c>boundary="zeros"</c>).</summary>
    Constant,

    /// <summary>Repeat the edge sample (<c>torch</c> "replicate", numpy "edge").</summary>
    Edge,
}
