namespace MusicAI.Sdk.Generation.Composition;

/// <summary>
/// How one stem sounds: a preset from the synthesizer's instrument catalog, the General MIDI program used in MIDI
/// export, and the mixer strip settings.
/// </summary>
/// <param name="Preset">Instrument preset name in the synthesizer catalog.</param>
/// <param name="GmProgram">General MIDI program 0–127 for MIDI export (ignored for drums).</param>
/// <param name="Gain">Linear strip gain.</param>
/// <param name="Pan">-1 (left) to 1 (right).</param>
/// <param name="Reverb">Reverb send 0–1.</param>
/// <param name="Delay">Tempo-synced delay send 0–1.</param>
internal readonly record struct InstrumentSpec(string Preset, int GmProgram, float Gain, float Pan, float Reverb, float Delay);
