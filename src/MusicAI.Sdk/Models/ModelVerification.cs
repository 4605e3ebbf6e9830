namespace MusicAI.Sdk.Models;

/// <summary>The result of checking every file of a model in the cache.</summary>
/// <remarks>Immutable.</remarks>
public sealed class ModelVerification
{
    internal ModelVerification(ModelManifest manifest, string directory, IReadOnlyList<ModelFileVerification> files)
    {
        Manifest = manifest;
        Directory = directory;
        Files = files;
    }

    /// <summary>Gets the manifest that was checked.</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Gets the model's cache folder.</summary>
    public string Directory { get; }

    /// <summary>Gets one result per manifest file, in manifest order.</summary>
    public IReadOnlyList<ModelFileVerification> Files { get; }

    /// <summary>Gets a value indicating whether every file is present (whatever its content).</summary>
    public bool IsCached => Files.All(f => f.Status != ModelFileStatus.Missing);

    /// <summary>Gets a value indicating whether any file is present.</summary>
    public bool IsPartlyCached => Files.Any(f => f.Status != ModelFileStatus.Missing);

    /// <summary>Gets a value indicating whether every file is present and none has a wrong size or hash.</summary>
    public bool IsIntact => Files.All(f => f.IsIntact);

    /// <summary>Gets a value indicating whether any present file has a wrong size or hash.</summary>
    public bool HasMismatch => Files.Any(f => f.Status is ModelFileStatus.SizeMismatch or ModelFileStatus.HashMismatch);
}
