using System.Numerics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Microsoft.ML.OnnxRuntime;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

public sealed class MusicAIRuntimeTests
{
    [Fact]
    public void Describe_ReportsVersionsProvidersReasonsThreadsAndCpuFacts()
    {
        using var runtime = new MusicAIRuntime(new MusicAIOptions { IntraOpThreads = 2, DeviceId = 0 }, null);

        var description = runtime.Describe();

        var informational = typeof(MusicAIRuntime).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        Assert.StartsWith(description.SdkVersion, informational, StringComparison.Ordinal);
        Assert.DoesNotContain('+', description.SdkVersion);
        Assert.Equal(OrtEnv.Instance().GetVersionString(), description.OnnxRuntimeVersion);
        Assert.Equal(OrtEnv.Instance().GetAvailableProviders(), description.AvailableProviders);
        Assert.Equal([ExecutionProvider.Cuda, ExecutionProvider.DirectML, ExecutionProvider.Cpu], description.RequestedProviders);
        Assert.Equal(ExecutionProvider.Cpu, description.SelectedProvider);
        Assert.Null(description.SelectionError);
        Assert.Equal([ExecutionProvider.Cuda, ExecutionProvider.DirectML], description.SkippedProviders.Keys.Order());
        Assert.Contains("install MusicAI.Sdk.Runtime.Cuda", description.SkippedProviders[ExecutionProvider.Cuda], StringComparison.Ordinal);
        Assert.Equal(2, description.IntraOpThreads);
        Assert.Equal(0, description.InterOpThreads);
        Assert.Equal(Environment.ProcessorCount, description.ProcessorCount);
        Assert.Equal(Vector<float>.Count, description.VectorFloatCount);
        Assert.Equal(Avx2.IsSupported, description.InstructionSets.Contains("AVX2"));
        Assert.Equal(Avx512F.IsSupported, description.InstructionSets.Contains("AVX-512F"));
        Assert.Equal(RuntimeInformation.ProcessArchitecture, description.ProcessArchitecture);
        Assert.Equal(RuntimeInformation.OSDescription, description.OperatingSystem);

        Assert.False(description.SkippedProviders is IDictionary<ExecutionProvider, string> { IsReadOnly: false });
        Assert.False(description.AvailableProviders is IList<string> { IsReadOnly: false });
        Assert.False(description.InstructionSets is IList<string> { IsReadOnly: false });

        var text = description.ToString();
        Assert.Contains("Selected: Cpu (device 0)", text, StringComparison.Ordinal);
        Assert.Contains("  Cuda: not in this runtime package", text, StringComparison.Ordinal);
        Assert.Contains("intra-op 2, inter-op runtime default", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RunSelfTest_RunsTheEmbeddedModelOnTheCpuAndMatches()
    {
        using var runtime = new MusicAIRuntime(new MusicAIOptions(), null);

        var result = runtime.RunSelfTest(TestContext.Current.CancellationToken);

        Assert.True(result.Passed, result.ToString());
        Assert.Equal(ExecutionProvider.Cpu, result.Provider);
        Assert.InRange(result.MaxAbsoluteError, 0, 1e-5);
        Assert.True(result.Elapsed > TimeSpan.Zero);
        Assert.StartsWith("passed on Cpu in ", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void SelfTestCheck_CanFail_WhenTheOutputIsWrong()
    {
        var right = new float[SelfTestModel.Batch * SelfTestModel.Columns];
        var x = new float[SelfTestModel.Batch * SelfTestModel.Rows];
        SelfTestModel.FillInput(x);
        OnnxFixtures.Affine(x, SelfTestModel.Rows, SelfTestModel.Columns).CopyTo(right, 0);
        Assert.Equal(0, SelfTestModel.MaxAbsoluteError(right));

        var wrong = (float[])right.Clone();
        wrong[5] += 0.01f;
        Assert.Equal(0.01, SelfTestModel.MaxAbsoluteError(wrong), 1e-6);
        Assert.Equal(double.PositiveInfinity, SelfTestModel.MaxAbsoluteError(right.AsSpan(1)));
        wrong[0] = float.NaN;
        Assert.Equal(double.PositiveInfinity, SelfTestModel.MaxAbsoluteError(wrong));
    }

    [Fact]
    public void EmbeddedSelfTestModel_IsTheGeneratedFile()
    {
        var committed = File.ReadAllBytes(Path.Combine(TestAssets.RepositoryRoot, "src", "MusicAI.Sdk", "Runtime", "SelfTest", "selftest.onnx"));

        Assert.Equal(committed, SelfTestModel.Load());
    }

    [Fact]
    public void RequireAccelerator_OnTheCpuPackage_IsDescribedAndTheSelfTestThrowsNamingThePackage()
    {
        using var runtime = new MusicAIRuntime(new MusicAIOptions { RequireAccelerator = true }, null);

        var description = runtime.Describe();
        var ex = Assert.Throws<ExecutionProviderUnavailableException>(() => runtime.RunSelfTest(TestContext.Current.CancellationToken));

        Assert.Null(description.SelectedProvider);
        Assert.True(description.RequireAccelerator);
        Assert.Equal(description.SelectionError, ex.Message);
        Assert.Contains("MusicAI.Sdk.Runtime.Cuda", ex.Message, StringComparison.Ordinal);
        Assert.Equal("not allowed: RequireAccelerator is true", description.SkippedProviders[ExecutionProvider.Cpu]);
        Assert.Contains("Selected: none: No accelerator can be used", description.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyCudaRequested_WithoutCpu_FailsWithAdviceToAddCpu()
    {
        using var runtime = new MusicAIRuntime(new MusicAIOptions { ExecutionProviders = [ExecutionProvider.Cuda] }, null);

        var ex = Assert.Throws<ExecutionProviderUnavailableException>(() => runtime.RunSelfTest(TestContext.Current.CancellationToken));

        Assert.Contains("add Cpu to ExecutionProviders", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CancelledSelfTest_Throws()
    {
        using var runtime = new MusicAIRuntime(new MusicAIOptions(), null);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => runtime.RunSelfTest(cts.Token));
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MusicAIRuntime(new MusicAIOptions { DeviceId = -1 }, null));
        Assert.Contains("DeviceId is -1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_ReleasesSessions_AndLaterCallsThrow()
    {
        var runtime = new MusicAIRuntime(new MusicAIOptions(), null);
        var model = runtime.Sessions.GetModel(OnnxFixtures.Path("affine.onnx"));

        await runtime.DisposeAsync();
        runtime.Dispose();

        Assert.True(runtime.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => runtime.Describe());
        Assert.Throws<ObjectDisposedException>(() => runtime.RunSelfTest(TestContext.Current.CancellationToken));
        Assert.Throws<ObjectDisposedException>(() => runtime.Sessions);
        using var inputs = new ModelInputs();
        inputs.Add<float>("x", new float[4], [1, 4]);
        Assert.Throws<ObjectDisposedException>(() => model.Run(inputs, cancellationToken: TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Options_AreASnapshot_NotTheCallersInstance()
    {
        var options = new MusicAIOptions { IntraOpThreads = 1 };
        using var runtime = new MusicAIRuntime(options, null);

        options.IntraOpThreads = 7;
        options.ExecutionProviders.Clear();

        Assert.Equal(1, runtime.Describe().IntraOpThreads);
        Assert.Equal(3, runtime.Describe().RequestedProviders.Count);
    }
}
