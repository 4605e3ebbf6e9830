using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Separation;

/// <summary>
/// Options of a <see cref="Separator"/>, set once at registration (<c>.AddSeparator(s => s.UseModel(...))</c>).
/// </summary>
/// <remarks>
/// By default (<see cref="Model"/> null) the separator uses its built-in DSP engine, which needs no download. A request
/// can still choose another model with <see cref="SeparationRequest.WithModel(string)"/>.
/// </remarks>
public sealed class SeparatorOptions
{
    /// <summary>
    /// Gets or sets the default model: a catalog id (see <see cref="KnownModels"/>), the path of an <c>.onnx</c> file, or
    /// <see cref="Separator.BuiltInModel"/>; <see langword="null"/> (the default) means the built-in DSP separator.
    /// </summary>
    public string? Model { get; set; }

    /// <summary>Uses a model by catalog id or path by default.</summary>
    /// <param name="idOrPath">A catalog id, an <c>.onnx</c> path, or <see cref="Separator.BuiltInModel"/>.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="idOrPath"/> is empty.</exception>
    public SeparatorOptions UseModel(string idOrPath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPath);
        Model = idOrPath;
        return this;
    }

    /// <summary>Uses a catalog model by default.</summary>
    /// <param name="model">A manifest from <see cref="KnownModels"/>.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    public SeparatorOptions UseModel(ModelManifest model)
    {
        ArgumentNullException.ThrowIfNull(model);
        Model = model.Id;
        return this;
    }

    internal SeparatorOptions Clone() => new() { Model = Model };
}
