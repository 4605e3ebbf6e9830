namespace MusicAI.Sdk.Dsp;

/// <summary>Hz ↔ mel conversion used by <see cref="FilterBank.CreateMel"/>.</summary>
internal enum MelScale
{
    /// <summary>Slaney's Auditory Toolbox scale (librosa's default, <c>htk=False</c>): linear below 1 kHz, logarithmic above.</summary>
    Slaney,

    /// <summary>HTK: mel = 2595·log10(1 + f/700) (librosa <c>htk=True</c>).</summary>
    Htk,
}
