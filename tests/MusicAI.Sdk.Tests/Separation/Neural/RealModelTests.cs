using MusicAI.Sdk.Separation;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

/// <summary>
/// Sanity checks on the real public models, when a folder of them is named by <c>MUSICAI_TEST_MODELS</c> (they cannot be
/// downloaded here): the UVR file is recognised by its tail MD5, a short separation is finite and not silent, and the
/// MDX-Net secondary stem is the mix minus the primary. Skipped when the variable or the file is missing.
/// </summary>
public sealed class RealModelTests : IDisposable
{
    private const int Frames = 12 * 44_100;

    private readonly Sdk.Runtime.OnnxSessionFactory _factory = NeuralFixtures.CpuFactory();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("UVR-MDX-NET-Voc_FT.onnx")]
    [InlineData("UVR-MDX-NET-Inst_HQ_3.onnx")]
    [InlineData("Kim_Vocal_2.onnx")]
    public async Task MdxNet_IsRecognised_AndSeparates(string file)
    {
        var path = RealModel(file);
        using var engine = (MdxNetEngine)NeuralSeparationEngines.Create(path, _factory);
        var known = Assert.Single(MdxNetModelCatalog.Known, k => k.FileName == file);
        Assert.Equal(known.Parameters, engine.Parameters);
        Assert.StartsWith("recognised as", engine.Origin, StringComparison.Ordinal);

        var (mix, sink) = await SeparateAsync(engine);

        for (var c = 0; c < 2; c++)
        {
            for (var i = 0; i < Frames; i++)
            {
                Assert.Equal(mix[c][i], sink[0, c][i] + sink[1, c][i], 1e-5f);
            }
        }
    }

    [Theory]
    [InlineData("htdemucs.onnx")]
    [InlineData("htdemucs_6s.onnx")]
    public async Task HtDemucs_Separates(string file)
    {
        using var engine = NeuralSeparationEngines.Create(RealModel(file), _factory);
        Assert.IsType<HtDemucsEngine>(engine);
        await SeparateAsync(engine);
    }

    private static string RealModel(string file)
    {
        var directory = Environment.GetEnvironmentVariable("MUSICAI_TEST_MODELS");
        if (string.IsNullOrWhiteSpace(directory))
        {
            Assert.Skip("Set MUSICAI_TEST_MODELS to a folder holding the real separator models to run this test.");
        }

        var path = Path.Combine(directory, file);
        if (!File.Exists(path))
        {
            Assert.Skip($"{file} is not in MUSICAI_TEST_MODELS ({directory}).");
        }

        return path;
    }

    private static async Task<(float[][] Mix, CollectingSink Sink)> SeparateAsync(ISeparationEngine engine)
    {
        var mix = NeuralTestSignal.Generate(Frames);
        var sink = new CollectingSink(engine.Stems.Count, 2, Frames);
        await engine.SeparateAsync(new MemorySeparationSource(mix), sink, new SeparationSettings(null), null, TestContext.Current.CancellationToken);
        Assert.Equal(Frames, sink.Frames);
        for (var s = 0; s < engine.Stems.Count; s++)
        {
            Assert.All(sink[s, 0].Concat(sink[s, 1]), v => Assert.True(float.IsFinite(v), $"{engine.Stems[s]} has a non-finite sample"));
            Assert.Contains(sink[s, 0], v => v != 0f);
        }

        return (mix, sink);
    }
}
