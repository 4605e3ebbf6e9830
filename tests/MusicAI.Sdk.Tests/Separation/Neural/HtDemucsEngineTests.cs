using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class HtDemucsEngineTests : IDisposable
{
    private readonly Sdk.Runtime.OnnxSessionFactory _factory = NeuralFixtures.CpuFactory();

    public static TheoryData<string> ReferenceCases => [.. NeuralFixtures.CaseNames("htdemucs")];

    public void Dispose() => _factory.Dispose();

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public async Task Separate_MatchesTheDemucsReferencePipeline(string name)
    {
        var fixture = NeuralFixtures.Case(name);
        var frames = fixture.GetProperty("frames").GetInt32();
        using var engine = (HtDemucsEngine)NeuralSeparationEngines.Create(NeuralFixtures.Path(fixture.GetProperty("model").GetString()!), _factory);
        Assert.Equal([Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals], engine.Stems);

        var mix = NeuralTestSignal.Generate(frames);
        var sink = new CollectingSink(4, 2, frames);
        await engine.SeparateAsync(new MemorySeparationSource(mix), sink, new SeparationSettings(null), null, TestContext.Current.CancellationToken);

        Assert.Equal(frames, sink.Frames);
        Assert.Equal(fixture.GetProperty("chunks").GetInt32(), sink.BlockSizes.Count);
        var (samples, blocks) = ReferenceComparison.MaxDifference(
            (s, c) => sink[s, c],
            NeuralFixtures.Strided(name),
            NeuralFixtures.Blocks(name),
            fixture.GetProperty("stride").GetInt32(),
            fixture.GetProperty("block").GetInt32(),
            frames);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: max |C# − Python| = {samples:E2} (samples), {blocks:E2} (block mean/RMS)");
        Assert.InRange(samples, 0, NeuralFixtures.Tolerance);
        Assert.InRange(blocks, 0, NeuralFixtures.Tolerance);
    }
}
