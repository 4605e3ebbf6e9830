using System.Security.Cryptography;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

/// <summary>Records every progress report synchronously (unlike <see cref="Progress{T}"/>, which posts asynchronously).</summary>
internal sealed class RecordingProgress : IProgress<ProcessingProgress>
{
    private readonly List<ProcessingProgress> _reports = [];
    private readonly Action<ProcessingProgress>? _onReport;

    public RecordingProgress(Action<ProcessingProgress>? onReport = null) => _onReport = onReport;

    public IReadOnlyList<ProcessingProgress> Reports
    {
        get
        {
            lock (_reports)
            {
                return [.. _reports];
            }
        }
    }

    public void Report(ProcessingProgress value)
    {
        lock (_reports)
        {
            _reports.Add(value);
        }

        _onReport?.Invoke(value);
    }
}

internal static class ModelTestData
{
    /// <summary>Deterministic pseudo-random bytes (seeded), so failures reproduce.</summary>
    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>A one-file manifest served by <paramref name="server"/> at <c>/&lt;id&gt;/&lt;file&gt;</c>.</summary>
    public static ModelManifest Manifest(LoopbackHttpServer server, string id, string fileName, byte[] content, bool withSize = true, bool withSha = true) =>
        new(id, [new ModelFile(fileName, server.Url($"{id}/{fileName}"), withSize ? content.Length : null, withSha ? Sha256(content) : null)])
        {
            ContractKind = ModelContractKind.Custom,
            License = new ModelLicense("MIT", "test data"),
        };

    public static ModelStore Store(string directory, Action<MusicAIOptions>? configure = null, int maxAttempts = 3)
    {
        var options = new MusicAIOptions { ModelDirectory = directory };
        configure?.Invoke(options);
        var store = new ModelStore(options);
        store.Downloader.MaxAttempts = maxAttempts;
        store.Downloader.RetryDelay = TimeSpan.Zero;
        return store;
    }
}
