namespace MusicAI.Sdk.Separation.Chunking;

/// <summary>
/// How a signal of <see cref="TotalFrames"/> frames is cut into chunks of <see cref="ChunkLength"/> frames that overlap
/// their successor by <see cref="Overlap"/> frames: chunk k starts at k·<see cref="Hop"/>; the last chunk is shorter
/// when the signal ends inside it.
/// </summary>
/// <param name="TotalFrames">Frames in the whole signal, 0 or more.</param>
/// <param name="ChunkLength">Frames per chunk, 1 or more.</param>
/// <param name="Overlap">Frames shared by consecutive chunks, 0 to <paramref name="ChunkLength"/> − 1.</param>
internal readonly record struct ChunkLayout(long TotalFrames, int ChunkLength, int Overlap)
{
    /// <summary>Gets the distance between chunk starts.</summary>
    public int Hop => ChunkLength - Overlap;

    /// <summary>Gets the number of chunks: 0 for an empty signal, 1 when it fits one chunk.</summary>
    public long ChunkCount => TotalFrames <= 0 ? 0
        : TotalFrames <= ChunkLength ? 1
        : 1 + ((TotalFrames - ChunkLength + Hop - 1) / Hop);

    /// <summary>
    /// Creates a layout from an overlap fraction.
    /// </summary>
    /// <param name="totalFrames">Frames in the signal.</param>
    /// <param name="chunkLength">Frames per chunk.</param>
    /// <param name="overlapFraction">Overlap as a fraction of <paramref name="chunkLength"/>, in [0, 1).</param>
    /// <returns>The layout; the overlap is rounded to whole frames and kept below the chunk length.</returns>
    public static ChunkLayout Create(long totalFrames, int chunkLength, float overlapFraction)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(totalFrames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkLength);
        if (!(overlapFraction >= 0 && overlapFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(overlapFraction), overlapFraction, "The overlap must be in [0, 1).");
        }

        var overlap = Math.Min(chunkLength - 1, (int)Math.Round(overlapFraction * (double)chunkLength));
        return new ChunkLayout(totalFrames, chunkLength, overlap);
    }

    /// <summary>Gets the first frame of chunk <paramref name="chunk"/>.</summary>
    public long Start(long chunk) => chunk * Hop;

    /// <summary>Gets the frame count of chunk <paramref name="chunk"/> (the last one may be shorter).</summary>
    public int Length(long chunk) => (int)Math.Min(ChunkLength, TotalFrames - Start(chunk));
}
