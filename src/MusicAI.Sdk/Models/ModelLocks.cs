using System.Collections.Concurrent;

namespace MusicAI.Sdk.Models;

/// <summary>
/// One lock per model folder: a semaphore for callers in this store, plus an exclusive lock on
/// <c>&lt;model&gt;/.lock</c> for other stores and other processes (the operating system drops it when a process dies,
/// so there are no stale locks to clean up).
/// </summary>
internal sealed class ModelLocks
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(50);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Takes the model's lock, waiting as long as needed; <paramref name="onWaiting"/> runs once if another holder makes us wait.</summary>
    public async Task<Lease> AcquireAsync(string modelDirectory, Action onWaiting, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(modelDirectory, static _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(0, CancellationToken.None))
        {
            onWaiting();
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            Directory.CreateDirectory(modelDirectory);
            var lockPath = Path.Combine(modelDirectory, ModelCachePaths.LockFileName);
            var warned = false;
            while (true)
            {
                try
                {
                    var file = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
                    return new Lease(gate, file);
                }
                catch (IOException ex) when (ex is not (FileNotFoundException or DirectoryNotFoundException or PathTooLongException))
                {
                    // Another process (or another store over the same folder) holds the lock.
                    if (!warned)
                    {
                        warned = true;
                        onWaiting();
                    }

                    await Task.Delay(s_pollInterval, cancellationToken).ConfigureAwait(false);
                    Directory.CreateDirectory(modelDirectory);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>A held model lock; dispose to release it.</summary>
    public sealed class Lease(SemaphoreSlim gate, FileStream file) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                file.Dispose();
                gate.Release();
            }
        }
    }
}
