namespace MusicAI.Sdk.Models;

/// <summary>
/// A model whose files are on the local disk, ready to load: the result of <see cref="ModelStore.ResolveAsync(string, IProgress{Diagnostics.ProcessingProgress}?, CancellationToken)"/>.
/// </summary>
/// <remarks>Immutable. It does not own the files: they stay in the cache (or where the caller's path points).</remarks>
public sealed class ResolvedModel
{
    internal ResolvedModel(string id, ModelManifest? manifest, IReadOnlyList<string> filePaths)
    {
        Id = id;
        Manifest = manifest;
        FilePaths = filePaths;
    }

    /// <summary>Gets the model id, or the file name when the model was given as a path.</summary>
    public string Id { get; }

    /// <summary>Gets the manifest the model was resolved from, or <see langword="null"/> when it was given as a path.</summary>
    public ModelManifest? Manifest { get; }

    /// <summary>Gets the full path of the file to load (the manifest's first file).</summary>
    public string ModelPath => FilePaths[0];

    /// <summary>Gets the full paths of all the model's files, in manifest order.</summary>
    public IReadOnlyList<string> FilePaths { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Id} ({ModelPath})";
}
