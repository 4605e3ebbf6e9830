using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>Edge cases, streaming, cancellation and concurrency of the neural engines, on the tiny models.</summary>
public sealed class NeuralEngineBehaviourTests : IDisposable
{
    private readonly Sdk.Runtime.OnnxSessionFactory _factory = NeuralFixtures.CpuFactory();

    public void Dispose() => _factory.Dispose();

    public static TheoryData<string> Models => ["mdx_tiny_6144.onnx", "htdemucs_tiny_a.onnx", "htdemucs_tiny_b.onnx"];

    [Theory]
    [MemberData(nameof(Models))]
    public async Task AnEmptySource_WritesNothing(string model)
    {
        using var engine = Create(model);
        var sink = new CollectingSink(engine.Stems.Count, 2, 0);
        await engine.SeparateAsync(new MemorySeparationSource([[], []]), sink, new SeparationSettings(null), null, TestContext.Current.CancellationToken);
        Assert.Equal(0, sink.Frames);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task ATenMillisecondClip_GivesTenMillisecondsOfFiniteStems(string model)
    {
        using var engine = Create(model);
        var mix = NeuralTestSignal.Generate(441);
        var sink = new CollectingSink(engine.Stems.Count, 2, 441);
        await engine.SeparateAsync(new MemorySeparationSource(mix), sink, new SeparationSettings(null), null, TestContext.Current.CancellationToken);

        Assert.Equal(441, sink.Frames);
        for (var s = 0; s < engine.Stems.Count; s++)
        {
            Assert.All(sink[s, 0].Concat(sink[s, 1]), v => Assert.True(float.IsFinite(v)));
        }
    }

    [Theory]
    [InlineData("htdemucs_tiny_a.onnx")]
    [InlineData("htdemucs_tiny_b.onnx")]
    public async Task Silence_IsNotDividedByAZeroStandardDeviation(string model)
    {
        using var engine = Create(model);
        const int Frames = 50_000;
        var sink = new CollectingSink(4, 2, Frames);
        await engine.SeparateAsync(new MemorySeparationSource([new float[Frames], new float[Frames]]), sink, new SeparationSettings(null), null, TestContext.Current.CancellationToken);

        Assert.Equal(Frames, sink.Frames);
        for (var s = 0; s < 4; s++)
        {
            Assert.All(sink[s, 0], v => Assert.True(float.IsFinite(v)));
        }

        if (model.EndsWith("_b.onnx", StringComparison.Ordinal))
        {
            // Flavour B's tiny model gates the mix: silence in, silence out.
            Assert.All(sink[2, 1], v => Assert.Equal(0f, v));
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task AnInputNotAt44100HzStereo_IsRejected(string model)
    {
        using var engine = Create(model);
        var sink = new CollectingSink(engine.Stems.Count, 1, 100);
        await Assert.ThrowsAsync<ArgumentException>(() => engine.SeparateAsync(new MemorySeparationSource([new float[100]]), sink, new SeparationSettings(null), null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => engine.SeparateAsync(new MemorySeparationSource([new float[100], new float[100]], 48_000), sink, new SeparationSettings(null), null, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => engine.SeparateAsync(new MemorySeparationSource([new float[100], new float[100]]), sink, new SeparationSettings(1f), null, TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task CancellingDuringTheTrack_StopsBeforeTheNextChunk(string model)
    {
        using var engine = Create(model);
        const int Frames = 1_200_000;
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var sink = new CancellingSink(cancellation);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => engine.SeparateAsync(
            new MemorySeparationSource(NeuralTestSignal.Generate(Frames)), sink, new SeparationSettings(null), null, cancellation.Token));

        Assert.Equal(1, sink.Blocks);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task Progress_RisesToTheFrameCount(string model)
    {
        using var engine = Create(model);
        const int Frames = 700_000;
        var reports = new List<ProcessingProgress>();
        var sink = new CollectingSink(engine.Stems.Count, 2, Frames);
        await engine.SeparateAsync(new MemorySeparationSource(NeuralTestSignal.Generate(Frames)), sink, new SeparationSettings(null), new SeparateToFilesTests.SynchronousProgress(reports.Add), TestContext.Current.CancellationToken);

        Assert.Equal(sink.BlockSizes.Count, reports.Count);
        Assert.Equal(Frames, reports[^1].Completed);
        Assert.All(reports, r => Assert.Equal(Frames, r.Total));
        Assert.Equal(reports.Select(r => r.Completed).Order(), reports.Select(r => r.Completed));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public async Task TwoConcurrentCalls_OnOneEngine_GiveTheSameStems(string model)
    {
        using var engine = Create(model);
        const int Frames = 400_000;
        var mix = NeuralTestSignal.Generate(Frames);
        var first = new CollectingSink(engine.Stems.Count, 2, Frames);
        var second = new CollectingSink(engine.Stems.Count, 2, Frames);

        await Task.WhenAll(
            engine.SeparateAsync(new MemorySeparationSource(mix), first, new SeparationSettings(null), null, TestContext.Current.CancellationToken),
            engine.SeparateAsync(new MemorySeparationSource(mix), second, new SeparationSettings(null), null, TestContext.Current.CancellationToken));

        for (var s = 0; s < engine.Stems.Count; s++)
        {
            Assert.Equal(first[s, 0], second[s, 0]);
            Assert.Equal(first[s, 1], second[s, 1]);
        }
    }

    [Theory]
    [InlineData("mdx_tiny_6144.onnx")]
    [InlineData("htdemucs_tiny_b.onnx")]
    public void Streaming_ReadsAndWritesBoundedBlocks_AndAllocateLessThanATrack(string model)
    {
        // A 5× longer input must not need longer reads or longer blocks, and no whole-track buffer: the engines stream.
        using var engine = Create(model);
        _ = MeasureStreaming(engine, 20 * 44_100); // warm-up: JIT, pools, session
        var (shortReads, shortBlock, shortBytes, shortChunks) = MeasureStreaming(engine, 20 * 44_100);
        var (longReads, longBlock, longBytes, longChunks) = MeasureStreaming(engine, 100 * 44_100);

        Assert.True(longChunks >= 4 * shortChunks, $"{longChunks} vs {shortChunks} chunks");
        Assert.Equal(shortReads, longReads);
        Assert.Equal(shortBlock, longBlock);
        TestContext.Current.TestOutputHelper?.WriteLine($"{model}: {shortBytes:N0} B allocated for {shortChunks} chunks, {longBytes:N0} B for {longChunks} chunks");

        // The whole long track is 100 s · 44,100 · 4 bytes = 17.6 MB per channel and stem: the engine holds a few chunks.
        Assert.InRange(longBytes, 0, 100 * 44_100 * 4 / 8);
    }

    private static (int LongestRead, int LongestBlock, long Bytes, int Chunks) MeasureStreaming(ISeparationEngine engine, int frames)
    {
        var channels = NeuralTestSignal.Generate(frames);
        var source = new MemorySeparationSource(channels);
        var sink = new CountingSink();
        var before = GC.GetAllocatedBytesForCurrentThread();
        switch (engine)
        {
            case MdxNetEngine mdx:
                mdx.Separate(source, sink, null, null, TestContext.Current.CancellationToken);
                break;
            case HtDemucsEngine demucs:
                demucs.Separate(source, sink, null, null, TestContext.Current.CancellationToken);
                break;
        }

        var bytes = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(frames, sink.Frames);
        return (source.LongestRead, sink.LongestBlock, bytes, sink.Blocks);
    }

    private ISeparationEngine Create(string model) => NeuralSeparationEngines.Create(NeuralFixtures.Path(model), _factory);

    private sealed class CancellingSink(CancellationTokenSource cancellation) : ISeparationSink
    {
        public int Blocks { get; private set; }

        public void Write(ReadOnlySpan<AudioBuffer> stems)
        {
            Blocks++;
            cancellation.Cancel();
        }
    }
}
