using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>An <see cref="ISeparationSink"/> that only counts frames and blocks (for long inputs).</summary>
internal sealed class CountingSink : ISeparationSink
{
    public long Frames { get; private set; }

    public int Blocks { get; private set; }

    public int LongestBlock { get; private set; }

    public void Write(ReadOnlySpan<AudioBuffer> stems)
    {
        Frames += stems[0].FrameCount;
        Blocks++;
        LongestBlock = Math.Max(LongestBlock, stems[0].FrameCount);
    }
}
