namespace MusicAI.Sdk.Generation.Sequencing;

/// <summary>Receives per-strip audio from <see cref="Sequencer.Render"/> (offline rendering with stems).</summary>
internal interface IStemSink
{
    /// <summary>A planar buffer for <paramref name="frames"/> frames of every strip (<c>[strip][L|R][frame]</c>).</summary>
    Span<float> GetBuffer(int frames);

    /// <summary>Takes the frames just rendered into the buffer; they start at absolute frame <paramref name="frame"/>.</summary>
    void Commit(long frame, int frames);
}
