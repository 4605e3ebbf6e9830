using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class MdxNetEngineTests : IDisposable
{
    private readonly Sdk.Runtime.OnnxSessionFactory _factory = NeuralFixtures.CpuFactory();

    public static TheoryData<string> ReferenceCases => [.. NeuralFixtures.CaseNames("mdx")];

    public void Dispose() => _factory.Dispose();

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public async Task Separate_MatchesTheUvrReferencePipeline(string name)
    {
        var fixture = NeuralFixtures.Case(name);
        var frames = fixture.GetProperty("frames").GetInt32();
        float? overlap = fixture.GetProperty("overlap").ValueKind == System.Text.Json.JsonValueKind.Null ? null : fixture.GetProperty("overlap").GetSingle();
        var primary = fixture.GetProperty("stems")[0].GetString() == "vocals" ? Stem.Vocals : Stem.Accompaniment;
        using var engine = (MdxNetEngine)NeuralSeparationEngines.Create(NeuralFixtures.Path(fixture.GetProperty("model").GetString()!), _factory);
        Assert.Equal(primary, engine.Parameters.PrimaryStem);
        Assert.Equal(fixture.GetProperty("chunks").GetInt64(), engine.Parameters.ChunkCount(frames, overlap));

        var mix = NeuralTestSignal.Generate(frames);
        var sink = new CollectingSink(2, 2, frames);
        await engine.SeparateAsync(new MemorySeparationSource(mix), sink, new SeparationSettings(overlap), null, TestContext.Current.CancellationToken);

        Assert.Equal(frames, sink.Frames);
        var primaryIndex = primary == Stem.Vocals ? 0 : 1;
        var (samples, blocks) = ReferenceComparison.MaxDifference(
            (_, c) => sink[primaryIndex, c],
            NeuralFixtures.Strided(name),
            NeuralFixtures.Blocks(name),
            fixture.GetProperty("stride").GetInt32(),
            fixture.GetProperty("block").GetInt32(),
            frames);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: max |C# − Python| = {samples:E2} (samples), {blocks:E2} (block mean/RMS)");
        Assert.InRange(samples, 0, NeuralFixtures.Tolerance);
        Assert.InRange(blocks, 0, NeuralFixtures.Tolerance);

        // UVR semantics: the secondary stem is the mix minus the (compensated) primary, so the two sum to the mix.
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < frames; i++)
            {
                Assert.Equal(mix[c][i], sink[0, c][i] + sink[1, c][i], 1e-6f);
            }
        }
    }
}
