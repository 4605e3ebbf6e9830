namespace MusicAI.Sdk.Dsp;

/// <summary>Analysis windows available through <see cref="WindowFunctions"/>.</summary>
/// <remarks>
/// Only the shapes whose NWaves definition agrees with <c>scipy.signal.get_window</c> (max difference &lt; 1e-7)
/// are listed; NWaves' triangular and flat-top windows use other definitions and are deliberately not exposed.
/// </remarks>
internal enum WindowKind
{
    /// <summary>All ones (no window).</summary>
    Rectangular,

    /// <summary>Hann: 0.5 − 0.5·cos(2πn/M).</summary>
    Hann,

    /// <summary>Hamming: 0.54 − 0.46·cos(2πn/M).</summary>
    Hamming,

    /// <summary>Blackman: 0.42 − 0.5·cos(2πn/M) + 0.08·cos(4πn/M).</summary>
    Blackman,

    /// <summary>Bartlett–Hann: 0.62 − 0.48·|n/M − 0.5| − 0.38·cos(2πn/M).</summary>
    BartlettHann,

    /// <summary>Kaiser with shape parameter β (<c>scipy.signal.windows.kaiser(M, beta)</c>).</summary>
    Kaiser,
}
