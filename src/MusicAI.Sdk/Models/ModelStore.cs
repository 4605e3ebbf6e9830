using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Models;

/// <summary>
/// The local model cache: resolves model ids, manifests and paths to files on disk, downloading what is missing
/// (resumable, size-capped, SHA-256-verified, atomically renamed into place), and verifies, lists and removes cached models.
/// </summary>
/// <remarks>
/// <para>
/// The cache folder is <see cref="MusicAIOptions.ModelDirectory"/> when set, else the <c>MUSICAI_MODELS</c> environment
/// variable, else <c>musicai/models</c> under the user's local application data folder. Each model lives in
/// <c>&lt;cache&gt;/&lt;model-id&gt;/&lt;file&gt;</c>; ids and file names are validated so no path can leave the cache.
/// </para>
/// <para>
/// Thread-safe: any number of callers may use one store. Work on one model is serialized by a per-model lock, which is
/// also a lock file (<c>&lt;model&gt;/.lock</c>) so separate stores and separate processes sharing a cache do not
/// download the same file twice or corrupt it. With <see cref="MusicAIOptions.Offline"/> the store never downloads and
/// never writes to the cache (it may be read-only).
/// </para>
/// <para>
/// The store owns the <see cref="HttpClient"/> it creates when <see cref="MusicAIOptions.HttpClient"/> is null, and
/// disposes it in <see cref="Dispose"/> / <see cref="DisposeAsync"/>; a client passed in the options is used but never
/// disposed.
/// </para>
/// </remarks>
public sealed class ModelStore : IDisposable, IAsyncDisposable
{
    private readonly ILogger _logger;
    private readonly bool _offline;
    private readonly HttpClient? _sharedClient;
    private readonly Lazy<HttpClient> _ownClient;
    private readonly ModelLocks _locks = new();
    private int _disposed;

