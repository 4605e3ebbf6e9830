using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Separation;

/// <summary>Creates the separation engine for a neural model given by catalog id or <c>.onnx</c> path.</summary>
internal static class ModelSeparationEngines
{
    /// <summary>Resolves the model (downloading it if needed) and creates its engine.</summary>
    /// <exception cref="ModelNotFoundException">The id is unknown or the file does not exist.</exception>
    /// <exception cref="ModelLoadException">The model cannot be loaded or no engine runs it.</exception>
    /// <exception cref="ModelContractException">The model's inputs do not follow a separation contract.</exception>
    public static async Task<ISeparationEngine> CreateAsync(ModelStore models, MusicAIRuntime runtime, string idOrPath, CancellationToken cancellationToken)
    {
        var resolved = await models.ResolveAsync(idOrPath, progress: null, cancellationToken).ConfigureAwait(false);
        return Create(resolved, runtime);
    }

    /// <summary>
    /// The seam to the neural engines (MDX-Net, HT-Demucs) in <c>Separation/Neural/</c>: the kind is recognised from the
    /// model's inputs, and a catalog model's declared kind is enforced.
    /// </summary>
    private static ISeparationEngine Create(ResolvedModel model, MusicAIRuntime runtime) =>
        Neural.NeuralSeparationEngines.Create(model, runtime.Sessions);
}
