using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Models;

/// <summary>
/// Describes a model: its id, the files it is made of (with download address, size and SHA-256), the tensor contract it
/// follows and the licence of its weights. The catalog in <see cref="KnownModels"/> is made of these, and you can write
/// your own (in code or as JSON) for models the catalog does not list.
/// </summary>
/// <remarks>
/// Immutable; safe to share between threads. The first file in <see cref="Files"/> is the one a runtime loads; the
/// others (ONNX external data, vocabularies) sit beside it under their own names.
/// <example>
/// <code>
/// var manifest = new ModelManifest("my-separator", [new ModelFile("model.onnx", new Uri("https://example.com/model.onnx"), 1234, "ab12…")])
/// {
///     ContractKind = ModelContractKind.MdxNet,
///     SampleRate = 44100,
///     License = new ModelLicense("MIT"),
/// };
/// </code>
/// </example>
/// </remarks>
public sealed class ModelManifest
{
    private readonly string? _displayName;
    private readonly int? _sampleRate;

    /// <summary>Creates a manifest.</summary>
    /// <param name="id">
    /// The model id, also the name of its cache folder: lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>,
    /// starting with a letter or digit, at most 64 characters.
    /// </param>
    /// <param name="files">The model's files, at least one; the first is the one a runtime loads.</param>
    /// <exception cref="ArgumentException">The id is not valid, there are no files, or two files share a name.</exception>
    public ModelManifest(string id, IEnumerable<ModelFile> files)
    {
        ModelNames.ThrowIfInvalidId(id, nameof(id));
        ArgumentNullException.ThrowIfNull(files);
        var list = new List<ModelFile>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in files)
        {
            ArgumentNullException.ThrowIfNull(file, nameof(files));
            if (!names.Add(file.Name))
            {
                // Case-insensitive: the cache may live on a case-insensitive file system.
                throw new ArgumentException($"Model '{id}' lists the file '{file.Name}' twice (names are compared ignoring case).", nameof(files));
            }

            list.Add(file);
        }

        if (list.Count == 0)
        {
            throw new ArgumentException($"Model '{id}' has no files: list at least the .onnx file.", nameof(files));
        }

        Id = id;
        Files = list.AsReadOnly();
    }

    /// <summary>Gets the model id (also its cache folder name).</summary>
    public string Id { get; }

    /// <summary>Gets the model's files; the first is the one a runtime loads.</summary>
    public IReadOnlyList<ModelFile> Files { get; }

    /// <summary>Gets the human-readable name.</summary>
    /// <remarks>Default: the <see cref="Id"/>.</remarks>
    public string DisplayName
    {
        get => _displayName ?? Id;
        init => _displayName = string.IsNullOrWhiteSpace(value) ? null : value;
    }

    /// <summary>Gets a one-paragraph description of what the model does.</summary>
    /// <remarks>Default: empty.</remarks>
    public string Description { get; init => field = value ?? ""; } = "";

    /// <summary>Gets the tensor contract the model follows.</summary>
    /// <remarks>Default: <see cref="ModelContractKind.Custom"/>.</remarks>
    public ModelContractKind ContractKind { get; init; }

    /// <summary>Gets the sample rate the model expects, in hertz, or <see langword="null"/> when it has no fixed rate.</summary>
    /// <remarks>Default: <see langword="null"/>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is not positive.</exception>
    public int? SampleRate
    {
        get => _sampleRate;
        init
        {
            if (value is <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"The sample rate of model '{Id}' must be positive, or null.");
            }

            _sampleRate = value;
        }
    }

    /// <summary>Gets the licence of the weights, or <see langword="null"/> when unknown.</summary>
    /// <remarks>Default: <see langword="null"/>.</remarks>
    public ModelLicense? License { get; init; }

    /// <summary>Gets the page or repository the model comes from, or <see langword="null"/>.</summary>
    /// <remarks>Default: <see langword="null"/>.</remarks>
    public Uri? Source { get; init; }

    /// <summary>Gets the total size of the files in bytes, or <see langword="null"/> when any size is unknown.</summary>
    public long? TotalSizeBytes
    {
        get
        {
            long total = 0;
            foreach (var file in Files)
            {
                if (file.SizeBytes is not { } size)
                {
                    return null;
                }

                total += size;
            }

            return total;
        }
    }

    /// <summary>Reads a manifest from its JSON form (see <see cref="ToJson"/>).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="ModelLoadException">The JSON is malformed or describes an invalid manifest; the message says what to fix.</exception>
    public static ModelManifest FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return ModelManifestJson.Parse(json, source: null);
    }

    /// <summary>Reads a manifest from a JSON file.</summary>
    /// <param name="path">The file to read.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelLoadException">The file is not a valid manifest; the message says what to fix.</exception>
    public static async Task<ModelManifest> LoadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return ModelManifestJson.Parse(json, path);
    }

    /// <summary>Writes this manifest as indented JSON.</summary>
    /// <returns>The JSON text, readable by <see cref="FromJson"/>.</returns>
    public string ToJson() => ModelManifestJson.Serialize(this);

    /// <summary>Writes this manifest to a JSON file, replacing it atomically (temporary file, then rename).</summary>
    /// <param name="path">The file to write.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    public async Task SaveAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        await AtomicFile.WriteAllTextAsync(path, ToJson(), cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public override string ToString() => Id;
}
