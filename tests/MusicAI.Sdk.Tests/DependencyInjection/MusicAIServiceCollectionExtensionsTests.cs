using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Tests.Runtime;

namespace MusicAI.Sdk.Tests.DependencyInjection;

/// <summary>The registration patterns dotnet/extensions tests for its own AddXxx methods.</summary>
public sealed class MusicAIServiceCollectionExtensionsTests
{
    private static readonly ServiceProviderOptions s_strict = new() { ValidateOnBuild = true, ValidateScopes = true };

    [Fact]
    public void AddMusicAI_RegistersASingletonRuntime_AndReturnsABuilderOnTheSameCollection()
    {
        var services = new ServiceCollection();

        var builder = services.AddMusicAI();
        using var provider = services.BuildServiceProvider(s_strict);

        Assert.Same(services, builder.Services);
        Assert.Null(builder.ServiceKey);
        var runtime = provider.GetRequiredService<MusicAIRuntime>();
        Assert.Same(runtime, provider.GetRequiredService<MusicAIRuntime>());
        using var scope = provider.CreateScope();
        Assert.Same(runtime, scope.ServiceProvider.GetRequiredService<MusicAIRuntime>());
        var descriptor = Assert.Single(services, d => d.ServiceType == typeof(MusicAIRuntime));
        Assert.Equal(ServiceLifetime.Singleton, descriptor.Lifetime);
    }

    [Fact]
    public void AddMusicAI_RegistersASingletonModelStore_OverTheConfiguredFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "musicai-di-" + Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection();
        services.AddMusicAI(o => o.ModelDirectory = folder);
        services.AddKeyedMusicAI("other", o => o.ModelDirectory = folder + "-other");
        using var provider = services.BuildServiceProvider(s_strict);

