namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>One decoded note in model frames: [<paramref name="StartFrame"/>, <paramref name="EndFrame"/>), MIDI pitch and mean activation.</summary>
/// <param name="StartFrame">First frame of the note.</param>
/// <param name="EndFrame">Frame where the note ends (exclusive, as the reference slices).</param>
/// <param name="Pitch">MIDI note number, 21 to 108.</param>
/// <param name="Amplitude">Mean note activation over the note's frames, 0 to 1.</param>
internal readonly record struct NoteEvent(int StartFrame, int EndFrame, int Pitch, float Amplitude);
