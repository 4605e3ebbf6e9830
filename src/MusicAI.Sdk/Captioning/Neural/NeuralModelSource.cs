using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Where a neural captioning service gets its model: the id or path the user chose, the store that resolves it to
/// files and the runtime whose shared sessions run it. Validates the three once, at construction.
/// </summary>
/// <remarks>Immutable and thread-safe; owns nothing.</remarks>
internal sealed class NeuralModelSource
{
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> or <paramref name="models"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    public NeuralModelSource(MusicAIRuntime runtime, ModelStore models, string model)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        ArgumentNullException.ThrowIfNull(models);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        Runtime = runtime;
        Models = models;
        Model = model;
    }

    /// <summary>Gets the runtime whose sessions run the model.</summary>
    public MusicAIRuntime Runtime { get; }

    /// <summary>Gets the store that resolves <see cref="Model"/>.</summary>
    public ModelStore Models { get; }

    /// <summary>Gets the catalog id, file or folder the user chose.</summary>
    public string Model { get; }

    /// <summary>Resolves <see cref="Model"/> through the store (downloading unless offline).</summary>
    public Task<ResolvedModel> ResolveAsync(IProgress<ProcessingProgress>? progress, CancellationToken cancellationToken) =>
        Models.ResolveAsync(Model, progress, cancellationToken);

    /// <summary>Returns the runtime's shared session for a model file.</summary>
    public OnnxModel GetSession(string path, string id) => Runtime.Sessions.GetModel(path, id);
}
