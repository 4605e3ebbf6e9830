using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

public sealed class ModelLocksTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SameStore_SecondCallerWaitsForTheFirst()
    {
        using var temp = new TemporaryDirectory();
        var locks = new ModelLocks();
        var waited = 0;
        var first = await locks.AcquireAsync(temp.Path, () => { }, Ct);
        var second = locks.AcquireAsync(temp.Path, () => Interlocked.Increment(ref waited), Ct);

        await Task.Delay(200, Ct);
        Assert.False(second.IsCompleted);
        Assert.Equal(1, waited);

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task SeparateStores_AreSerializedByTheLockFile()
    {
        // Two lock tables stand for two processes: only the lock file can stop the second one.
        using var temp = new TemporaryDirectory();
        var waited = 0;
        var first = await new ModelLocks().AcquireAsync(temp.Path, () => { }, Ct);
        var second = new ModelLocks().AcquireAsync(temp.Path, () => Interlocked.Increment(ref waited), Ct);

        await Task.Delay(300, Ct);
        Assert.False(second.IsCompleted, "the second holder must wait while the lock file is held");
        Assert.Equal(1, waited);
        Assert.True(File.Exists(Path.Combine(temp.Path, ".lock")));

        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task Waiting_CanBeCancelled()
    {
        using var temp = new TemporaryDirectory();
        using var first = await new ModelLocks().AcquireAsync(temp.Path, () => { }, Ct);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => new ModelLocks().AcquireAsync(temp.Path, () => { }, cts.Token));
    }
}
