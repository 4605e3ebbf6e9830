namespace MusicAI.Sdk.Audio.Wav;

/// <summary>Where the audio of a WAV stream is and how it is encoded.</summary>
/// <param name="Format">The sample format.</param>
/// <param name="DataStart">Offset of the first data byte from the start of the WAV stream.</param>
/// <param name="DataLength">Bytes of sample data the header declares, or <see langword="null"/> for "to the end of the stream".</param>
/// <param name="IsRf64">Whether the file is RF64/BW64 (sizes in the <c>ds64</c> chunk).</param>
internal sealed record WavLayout(WavFormat Format, long DataStart, long? DataLength, bool IsRf64);
