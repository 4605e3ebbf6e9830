namespace MusicAI.Sdk.Captioning;

/// <summary>The pitch register of the detected voice, from the median pitch of its confidently pitched frames.</summary>
public enum VocalRegister
{
    /// <summary>No voice, or its pitch could not be measured with enough confidence.</summary>
    Unknown,

    /// <summary>Median pitch below 165 Hz (typical of male voices).</summary>
    Low,

    /// <summary>Median pitch from 165 to 250 Hz (either).</summary>
    Middle,

    /// <summary>Median pitch above 250 Hz (typical of female voices and children).</summary>
    High,
}
