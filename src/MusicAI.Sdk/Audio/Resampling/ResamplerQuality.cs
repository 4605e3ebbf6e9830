namespace MusicAI.Sdk.Audio.Resampling;

/// <summary>Which anti-aliasing filter a <see cref="ResamplerKernel"/> uses.</summary>
internal enum ResamplerQuality
{
    /// <summary>
    /// Kaiser-windowed sinc designed for 110 dB stop-band attenuation, pass band flat to 0.9 × the lower Nyquist
    /// frequency and the stop band starting at the lower Nyquist frequency (no aliasing into the audible band).
    /// </summary>
    High,

    /// <summary>
    /// The design of <c>scipy.signal.resample_poly</c> (firwin, Kaiser β = 5, half length 10 × max(up, down), cutoff
    /// at the lower Nyquist frequency, zero padding at the ends), for matching Python preprocessing sample for sample.
    /// </summary>
    ScipyCompatible,
}
