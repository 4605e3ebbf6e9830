namespace MusicAI.Sdk.Captioning.Analysis;

/// <summary>Everything the embedded analysis measured about one input, before it is described in words.</summary>
internal sealed record SongAnalysis(
    double DurationSeconds,
    int SampleRate,
    int ChannelCount,
    FrameFeatures Features,
    TempoEstimate Tempo,
    MeterEstimate Meter,
    KeyEstimate Key,
    IReadOnlyList<SectionEstimate> Sections,
    VocalEstimate Vocals,
    LoudnessSummary Loudness);
