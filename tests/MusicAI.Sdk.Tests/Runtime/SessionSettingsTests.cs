using Microsoft.ML.OnnxRuntime;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

public sealed class SessionSettingsTests
{
    [Fact]
    public void Defaults_LeaveThreadsToTheRuntime_AndOptimiseFully()
    {
        var settings = SessionSettings.From(new MusicAIOptions(), ExecutionProvider.Cpu);

        Assert.Equal(0, settings.IntraOpThreads);
        Assert.Equal(0, settings.InterOpThreads);
        Assert.Equal(ExecutionMode.ORT_SEQUENTIAL, settings.ExecutionMode);
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, settings.OptimizationLevel);
        Assert.True(settings.EnableMemoryPattern);
        Assert.Empty(settings.ConfigEntries);
    }

    [Fact]
    public void InterOpThreads_SwitchToParallelExecution_TheOnlyModeThatUsesThem()
    {
        var settings = SessionSettings.From(new MusicAIOptions { IntraOpThreads = 3, InterOpThreads = 2 }, ExecutionProvider.Cpu);

        Assert.Equal(3, settings.IntraOpThreads);
        Assert.Equal(2, settings.InterOpThreads);
        Assert.Equal(ExecutionMode.ORT_PARALLEL, settings.ExecutionMode);
    }

    [Fact]
    public void RequireAccelerator_DisablesCpuFallbackInsideAcceleratedSessions()
    {
        var options = new MusicAIOptions { RequireAccelerator = true, DeviceId = 1 };

        var cuda = SessionSettings.From(options, ExecutionProvider.Cuda);

        Assert.Equal("1", cuda.ConfigEntries[SessionSettings.DisableCpuFallbackKey]);
        Assert.Equal("session.disable_cpu_ep_fallback", SessionSettings.DisableCpuFallbackKey);
        Assert.Equal(1, cuda.DeviceId);
        Assert.Empty(SessionSettings.From(new MusicAIOptions(), ExecutionProvider.Cuda).ConfigEntries);
    }

    [Fact]
    public void DirectML_RunsSequentiallyWithoutMemoryPattern()
    {
        var settings = SessionSettings.From(new MusicAIOptions { InterOpThreads = 4 }, ExecutionProvider.DirectML);

        Assert.Equal(ExecutionMode.ORT_SEQUENTIAL, settings.ExecutionMode);
        Assert.False(settings.EnableMemoryPattern);
    }

    [Fact]
    public void CreateSessionOptions_AppliesTheSettings()
    {
        var settings = SessionSettings.From(new MusicAIOptions { IntraOpThreads = 2, InterOpThreads = 1 }, ExecutionProvider.Cpu);

        using var options = settings.CreateSessionOptions();

        Assert.Equal(2, options.IntraOpNumThreads);
        Assert.Equal(1, options.InterOpNumThreads);
        Assert.Equal(ExecutionMode.ORT_PARALLEL, options.ExecutionMode);
        Assert.Equal(GraphOptimizationLevel.ORT_ENABLE_ALL, options.GraphOptimizationLevel);
    }

    [Fact]
    public void AppendingCuda_OnTheCpuPackage_FailsWithTheRuntimeError()
    {
        using var options = new SessionOptions();

        // The CPU native library has no CUDA entry point at all; a GPU library without a driver throws OnnxRuntimeException.
        var ex = Assert.ThrowsAny<Exception>(() => SessionSettings.AppendProvider(options, ExecutionProvider.Cuda, 0));
        Assert.True(ex is EntryPointNotFoundException or OnnxRuntimeException, ex.GetType().FullName);
    }
}
