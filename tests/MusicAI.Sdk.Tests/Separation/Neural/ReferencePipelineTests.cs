using System.Text.Json;
using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>
/// Our engines against the Python re-implementations of the reference pipelines (UVR <c>demix</c>, demucs
/// <c>apply_model</c> + sevagh's outside STFT) run on the same tiny models: tests/TestAssets/generate/sepnn_reference.py.
/// </summary>
public sealed class ReferencePipelineTests : IDisposable
{
    private readonly Sdk.Runtime.OnnxSessionFactory _factory = NeuralFixtures.CpuFactory();

    public static TheoryData<string> MdxCases => [.. NeuralFixtures.CaseNames("mdx")];

    public static TheoryData<string> DemucsCases => [.. NeuralFixtures.CaseNames("htdemucs")];

    public void Dispose() => _factory.Dispose();

    [Theory]
    [MemberData(nameof(MdxCases))]
    public async Task MdxNet_MatchesUvrsDemix(string name)
    {
        var fixture = NeuralFixtures.Case(name);
        var frames = fixture.GetProperty("frames").GetInt32();
        float? overlap = fixture.GetProperty("overlap").ValueKind == JsonValueKind.Null ? null : fixture.GetProperty("overlap").GetSingle();
        var primary = fixture.GetProperty("stems")[0].GetString() == "vocals" ? Stem.Vocals : Stem.Accompaniment;
        using var engine = (MdxNetEngine)Create(fixture);
        Assert.Equal(primary, engine.Parameters.PrimaryStem);
        Assert.Equal(fixture.GetProperty("chunks").GetInt64(), engine.Parameters.ChunkCount(frames, overlap));

        var (mix, sink) = await SeparateAsync(engine, frames, overlap);

        var primaryIndex = primary == Stem.Vocals ? 0 : 1;
        AssertMatches(name, fixture, frames, (_, c) => sink[primaryIndex, c]);

        // UVR semantics: the secondary stem is the mix minus the (compensated) primary, so the two sum to the mix.
        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < frames; i++)
            {
                Assert.Equal(mix[c][i], sink[0, c][i] + sink[1, c][i], 1e-6f);
            }
        }
    }

    [Theory]
    [MemberData(nameof(DemucsCases))]
    public async Task HtDemucs_MatchesDemucsApplyModel(string name)
    {
        var fixture = NeuralFixtures.Case(name);
        var frames = fixture.GetProperty("frames").GetInt32();
        using var engine = (HtDemucsEngine)Create(fixture);
        Assert.Equal([Stem.Drums, Stem.Bass, Stem.Other, Stem.Vocals], engine.Stems);

        var (_, sink) = await SeparateAsync(engine, frames, null);

        Assert.Equal(fixture.GetProperty("chunks").GetInt32(), sink.BlockSizes.Count);
        AssertMatches(name, fixture, frames, (s, c) => sink[s, c]);
    }

    private ISeparationEngine Create(JsonElement fixture) =>
        NeuralSeparationEngines.Create(NeuralFixtures.Path(fixture.GetProperty("model").GetString()!), _factory);

    private static async Task<(float[][] Mix, CollectingSink Sink)> SeparateAsync(ISeparationEngine engine, int frames, float? overlap)
    {
        var mix = NeuralTestSignal.Generate(frames);
        var sink = new CollectingSink(engine.Stems.Count, 2, frames);
        await engine.SeparateAsync(new MemorySeparationSource(mix), sink, new SeparationSettings(overlap), null, TestContext.Current.CancellationToken);
        Assert.Equal(frames, sink.Frames);
        return (mix, sink);
    }

    private static void AssertMatches(string name, JsonElement fixture, int frames, Func<int, int, float[]> actual)
    {
        var (samples, blocks) = ReferenceComparison.MaxDifference(
            actual,
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
