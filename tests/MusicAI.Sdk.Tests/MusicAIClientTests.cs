using Microsoft.Extensions.Logging;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Tests.Runtime;

namespace MusicAI.Sdk.Tests;

public sealed class MusicAIClientTests
{
    [Fact]
    public void Create_WithDefaults_RunsTheSelfTestOnTheCpu()
    {
        using var client = MusicAIClient.Create();

        var result = client.Runtime.RunSelfTest(TestContext.Current.CancellationToken);

        Assert.True(result.Passed);
        Assert.Equal(ExecutionProvider.Cpu, result.Provider);
    }

    [Fact]
    public void Create_AppliesConfigure_AndSnapshotsTheOptions()
    {
        MusicAIOptions? captured = null;
        using var client = MusicAIClient.Create(o =>
        {
            o.ExecutionProviders = [ExecutionProvider.Cpu];
            o.InterOpThreads = 2;
            captured = o;
        });

        captured!.InterOpThreads = 9;

        var description = client.Runtime.Describe();
        Assert.Equal([ExecutionProvider.Cpu], description.RequestedProviders);
        Assert.Equal(2, description.InterOpThreads);
        Assert.Equal(2, client.Options.InterOpThreads);
    }

    [Fact]
    public void Create_WithInvalidOptions_ListsEveryProblemAtOnce()
    {
        var ex = Assert.Throws<ArgumentException>(() => MusicAIClient.Create(o =>
        {
            o.ExecutionProviders = [];
            o.DeviceId = -1;
            o.IntraOpThreads = -3;
        }));

        Assert.Contains("3 problems", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ExecutionProviders is empty", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DeviceId is -1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IntraOpThreads is -3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_LogsTheProviderChoiceThroughTheGivenLoggerFactory()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        using var client = MusicAIClient.Create(loggerFactory: loggerFactory);

        client.Runtime.Describe();

        var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 1000);
        Assert.Equal("MusicAI.Sdk.Runtime", entry.Category);
        Assert.Contains("running models on Cpu", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispose_DisposesTheRuntime()
    {
        var client = MusicAIClient.Create();
        await client.DisposeAsync();
        Assert.True(client.Runtime.IsDisposed);

        var other = MusicAIClient.Create();
        other.Dispose();
        Assert.Throws<ObjectDisposedException>(() => other.Runtime.Describe());
    }
}
