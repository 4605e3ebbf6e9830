using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

public sealed class ModelSessionTuningTests
{
    [Fact]
    public void LargeActivations_TurnsTheMemoryPatternPrepackingAndLayoutOff_AndKeepsTheRest()
    {
        var shared = SessionSettings.From(new MusicAIOptions { ExecutionProviders = [ExecutionProvider.Cpu], IntraOpThreads = 3 }, ExecutionProvider.Cpu);
        Assert.True(shared.EnableMemoryPattern);

        var tuned = ModelSessionTuning.LargeActivations.ApplyTo(shared);

        Assert.False(tuned.EnableMemoryPattern);
        Assert.Equal(Microsoft.ML.OnnxRuntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED, tuned.OptimizationLevel);
        Assert.Equal("1", tuned.ConfigEntries[ModelSessionTuning.DisablePrepackingKey]);
        Assert.Equal(shared with { EnableMemoryPattern = false, OptimizationLevel = tuned.OptimizationLevel, ConfigEntries = tuned.ConfigEntries }, tuned);
        Assert.False(shared.ConfigEntries.ContainsKey(ModelSessionTuning.DisablePrepackingKey));
    }

    [Fact]
    public void AnEmptyTuning_ChangesNothing()
    {
        var shared = SessionSettings.From(new MusicAIOptions { ExecutionProviders = [ExecutionProvider.Cpu] }, ExecutionProvider.Cpu);
        Assert.Equal(shared, new ModelSessionTuning().ApplyTo(shared));
    }

    [Fact]
    public void GetModel_WithTuning_LoadsAndRuns()
    {
        using var factory = OnnxFixtures.CpuFactory();
        var model = factory.GetModel(OnnxFixtures.Path("affine.onnx"), tuning: ModelSessionTuning.LargeActivations);
        using var inputs = new ModelInputs();
        inputs.AddPooled<float>("x", [1, 4]).Fill(1f);
        using var outputs = model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(OnnxFixtures.Affine([1, 1, 1, 1], 4, 3), outputs.GetSpan<float>(0).ToArray());
    }
}
