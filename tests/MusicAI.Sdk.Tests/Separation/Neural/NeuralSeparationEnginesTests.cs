using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Separation.Neural;

namespace MusicAI.Sdk.Tests.Separation.Neural;

public sealed class NeuralSeparationEnginesTests : IDisposable
{
    private readonly Sdk.Runtime.OnnxSessionFactory _factory = NeuralFixtures.CpuFactory();

    public void Dispose() => _factory.Dispose();

    [Theory]
    [InlineData("mdx_tiny_7680.onnx", ModelContractKind.MdxNet)]
    [InlineData("htdemucs_tiny_a.onnx", ModelContractKind.HtDemucs)]
    [InlineData("htdemucs_tiny_b.onnx", ModelContractKind.HtDemucs)]
    public void Detect_RecognisesTheKindFromTheInputs(string file, ModelContractKind kind) =>
        Assert.Equal(kind, NeuralSeparationEngines.Detect(_factory.GetModel(NeuralFixtures.Path(file))));

    [Fact]
    public void Create_ReadsTheSidecarAndInputShape()
    {
        using var engine = (MdxNetEngine)NeuralSeparationEngines.Create(NeuralFixtures.Path("mdx_tiny_6144.onnx"), _factory);
        Assert.Equal(new MdxNetParameters(6144, 3072, 64, 1.022, Sdk.Separation.Stem.Accompaniment), engine.Parameters);
        Assert.Contains("mdx_tiny_6144.json", engine.Origin, StringComparison.Ordinal);
        Assert.Equal(44_100, engine.SampleRate);
        Assert.Equal(2, engine.ChannelCount);
    }

    [Fact]
    public void Create_FlavourA_And_B_ReportTheirShape()
    {
        using var a = (HtDemucsEngine)NeuralSeparationEngines.Create(NeuralFixtures.Path("htdemucs_tiny_a.onnx"), _factory);
        using var b = (HtDemucsEngine)NeuralSeparationEngines.Create(NeuralFixtures.Path("htdemucs_tiny_b.onnx"), _factory);
        Assert.True(a.SpectrogramOutside);
        Assert.Equal((4, 343_980), (a.SourceCount, a.SegmentLength));
        Assert.False(b.SpectrogramOutside);
        Assert.Equal((6, 343_980), (b.SourceCount, b.SegmentLength));
    }

    [Theory]
    [InlineData("mdx_wrong_channels.onnx", "dimension 1 is 2 instead of 4")]
    [InlineData("mdx_wrong_dtype.onnx", "element type differs")]
    [InlineData("mdx_wrong_name.onnx", "named 'input'")]
    [InlineData("htdemucs_wrong_spec.onnx", "dimension 2 is 2049 instead of 2048")]
    [InlineData("three_inputs.onnx", "match no separator")]
    public void Create_AModelOffContract_ThrowsNamingExpectedAndActualShapes(string file, string reason)
    {
        using var directory = new TemporaryDirectory();
        var path = CopyModel(directory, file, file);

        // MDX-shaped graphs need parameters before their shape can be checked: give them the Voc_FT ones.
        File.WriteAllText(Path.ChangeExtension(path, ".json"), "{\"mdx_n_fft_scale_set\": 7680, \"compensate\": 1.021, \"primary_stem\": \"Vocals\", \"mdx_dim_f_set\": 3072, \"mdx_dim_t_set\": 8}");

        var error = Assert.Throws<ModelContractException>(() => NeuralSeparationEngines.Create(path, _factory));
        TestContext.Current.TestOutputHelper?.WriteLine(error.Message);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("[", error.Expected, StringComparison.Ordinal);
        Assert.Contains("[", error.Actual, StringComparison.Ordinal);
        Assert.Equal(path, error.ModelPath);
    }

    [Fact]
    public void Create_AnMdxModelAsHtDemucs_ThrowsModelContractException()
    {
        var error = Assert.Throws<ModelContractException>(() =>
            NeuralSeparationEngines.Create(NeuralFixtures.Path("mdx_tiny_7680.onnx"), _factory, expectedKind: ModelContractKind.HtDemucs));
        Assert.Contains("declared as HtDemucs", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AnUnknownMdxModelWithoutSidecar_RefusesToGuess()
    {
        using var directory = new TemporaryDirectory();
        var path = CopyModel(directory, "mdx_tiny_7680.onnx", "custom.onnx");

        var error = Assert.Throws<ModelContractException>(() => NeuralSeparationEngines.Create(path, _factory));

        Assert.Contains(MdxNetModelCatalog.ComputeTailMd5(path), error.Message, StringComparison.Ordinal);
        Assert.Contains("custom.json", error.Message, StringComparison.Ordinal);
        Assert.Contains("will not be guessed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithExplicitParameters_NeedsNoSidecar()
    {
        using var directory = new TemporaryDirectory();
        var path = CopyModel(directory, "mdx_tiny_7680.onnx", "custom.onnx");
        var parameters = new MdxNetParameters(7680, 3072, 256, 1.0, Sdk.Separation.Stem.Vocals);

        using var engine = (MdxNetEngine)NeuralSeparationEngines.Create(path, _factory, mdxParameters: parameters);

        Assert.Same(parameters, engine.Parameters);
    }

    [Fact]
    public void Create_ExplicitParametersThatDisagreeWithTheShape_ThrowModelContractException()
    {
        var wrong = new MdxNetParameters(6144, 2048, 256, 1.0, Sdk.Separation.Stem.Vocals);
        var error = Assert.Throws<ModelContractException>(() =>
            NeuralSeparationEngines.Create(NeuralFixtures.Path("mdx_tiny_7680.onnx"), _factory, mdxParameters: wrong));
        Assert.Contains("dimension 2 is 3072 instead of 2048", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid")]
    [InlineData("{\"compensate\": 1.0, \"primary_stem\": \"Vocals\"}", "mdx_n_fft_scale_set")]
    [InlineData("{\"mdx_n_fft_scale_set\": 7680, \"compensate\": 1.0, \"primary_stem\": \"Drums\"}", "Drums")]
    [InlineData("{\"mdx_n_fft_scale_set\": 7681, \"compensate\": 1.0, \"primary_stem\": \"Vocals\"}", "even")]
    [InlineData("{\"mdx_n_fft_scale_set\": 7680, \"compensate\": -1, \"primary_stem\": \"Vocals\"}", "compensate")]
    public void Create_AnInvalidSidecar_ThrowsModelLoadExceptionSayingWhatToFix(string json, string reason)
    {
        using var directory = new TemporaryDirectory();
        var path = CopyModel(directory, "mdx_tiny_7680.onnx", "custom.onnx");
        File.WriteAllText(Path.Combine(directory.Path, "custom.json"), json);

        var error = Assert.Throws<ModelLoadException>(() => NeuralSeparationEngines.Create(path, _factory));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("custom.json", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Copies a fixture model into <paramref name="directory"/> (without its sidecar) and returns the copy's path.</summary>
    private static string CopyModel(TemporaryDirectory directory, string fixture, string name)
    {
        var path = Path.Combine(directory.Path, name);
        File.Copy(NeuralFixtures.Path(fixture), path);
        return path;
    }
}
