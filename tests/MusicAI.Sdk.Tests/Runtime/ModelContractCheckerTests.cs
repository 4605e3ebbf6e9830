using Microsoft.ML.OnnxRuntime.Tensors;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

public sealed class ModelContractCheckerTests
{
    [Theory]
    [InlineData("input float32 [batch, 4, 3072, 256]", "'input' float32 [batch, 4, 3072, 256]")]
    [InlineData("lengths int64 [batch]", "'lengths' int64 [batch]")]
    [InlineData("* float32 [?, 2]", "(any name) float32 [?, 2]")]
    [InlineData("scalar int64 []", "'scalar' int64 []")]
    public void Parse_RoundTripsThroughToString(string text, string formatted)
    {
        Assert.Equal(formatted, TensorSignature.Parse(text).ToString());
    }

    [Theory]
    [InlineData("input float32")]
    [InlineData("input [1, 2]")]
    [InlineData("input complex99 [1]")]
    [InlineData("input float32 [1, 2] trailing")]
    public void Parse_RejectsMalformedText(string text)
    {
        Assert.Throws<FormatException>(() => TensorSignature.Parse(text));
    }

    [Fact]
    public void Mismatch_ShowsExpectedAgainstActual_InTheDocumentedForm()
    {
        var contract = ModelContract.Parse("MDX-Net separator", ["input float32 [batch, 4, 3072, 256]"], ["* float32 [batch, 4, 3072, 256]"]);
        TensorSignature[] inputs = [TensorSignature.Parse("x float32 [1, 2, 343980]")];
        TensorSignature[] outputs = [TensorSignature.Parse("y float32 [1, 4, 2, 343980]")];

        var ex = Assert.Throws<ModelContractException>(() => ModelContractChecker.ThrowIfMismatch(contract, inputs, outputs, "htdemucs", "/m/htdemucs.onnx"));

        Assert.Contains("expected input 'input' float32 [batch, 4, 3072, 256]; model has 'x' float32 [1, 2, 343980]", ex.Message, StringComparison.Ordinal);
        Assert.Contains("expected output (any name) float32 [batch, 4, 3072, 256]; model has 'y' float32 [1, 4, 2, 343980] (dimension 2 is 2 instead of 3072)", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith("Model 'htdemucs' does not match the MDX-Net separator contract", ex.Message, StringComparison.Ordinal);
        Assert.Equal("inputs: 'input' float32 [batch, 4, 3072, 256]; outputs: (any name) float32 [batch, 4, 3072, 256]", ex.Expected);
        Assert.Equal("inputs: 'x' float32 [1, 2, 343980]; outputs: 'y' float32 [1, 4, 2, 343980]", ex.Actual);
        Assert.Equal("htdemucs", ex.ModelId);
        Assert.Equal("/m/htdemucs.onnx", ex.ModelPath);
    }

    [Theory]
    [InlineData("x float32 [batch, 4]", "x float32 [1, 4]")]
    [InlineData("x float32 [1, 4]", "x float32 [batch, 4]")]
    [InlineData("x float32 [7, 4]", "x float32 [?, ?]")]
    [InlineData("x float32 [n, m]", "x float32 [3, 9]")]
    public void DynamicDimensionsOnEitherSide_Match(string expected, string actual)
    {
        var contract = new ModelContract("test", [TensorSignature.Parse(expected)], []);
        Assert.Empty(ModelContractChecker.FindMismatches(contract, [TensorSignature.Parse(actual)], []));
    }

    [Theory]
    [InlineData("x float32 [batch, 4]", "x float32 [batch, 5]", "dimension 1 is 5 instead of 4")]
    [InlineData("x float32 [batch, 4]", "x float16 [batch, 4]", "element type differs")]
    [InlineData("x float32 [batch, 4]", "x float32 [batch, 4, 1]", "rank 3 instead of 2")]
    [InlineData("x int64 []", "x int64 [1]", "rank 1 instead of 0")]
    public void DifferentTypeOrShape_IsReportedWithTheDifference(string expected, string actual, string difference)
    {
        var contract = new ModelContract("test", [TensorSignature.Parse(expected)], []);
        var problem = Assert.Single(ModelContractChecker.FindMismatches(contract, [TensorSignature.Parse(actual)], []));
        Assert.EndsWith($"({difference})", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AnExtraModelInput_IsAMismatch_ButAnExtraOutputIsNot()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var model = factory.GetModel(OnnxFixtures.Path("multi_io.onnx"));
        var withoutLengths = ModelContract.Parse("mixer", ["audio float32 [batch, 2, samples]", "gain float32 [1]"], ["energy float32 [batch]"]);

        var problem = Assert.Single(ModelContractChecker.FindMismatches(withoutLengths, model.Inputs, model.Outputs));
        Assert.Equal("model also needs input 'lengths' int64 [batch], which the mixer contract does not provide", problem);

        var full = ModelContract.Parse(
            "mixer",
            ["lengths int64 [batch]", "gain float32 [1]", "audio float32 [batch, 2, samples]"],
            ["* float32 [batch, 2, samples]", "lengths_doubled int64 [batch]"]);
        model.EnsureContract(full);
    }

    [Fact]
    public void RealModelMetadata_IsReadWithSymbolicDimensions()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var model = factory.GetModel(OnnxFixtures.Path("multi_io.onnx"));

        Assert.Equal(["'audio' float32 [batch, 2, samples]", "'gain' float32 [1]", "'lengths' int64 [batch]"], model.Inputs.Select(s => s.ToString()));
        Assert.Equal(["'scaled' float32 [batch, 2, samples]", "'energy' float32 [batch]", "'lengths_doubled' int64 [batch]"], model.Outputs.Select(s => s.ToString()));
        Assert.Equal(TensorElementType.Int64, model.Inputs[2].ElementType);
        Assert.False(model.Inputs[0].Dimensions[0].IsFixed);
        Assert.Equal(2, model.Inputs[0].Dimensions[1].Size);
    }

    [Fact]
    public void TheAffineFixture_MatchesItsContract()
    {
        using var factory = OnnxFixtures.CpuFactory();
        factory.GetModel(OnnxFixtures.Path("affine.onnx")).EnsureContract(OnnxFixtures.AffineContract);
    }

    [Theory]
    [InlineData("wrong_name.onnx", "expected input 'x' float32 [batch, 4]; model has 'features' float32 [batch, 4] (no input named 'x')")]
    [InlineData("wrong_rank.onnx", "expected input 'x' float32 [batch, 4]; model has 'x' float32 [batch, 1, 4] (rank 3 instead of 2)")]
    [InlineData("wrong_dtype.onnx", "expected input 'x' float32 [batch, 4]; model has 'x' float64 [batch, 4] (element type differs)")]
    [InlineData("wrong_width.onnx", "expected input 'x' float32 [batch, 4]; model has 'x' float32 [batch, 6] (dimension 1 is 6 instead of 4)")]
    public void WrongModels_FailTheContractWithExpectedAndActual(string file, string problem)
    {
        using var factory = OnnxFixtures.CpuFactory();
        var model = factory.GetModel(OnnxFixtures.Path(file));

        var ex = Assert.Throws<ModelContractException>(() => model.EnsureContract(OnnxFixtures.AffineContract));

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
        Assert.Contains("Use a model exported with the expected affine test signature", ex.Message, StringComparison.Ordinal);
        Assert.Equal(model.Path, ex.ModelPath);
        Assert.Equal(OnnxFixtures.AffineContract.ToString(), ex.Expected);
        Assert.IsAssignableFrom<ModelLoadException>(ex);
    }
}
