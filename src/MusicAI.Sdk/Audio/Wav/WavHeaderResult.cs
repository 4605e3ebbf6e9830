namespace MusicAI.Sdk.Audio.Wav;

/// <summary>The outcome of parsing a WAV header.</summary>
/// <param name="Layout">The layout, or <see langword="null"/> when the encoding is not one we decode.</param>
/// <param name="UnsupportedFormatTag">The <c>wFormatTag</c> we do not decode (for example 0x0002 ADPCM), or 0.</param>
internal readonly record struct WavHeaderResult(WavLayout? Layout, int UnsupportedFormatTag);
