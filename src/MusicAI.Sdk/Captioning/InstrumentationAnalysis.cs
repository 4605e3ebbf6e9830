namespace MusicAI.Sdk.Captioning;

/// <summary>Instrumentation hints: percussive/harmonic balance, drums, bass, voice.</summary>
/// <remarks>A median-filter harmonic/percussive split of the mel spectrogram; hints, not an instrument recogniser
/// (the CLAP path, when configured, names instruments).</remarks>
public sealed class InstrumentationAnalysis
{
    internal InstrumentationAnalysis()
    {
    }

    /// <summary>Gets the share of the energy in percussive components, 0–1.</summary>
    public double PercussiveShare { get; internal init; }

    /// <summary>Gets the share of the energy in harmonic components, 0–1.</summary>
    public double HarmonicShare { get; internal init; }

    /// <summary>Gets a value indicating whether drums (regular percussive attacks) were detected.</summary>
    public bool Drums { get; internal init; }

    /// <summary>Gets how prominent the bass is, 0–1 (share of power below 250 Hz, scaled so 0.5 of the power is 1).</summary>
    public double BassPresence { get; internal init; }

    /// <summary>Gets a value indicating whether a voice was detected (<see cref="VocalAnalysis.Present"/>).</summary>
    public bool Vocals { get; internal init; }

    /// <summary>Gets the confidence of these hints, 0–1.</summary>
    public double Confidence { get; internal init; }
}