        var store = provider.GetRequiredService<ModelStore>();
        Assert.Same(store, provider.GetRequiredService<ModelStore>());
        Assert.Equal(Path.GetFullPath(folder), store.RootDirectory);
        var keyed = provider.GetRequiredKeyedService<ModelStore>("other");
        Assert.NotSame(store, keyed);
        Assert.Equal(Path.GetFullPath(folder + "-other"), keyed.RootDirectory);
    }

    [Fact]
    public void MusicAIClient_OwnsAModelStoreOverTheConfiguredFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "musicai-client-" + Guid.NewGuid().ToString("N"));
        var client = MusicAIClient.Create(o => o.ModelDirectory = folder);

        Assert.Equal(Path.GetFullPath(folder), client.Models.RootDirectory);
        client.Dispose();
        Assert.Throws<ObjectDisposedException>(() => client.Models.VerifyAsync(KnownModels.BasicPitch, TestContext.Current.CancellationToken).GetAwaiter().GetResult());
    }

    [Fact]
    public void AddMusicAI_AppliesConfigure()
    {
        var services = new ServiceCollection();
        services.AddMusicAI(o =>
        {
            o.ExecutionProviders = [ExecutionProvider.Cpu];
            o.IntraOpThreads = 2;
        });
        using var provider = services.BuildServiceProvider(s_strict);

        var description = provider.GetRequiredService<MusicAIRuntime>().Describe();

        Assert.Equal([ExecutionProvider.Cpu], description.RequestedProviders);
        Assert.Equal(2, description.IntraOpThreads);
    }

    [Fact]
    public void AddMusicAI_ValidatesAtRegistration_ReportingEveryProblem_AndRegistersNothing()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddMusicAI(o =>
        {
            o.ExecutionProviders = [ExecutionProvider.Cpu, ExecutionProvider.Cpu];
            o.InterOpThreads = 5000;
            o.MaxDownloadBytes = 0;
        }));

        Assert.Contains("3 problems", ex.Message, StringComparison.Ordinal);
        Assert.Contains("lists a provider twice", ex.Message, StringComparison.Ordinal);
        Assert.Contains("InterOpThreads is 5000", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MaxDownloadBytes is 0", ex.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }

    [Fact]
    public void AddMusicAI_Twice_RegistersOnce_AndLayersTheSecondConfigureOnTheFirst()
    {
        var services = new ServiceCollection();
        var calls = new List<string>();

        services.AddMusicAI(o =>
        {
            calls.Add("first");
            o.IntraOpThreads = 2;
            o.DeviceId = 1;
        });
        services.AddMusicAI(o =>
        {
            calls.Add("second");
            Assert.Equal(2, o.IntraOpThreads);
            o.DeviceId = 3;
        });
        services.AddMusicAI();
        using var provider = services.BuildServiceProvider(s_strict);
        var description = provider.GetRequiredService<MusicAIRuntime>().Describe();

        Assert.Equal(["first", "second"], calls);
        Assert.Single(services, d => d.ServiceType == typeof(MusicAIRuntime));
        Assert.Equal(2, description.IntraOpThreads);
        Assert.Equal(3, description.DeviceId);
    }

    [Fact]
    public void AddMusicAI_AnInvalidSecondConfigure_ThrowsAndKeepsTheFirstOptions()
    {
        var services = new ServiceCollection();
        services.AddMusicAI(o => o.IntraOpThreads = 2);

        Assert.Throws<ArgumentException>(() => services.AddMusicAI(o => o.IntraOpThreads = -1));

        using var provider = services.BuildServiceProvider(s_strict);
        Assert.Equal(2, provider.GetRequiredService<MusicAIRuntime>().Describe().IntraOpThreads);
    }

    [Fact]
    public void AddMusicAI_UsesTheContainersLoggerFactory()
    {
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection();
        services.AddLogging(b => b.AddProvider(logs));
        services.AddMusicAI();
        using var provider = services.BuildServiceProvider(s_strict);

        provider.GetRequiredService<MusicAIRuntime>().Describe();

        Assert.Single(logs.Entries, e => e.EventId.Id == 1000 && e.Category == "MusicAI.Sdk.Runtime");
    }

    [Fact]
    public void AddMusicAI_WithoutLogging_Works()
    {
        var services = new ServiceCollection();
        services.AddMusicAI();
        using var provider = services.BuildServiceProvider(s_strict);

        Assert.True(provider.GetRequiredService<MusicAIRuntime>().RunSelfTest(TestContext.Current.CancellationToken).Passed);
    }

    [Fact]
    public void DisposingTheProvider_DisposesTheRuntimeAndItsSessions()
    {
        var services = new ServiceCollection();
        services.AddMusicAI();
        var provider = services.BuildServiceProvider(s_strict);
        var runtime = provider.GetRequiredService<MusicAIRuntime>();
        runtime.Sessions.GetModel(OnnxFixtures.Path("affine.onnx"));

        provider.Dispose();

        Assert.True(runtime.IsDisposed);
    }

    [Fact]
    public async Task AsyncDisposingTheProvider_DisposesTheRuntime()
    {
        var services = new ServiceCollection();
        services.AddMusicAI();
        var provider = services.BuildServiceProvider(s_strict);
        var runtime = provider.GetRequiredService<MusicAIRuntime>();

        await provider.DisposeAsync();

        Assert.True(runtime.IsDisposed);
    }

    [Fact]
    public void Configure_RunsOnceAtRegistration_NotAgainWhenTheProviderIsBuilt()
    {
        var services = new ServiceCollection();
        var configured = 0;
        services.AddMusicAI(_ => configured++);

        using (services.BuildServiceProvider(s_strict))
        {
        }

        Assert.Equal(1, configured);
    }

    [Fact]
    public void AddKeyedMusicAI_GivesEachKeyItsOwnOptionsAndRuntime()
    {
        var services = new ServiceCollection();
        var gpu = services.AddKeyedMusicAI("gpu", o => o.RequireAccelerator = true);
        var cpu = services.AddKeyedMusicAI("cpu", o => o.ExecutionProviders = [ExecutionProvider.Cpu]);
        services.AddMusicAI(o => o.IntraOpThreads = 1);
        using var provider = services.BuildServiceProvider(s_strict);

        var gpuRuntime = provider.GetRequiredKeyedService<MusicAIRuntime>("gpu");
        var cpuRuntime = provider.GetRequiredKeyedService<MusicAIRuntime>("cpu");
        var defaultRuntime = provider.GetRequiredService<MusicAIRuntime>();

        Assert.Equal("gpu", gpu.ServiceKey);
        Assert.Equal("cpu", cpu.ServiceKey);
        Assert.Same(services, gpu.Services);
        Assert.NotSame(gpuRuntime, cpuRuntime);
        Assert.NotSame(defaultRuntime, cpuRuntime);
        Assert.Same(cpuRuntime, provider.GetRequiredKeyedService<MusicAIRuntime>("cpu"));
        Assert.True(gpuRuntime.Describe().RequireAccelerator);
        Assert.Null(gpuRuntime.Describe().SelectedProvider);
        Assert.Equal(ExecutionProvider.Cpu, cpuRuntime.Describe().SelectedProvider);
        Assert.Equal(1, defaultRuntime.Describe().IntraOpThreads);
        Assert.Equal(0, cpuRuntime.Describe().IntraOpThreads);
    }

    [Fact]
    public void AddKeyedMusicAI_Twice_LayersPerKey_AndKeyedIsNotTheDefault()
    {
        var services = new ServiceCollection();
        services.AddKeyedMusicAI("a", o => o.IntraOpThreads = 2);
        services.AddKeyedMusicAI("a", o => o.InterOpThreads = 1);
        using var provider = services.BuildServiceProvider(s_strict);

        var description = provider.GetRequiredKeyedService<MusicAIRuntime>("a").Describe();

        Assert.Equal(2, description.IntraOpThreads);
        Assert.Equal(1, description.InterOpThreads);
        Assert.Single(services, d => d.ServiceType == typeof(MusicAIRuntime));
        Assert.Null(provider.GetService<MusicAIRuntime>());
    }

    [Fact]
    public void KeyedRuntimes_AreDisposedWithTheProvider()
    {
        var services = new ServiceCollection();
        services.AddKeyedMusicAI(42);
        var provider = services.BuildServiceProvider(s_strict);
        var runtime = provider.GetRequiredKeyedService<MusicAIRuntime>(42);

        provider.Dispose();

        Assert.True(runtime.IsDisposed);
    }

    [Fact]
    public void NullArguments_AreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddMusicAI());
        Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddKeyedMusicAI("k"));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddKeyedMusicAI(null!));
    }

    [Fact]
    public void AddKeyedMusicAI_ValidatesEagerly()
    {
        var services = new ServiceCollection();

        var ex = Assert.Throws<ArgumentException>(() => services.AddKeyedMusicAI("k", o => o.ExecutionProviders = []));

        Assert.Contains("ExecutionProviders is empty", ex.Message, StringComparison.Ordinal);
        Assert.Empty(services);
    }
}
