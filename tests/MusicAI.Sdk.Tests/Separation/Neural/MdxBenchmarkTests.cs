using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class MdxBenchmarkTests : IDisposable
{
    private readonly Sdk.Runtime.OnnxSessionFactory _factory = NeuralFixtures.CpuFactory();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public void Measure_TimesEachChunkOfBothKinds()
    {
        using var engine = (MdxNetEngine)NeuralSeparationEngines.Create(NeuralFixtures.Path("mdx_tiny_6144.onnx"), _factory);

        var result = MdxBenchmark.Measure(engine, chunks: 3, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.BareRunMilliseconds.Count);
        Assert.Equal(3, result.PipelineMilliseconds.Count);
        Assert.Equal(3, result.PipelineRunMilliseconds.Count);
        Assert.All(result.PipelineMilliseconds.Zip(result.PipelineRunMilliseconds), p => Assert.InRange(p.Second, 0, p.First));
        Assert.True(result.OwnWorkMedian > 0);
        Assert.True(result.OwnWorkFraction > 0);
        Assert.All(result.BareRunMilliseconds.Concat(result.PipelineMilliseconds), ms => Assert.True(ms > 0));
        Assert.Equal(result.PipelineMedian / result.BareRunMedian - 1, result.Overhead, 1e-12);
        Assert.Equal((64_512 - 6144) / 44_100.0, result.SecondsPerChunk, 1e-12);
    }

    [Fact]
    public void SyntheticSource_IsDeterministicAndZeroOutsideTheTrack()
    {
        var source = new MdxBenchmark.SyntheticSource(1000);
        using var first = Sdk.Audio.AudioBuffer.Create(2, 1200, 44_100);
        using var second = Sdk.Audio.AudioBuffer.Create(2, 1200, 44_100);
        source.Read(-100, first);
        source.Read(-100, second);

        Assert.Equal(first.GetChannel(1).ToArray(), second.GetChannel(1).ToArray());
        Assert.All(first.GetChannel(0)[..100].ToArray(), v => Assert.Equal(0f, v));
        Assert.All(first.GetChannel(0)[1100..].ToArray(), v => Assert.Equal(0f, v));
        Assert.Contains(first.GetChannel(0)[100..1100].ToArray(), v => v != 0f);
    }
}
