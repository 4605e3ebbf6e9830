using MusicAI.Sdk.Captioning.Neural;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>A CPU-only, offline <see cref="MusicAIClient"/> over an empty temporary model cache, and the neural services on it.</summary>
internal sealed class OfflineCpuClient : IAsyncDisposable
{
    private readonly TemporaryDirectory _cache = new();

    public OfflineCpuClient()
    {
        Client = MusicAIClient.Create(o =>
        {
            o.ExecutionProviders = [Sdk.Runtime.ExecutionProvider.Cpu];
            o.ModelDirectory = _cache.Path;
            o.Offline = true;
        });
    }

    public MusicAIClient Client { get; }

    /// <summary>Gets the (empty) cache folder, also usable for scratch files.</summary>
    public string CachePath => _cache.Path;

    public MelodyTranscriber Transcriber(string model) => new(Client.Runtime, Client.Models, model);

    public MusicTextEmbedder Embedder(string model) => new(Client.Runtime, Client.Models, model);

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _cache.Dispose();
    }
}