    /// <summary>Creates a store over the cache folder the options select.</summary>
    /// <param name="options">The SDK options (model folder, offline mode, download cap, HTTP client); copied, so later changes have no effect.</param>
    /// <param name="logger">Receives download, retry and trust-on-first-use messages; default none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are not valid; the message lists every problem.</exception>
    public ModelStore(MusicAIOptions options, ILogger<ModelStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ThrowIfInvalid();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _offline = options.Offline;
        _sharedClient = options.HttpClient;
        _ownClient = new Lazy<HttpClient>(CreateHttpClient, LazyThreadSafetyMode.ExecutionAndPublication);
        RootDirectory = ModelCachePaths.ResolveRoot(
            options.ModelDirectory,
            Environment.GetEnvironmentVariable,
            Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify));
        Downloader = new ModelDownloader(() => _sharedClient ?? _ownClient.Value, _logger, options.MaxDownloadBytes);
    }

    /// <summary>Gets the full path of the cache folder.</summary>
    public string RootDirectory { get; }

    /// <summary>Gets the downloader (internal so tests can shorten retry delays and timeouts).</summary>
    internal ModelDownloader Downloader { get; }

    /// <summary>Finds the manifest for an id: the built-in catalog first, then models pulled earlier from a user manifest.</summary>
    /// <param name="id">The model id.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid model id.</exception>
    /// <exception cref="ModelNotFoundException">No catalog entry or cached manifest has this id; the message lists the known ids.</exception>
    public ModelManifest GetManifest(string id)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ModelNames.ThrowIfInvalidId(id, nameof(id));
        return KnownModels.Find(id) ?? TryLoadCachedManifest(id) ?? throw UnknownId(id);
    }

    /// <summary>
    /// Returns the local files of a model given by catalog id, by the id of a model pulled earlier from a manifest, or by
    /// the path of a local <c>.onnx</c> file; downloads missing files unless offline.
    /// </summary>
    /// <param name="idOrPath">A model id such as <c>basic-pitch</c>, or a path to an existing model file.</param>
    /// <param name="progress">Receives download progress in bytes, per file; optional.</param>
    /// <param name="cancellationToken">Cancels the download; a partial file is kept for resuming.</param>
    /// <returns>The model's local files.</returns>
    /// <exception cref="ArgumentException"><paramref name="idOrPath"/> is empty.</exception>
    /// <exception cref="ModelNotFoundException">The id is unknown, the path does not exist, or files are missing while offline.</exception>
    /// <exception cref="ModelDownloadException">A download or its verification failed.</exception>
    /// <remarks>Files already in the cache are checked by size only; use <see cref="VerifyAsync"/> or <see cref="PullAsync"/> to re-hash them.</remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type (id/path string vs manifest), so calls cannot be ambiguous; both shipped together.")]
    public async Task<ResolvedModel> ResolveAsync(string idOrPath, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPath);
        if (ModelNames.GetIdProblem(idOrPath) is null && (KnownModels.Find(idOrPath) ?? TryLoadCachedManifest(idOrPath)) is { } manifest)
        {
            return await ResolveAsync(manifest, progress, cancellationToken).ConfigureAwait(false);
        }

        if (File.Exists(idOrPath))
        {
            var fullPath = Path.GetFullPath(idOrPath);
            return new ResolvedModel(Path.GetFileName(fullPath), null, [fullPath]);
        }

        if (ModelNames.GetIdProblem(idOrPath) is null)
        {
            throw UnknownId(idOrPath);
        }

        throw new ModelNotFoundException(
            $"'{idOrPath}' is neither a model id nor an existing file. Use an id from 'musicai models list' or the path of an .onnx file.",
            modelPath: idOrPath);
    }

    /// <summary>Returns the local files of the model a manifest describes, downloading missing files unless offline.</summary>
    /// <param name="manifest">A catalog entry from <see cref="KnownModels"/> or your own manifest.</param>
    /// <param name="progress">Receives download progress in bytes, per file; optional.</param>
    /// <param name="cancellationToken">Cancels the download; a partial file is kept for resuming.</param>
    /// <returns>The model's local files.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    /// <exception cref="ArgumentException">The manifest reuses a catalog id with different files.</exception>
    /// <exception cref="ModelNotFoundException">Files are missing while offline, or a missing file has no download address.</exception>
    /// <exception cref="ModelDownloadException">A download or its verification failed.</exception>
    /// <remarks>Files already in the cache are checked by size only; use <see cref="VerifyAsync"/> or <see cref="PullAsync"/> to re-hash them.</remarks>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = "The overloads differ in their first parameter's type (id/path string vs manifest), so calls cannot be ambiguous; both shipped together.")]
    public Task<ResolvedModel> ResolveAsync(ModelManifest manifest, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(manifest);
        ThrowIfCatalogConflict(manifest);
        var paths = GetFilePaths(manifest);
        var complete = true;
        for (var i = 0; i < paths.Length && complete; i++)
        {
            complete = File.Exists(paths[i]) && (manifest.Files[i].SizeBytes is not { } size || new FileInfo(paths[i]).Length == size);
        }

        return complete
            ? Task.FromResult(new ResolvedModel(manifest.Id, manifest, paths))
            : EnsureAsync(manifest, paths, rehash: false, progress, cancellationToken);
    }

    /// <summary>
    /// Makes sure every file of a model is in the cache and intact: re-hashes the files already there, replaces damaged
    /// ones and downloads missing ones. This is what <c>musicai models pull</c> runs.
    /// </summary>
    /// <param name="manifest">A catalog entry from <see cref="KnownModels"/> or your own manifest.</param>
    /// <param name="progress">Receives download progress in bytes, per file; optional.</param>
    /// <param name="cancellationToken">Cancels the download; a partial file is kept for resuming.</param>
    /// <returns>The model's local files.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    /// <exception cref="ArgumentException">The manifest reuses a catalog id with different files.</exception>
    /// <exception cref="ModelNotFoundException">Files are missing while offline, or a missing file has no download address.</exception>
    /// <exception cref="ModelLoadException">Offline, and a cached file is damaged.</exception>
    /// <exception cref="ModelDownloadException">A download or its verification failed.</exception>
    public Task<ResolvedModel> PullAsync(ModelManifest manifest, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(manifest);
        ThrowIfCatalogConflict(manifest);
        return EnsureAsync(manifest, GetFilePaths(manifest), rehash: true, progress, cancellationToken);
    }

    /// <summary>
    /// Checks the size and SHA-256 of every cached file of a model against the manifest (or, for files with no published
    /// hash, against the hash recorded when the store downloaded them). Changes nothing.
    /// </summary>
    /// <param name="manifest">The model to check.</param>
    /// <param name="cancellationToken">Cancels the hashing.</param>
    /// <returns>One result per file, naming expected and actual values for each mismatch.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="manifest"/> is null.</exception>
    public async Task<ModelVerification> VerifyAsync(ModelManifest manifest, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ArgumentNullException.ThrowIfNull(manifest);
        var directory = ModelCachePaths.GetModelDirectory(RootDirectory, manifest.Id);
        var paths = GetFilePaths(manifest);
        var records = await RecordedHashes.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
        var results = new List<ModelFileVerification>(paths.Length);
        for (var i = 0; i < paths.Length; i++)
        {
            var file = manifest.Files[i];
            var path = paths[i];
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                results.Add(new ModelFileVerification(file, path, ModelFileStatus.Missing, null, file.Sha256, null));
                continue;
            }

            if (file.SizeBytes is { } size && info.Length != size)
            {
                results.Add(new ModelFileVerification(file, path, ModelFileStatus.SizeMismatch, info.Length, file.Sha256, null));
                continue;
            }

            var actual = await FileHashing.ComputeSha256Async(path, cancellationToken).ConfigureAwait(false);
            var recorded = records.GetValueOrDefault(file.Name)?.Sha256;
            var expected = file.Sha256 ?? recorded;
            var status = expected is null
                ? ModelFileStatus.Unverifiable
                : !string.Equals(actual, expected, StringComparison.Ordinal)
                    ? ModelFileStatus.HashMismatch
                    : file.Sha256 is null ? ModelFileStatus.MatchesRecordedHash : ModelFileStatus.Verified;
            results.Add(new ModelFileVerification(file, path, status, info.Length, expected, actual));
        }

        return new ModelVerification(manifest, directory, results.AsReadOnly());
    }

    /// <summary>
    /// Verifies every catalog model and every model pulled earlier from a user manifest (see <see cref="VerifyAsync"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the hashing.</param>
    /// <returns>One result per model: catalog entries first, in catalog order, then cached user models by id.</returns>
    /// <remarks>Hashes every cached file, so its cost grows with the size of the cache.</remarks>
    public async Task<IReadOnlyList<ModelVerification>> ListAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var manifests = new List<ModelManifest>(KnownModels.All);
        if (Directory.Exists(RootDirectory))
        {
            foreach (var directory in Directory.EnumerateDirectories(RootDirectory).Order(StringComparer.Ordinal))
            {
                var id = Path.GetFileName(directory);
                if (ModelNames.GetIdProblem(id) is null && KnownModels.Find(id) is null && TryLoadCachedManifest(id) is { } manifest)
                {
                    manifests.Add(manifest);
                }
            }
        }

        var results = new List<ModelVerification>(manifests.Count);
        foreach (var manifest in manifests)
        {
            results.Add(await VerifyAsync(manifest, cancellationToken).ConfigureAwait(false));
        }

        return results.AsReadOnly();
    }

    /// <summary>Deletes a model's folder from the cache (files, partial downloads and recorded hashes).</summary>
    /// <param name="id">The model id.</param>
    /// <param name="cancellationToken">Cancels waiting for a download of the same model to finish.</param>
    /// <returns><see langword="true"/> when there was something to delete.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid model id.</exception>
    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        var directory = ModelCachePaths.GetModelDirectory(RootDirectory, id);
        if (!Directory.Exists(directory))
        {
            return false;
        }

        using (await _locks.AcquireAsync(directory, () => ModelStoreLog.WaitingForLock(_logger, id, directory), cancellationToken).ConfigureAwait(false))
        {
            foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo sub)
                {
                    sub.Delete(recursive: true);
                }
                else if (entry.Name != ModelCachePaths.LockFileName)
                {
                    entry.Delete();
                }
            }
        }

        try
        {
            // Best effort: another caller may have taken the lock again in between, and Windows cannot delete an open file.
            File.Delete(Path.Combine(directory, ModelCachePaths.LockFileName));
            Directory.Delete(directory);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return true;
    }

    /// <summary>Disposes the HTTP client the store created (not one passed in the options).</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _ownClient.IsValueCreated)
        {
            _ownClient.Value.Dispose();
        }
    }

    /// <summary>Disposes the HTTP client the store created (not one passed in the options).</summary>
    /// <returns>A completed task: nothing is released asynchronously.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<ResolvedModel> EnsureAsync(ModelManifest manifest, string[] paths, bool rehash, IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken)
    {
        var directory = ModelCachePaths.GetModelDirectory(RootDirectory, manifest.Id);
        if (_offline)
        {
            // Read only: no lock file, no records, no downloads (the cache may be a read-only folder).
            await CheckOfflineAsync(manifest, directory, paths, rehash, cancellationToken).ConfigureAwait(false);
            return new ResolvedModel(manifest.Id, manifest, paths);
        }

        using (await _locks.AcquireAsync(directory, () => ModelStoreLog.WaitingForLock(_logger, manifest.Id, Path.Combine(directory, ModelCachePaths.LockFileName)), cancellationToken).ConfigureAwait(false))
        {
            var records = await RecordedHashes.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < paths.Length; i++)
            {
                var file = manifest.Files[i];
                var path = paths[i];
                var recorded = records.GetValueOrDefault(file.Name);
                if (File.Exists(path))
                {
                    var problem = await CheckExistingAsync(file, path, recorded?.Sha256, rehash, cancellationToken).ConfigureAwait(false);
                    if (problem is null)
                    {
                        if (rehash && file.Sha256 is null && recorded is null)
                        {
                            var sha = await FileHashing.ComputeSha256Async(path, cancellationToken).ConfigureAwait(false);
                            await RecordAsync(directory, file, sha, cancellationToken).ConfigureAwait(false);
                            ModelStoreLog.RecordedExistingFile(_logger, path, sha);
                        }

                        continue;
                    }

                    ModelStoreLog.ReplacingDamagedFile(_logger, path, problem);
                    File.Delete(path);
                }

                if (file.Url is null)
                {
                    throw new ModelNotFoundException(
                        $"'{manifest.Id}/{file.Name}' is not in the model cache and its manifest gives no download address: copy the file to '{path}'.",
                        manifest.Id,
                        path);
                }

                // A recorded hash binds only downloads from the address it was recorded from.
                var recordedForUrl = recorded is not null && recorded.Url == file.Url.AbsoluteUri ? recorded.Sha256 : null;
                var expected = file.Sha256 ?? recordedForUrl;
                ModelStoreLog.Downloading(_logger, manifest.Id, file.Name, file.Url, path);
                var actual = await Downloader.DownloadAsync(manifest.Id, file, expected, expected is not null && file.Sha256 is null, path, progress, cancellationToken).ConfigureAwait(false);
                if (expected is null)
                {
                    await RecordAsync(directory, file, actual, cancellationToken).ConfigureAwait(false);
                    ModelStoreLog.TrustOnFirstUse(_logger, manifest.Id, file.Name, actual);
                }
                else
                {
                    ModelStoreLog.Downloaded(_logger, manifest.Id, file.Name, actual);
                }
            }

            if (KnownModels.Find(manifest.Id) is null)
            {
                // Remember user models, so later calls (and 'musicai models verify') know them by id.
                await manifest.SaveAsync(Path.Combine(directory, ModelCachePaths.ManifestFileName), cancellationToken).ConfigureAwait(false);
            }
        }

        return new ResolvedModel(manifest.Id, manifest, paths);
    }

    private static async Task CheckOfflineAsync(ModelManifest manifest, string directory, string[] paths, bool rehash, CancellationToken cancellationToken)
    {
        var records = await RecordedHashes.ReadAsync(directory, cancellationToken).ConfigureAwait(false);
        var missing = new List<int>();
        for (var i = 0; i < paths.Length; i++)
        {
            var file = manifest.Files[i];
            if (!File.Exists(paths[i]))
            {
                missing.Add(i);
                continue;
            }

            var problem = await CheckExistingAsync(file, paths[i], records.GetValueOrDefault(file.Name)?.Sha256, rehash, cancellationToken).ConfigureAwait(false);
            if (problem is not null)
            {
                throw new ModelLoadException(
                    $"The cached file '{paths[i]}' is damaged ({problem}) and downloads are off (offline mode). "
                    + $"Run 'musicai models pull {manifest.Id}' where downloads are allowed, or copy a good copy{(file.Url is null ? "" : $" of {file.Url}")} over it.",
                    manifest.Id,
                    paths[i]);
            }
        }

        if (missing.Count > 0)
        {
            var list = string.Join("; ", missing.Select(i => $"{manifest.Files[i].Name} -> '{paths[i]}'{(manifest.Files[i].Url is { } url ? $" (from {url})" : "")}"));
            throw new ModelNotFoundException(
                $"Model '{manifest.Id}' is not complete in the model cache and downloads are off (offline mode). Missing: {list}. "
                + $"Run 'musicai models pull {manifest.Id}' on a machine with internet access and copy the folder '{directory}' here, or copy the files to those paths.",
                manifest.Id,
                paths[missing[0]]);
        }
    }

    /// <summary>Returns why an existing cached file is unusable, or null when it is fine.</summary>
    private static async Task<string?> CheckExistingAsync(ModelFile file, string path, string? recordedSha256, bool rehash, CancellationToken cancellationToken)
    {
        var length = new FileInfo(path).Length;
        if (file.SizeBytes is { } size && length != size)
        {
            return $"{length:N0} bytes, expected {size:N0}";
        }

        if (rehash && (file.Sha256 ?? recordedSha256) is { } expected)
        {
            var actual = await FileHashing.ComputeSha256Async(path, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(actual, expected, StringComparison.Ordinal))
            {
                return $"SHA-256 {actual}, expected {expected}";
            }
        }

        return null;
    }

    private static Task RecordAsync(string directory, ModelFile file, string sha256, CancellationToken cancellationToken) =>
        RecordedHashes.RecordAsync(
            directory,
            file.Name,
            new RecordedHashDto { Sha256 = sha256, Size = new FileInfo(Path.Combine(directory, file.Name)).Length, Url = file.Url?.AbsoluteUri, RecordedUtc = DateTimeOffset.UtcNow },
            cancellationToken);

    private string[] GetFilePaths(ModelManifest manifest)
    {
        var paths = new string[manifest.Files.Count];
        for (var i = 0; i < paths.Length; i++)
        {
            paths[i] = ModelCachePaths.GetFilePath(RootDirectory, manifest.Id, manifest.Files[i].Name);
        }

        return paths;
    }

    private ModelManifest? TryLoadCachedManifest(string id)
    {
        var path = Path.Combine(ModelCachePaths.GetModelDirectory(RootDirectory, id), ModelCachePaths.ManifestFileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var manifest = ModelManifest.FromJson(File.ReadAllText(path));
            if (manifest.Id == id)
            {
                return manifest;
            }

            ModelStoreLog.IgnoringCachedManifest(_logger, path, $"it describes '{manifest.Id}', not '{id}'");
        }
        catch (ModelLoadException ex)
        {
            ModelStoreLog.IgnoringCachedManifest(_logger, path, ex.Message);
        }

        return null;
    }

    private static void ThrowIfCatalogConflict(ModelManifest manifest)
    {
        var known = KnownModels.Find(manifest.Id);
        if (known is null || ReferenceEquals(known, manifest))
        {
            return;
        }

        // Same files under another address (a mirror) are fine; different content under a catalog id is not.
        var same = known.Files.Count == manifest.Files.Count;
        for (var i = 0; same && i < known.Files.Count; i++)
        {
            var (a, b) = (known.Files[i], manifest.Files[i]);
            same = a.Name == b.Name && a.SizeBytes == b.SizeBytes && (a.Sha256 is null || a.Sha256 == b.Sha256);
        }

        if (!same)
        {
            throw new ArgumentException(
                $"The id '{manifest.Id}' belongs to the built-in catalog, but this manifest lists different files, sizes or hashes: give your model its own id.",
                nameof(manifest));
        }
    }

    private ModelNotFoundException UnknownId(string id) => new(
        $"Unknown model id '{id}'. Catalog ids: {string.Join(", ", KnownModels.All.Select(m => m.Id))}. "
        + "Run 'musicai models list' to see them with cached models, or pull your own model with 'musicai models pull --manifest FILE'.",
        id,
        ModelCachePaths.GetModelDirectory(RootDirectory, id));

    private static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            // Ranges and hashes apply to the bytes as stored; never ask for a transformed encoding.
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };

        // Stalls are detected per read by the downloader; a whole-request timeout would cut off large files on slow links.
        return new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
    }
}
