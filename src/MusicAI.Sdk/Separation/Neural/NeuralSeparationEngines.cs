using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// Creates the engine for a neural separator model, recognising its kind from its inputs (model-contracts.md §1–2):
/// one input of rank 4 <c>[batch, 4, dim_f, dim_t]</c> is UVR MDX-Net; two inputs (waveform <c>[1, 2, 343980]</c> and
/// spectrogram <c>[1, 4, 2048, 336]</c>) are HT-Demucs with the STFT outside the graph; one input of rank 3
/// <c>[1, 2, samples]</c> is HT-Demucs with the STFT inside the graph.
/// </summary>
/// <remarks>
/// Thread-safe. Engines share the factory's session for the file and do not own it. Sessions are created with
/// <see cref="ModelSessionTuning.LargeActivations"/>: separator networks have activations of a gigabyte or more, and
/// ONNX Runtime's memory pattern would double that from the second chunk on.
/// </remarks>
internal static class NeuralSeparationEngines
{
    /// <summary>What the SDK accepts, for messages.</summary>
    internal const string AcceptedSignatures =
        "MDX-Net: one input 'input' float32 [batch, 4, dim_f, dim_t]; "
        + "HT-Demucs with the STFT outside the graph: inputs float32 [1, 2, 343980] (waveform) and float32 [1, 4, 2048, 336] (spectrogram); "
        + "HT-Demucs with the STFT inside the graph: one input float32 [1, 2, samples]";

    /// <summary>Loads (or reuses) the session for <paramref name="modelPath"/> and creates its engine.</summary>
    /// <param name="modelPath">The .onnx file.</param>
    /// <param name="sessions">The runtime's session factory (<c>MusicAIRuntime.Sessions</c>).</param>
    /// <param name="modelId">The catalog id, for messages; the file name when null.</param>
    /// <param name="expectedKind">The kind the catalog declares (<see cref="ModelContractKind.MdxNet"/> or
    /// <see cref="ModelContractKind.HtDemucs"/>), or null to accept either.</param>
    /// <param name="mdxParameters">MDX-Net parameters that override the tail-MD5 table and the sidecar, or null.</param>
    /// <returns>The engine; dispose it when done (the session stays with the factory).</returns>
    /// <exception cref="ModelNotFoundException">The file does not exist.</exception>
    /// <exception cref="ModelLoadException">ONNX Runtime refused the file, or an MDX-Net sidecar is invalid.</exception>
    /// <exception cref="ModelContractException">The model's inputs or outputs match no separator contract, or not the expected kind.</exception>
    public static ISeparationEngine Create(
        string modelPath,
        OnnxSessionFactory sessions,
        string? modelId = null,
        ModelContractKind? expectedKind = null,
        MdxNetParameters? mdxParameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelPath);
        ArgumentNullException.ThrowIfNull(sessions);
        return Create(sessions.GetModel(modelPath, modelId, ModelSessionTuning.LargeActivations), expectedKind, mdxParameters);
    }

    /// <summary>Creates the engine for a model resolved by the <see cref="ModelStore"/> (its manifest's kind is enforced).</summary>
    /// <inheritdoc cref="Create(string, OnnxSessionFactory, string?, ModelContractKind?, MdxNetParameters?)"/>
    public static ISeparationEngine Create(ResolvedModel model, OnnxSessionFactory sessions, MdxNetParameters? mdxParameters = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = model.Manifest?.ContractKind is ModelContractKind.MdxNet or ModelContractKind.HtDemucs ? model.Manifest.ContractKind : (ModelContractKind?)null;
        return Create(model.ModelPath, sessions, model.Id, kind, mdxParameters);
    }

    /// <summary>Creates the engine for a loaded model.</summary>
    /// <inheritdoc cref="Create(string, OnnxSessionFactory, string?, ModelContractKind?, MdxNetParameters?)"/>
    public static ISeparationEngine Create(OnnxModel model, ModelContractKind? expectedKind = null, MdxNetParameters? mdxParameters = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var kind = Detect(model);
        if (expectedKind is { } expected && expected != kind)
        {
            throw new ModelContractException(
                $"Model '{model.Id}' is declared as {expected} but its inputs ({ModelContract.Describe(model.Inputs)}) are those of {kind}. "
                + "Check that the file is the model you meant, or correct its manifest's contract kind.",
                expected.ToString(),
                ModelContract.Describe(model.Inputs),
                model.Id,
                model.Path);
        }

        return model.Inputs.Count == 2 ? HtDemucsEngine.CreateSpectrogramOutside(model)
            : kind == ModelContractKind.HtDemucs ? HtDemucsEngine.CreateSpectrogramInside(model)
            : MdxNetEngine.Create(model, mdxParameters);
    }

    /// <summary>Recognises the kind of separator from the model's inputs.</summary>
    /// <exception cref="ModelContractException">No separator contract has that many inputs of those ranks.</exception>
    public static ModelContractKind Detect(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var inputs = model.Inputs;
        return inputs.Count switch
        {
            1 when inputs[0].Dimensions.Count == 4 => ModelContractKind.MdxNet,
            1 when inputs[0].Dimensions.Count == 3 => ModelContractKind.HtDemucs,
            2 => ModelContractKind.HtDemucs,
            _ => throw new ModelContractException(
                $"Model '{model.Id}'{(model.Path is null ? "" : $" ({model.Path})")} has {inputs.Count} input(s) ({ModelContract.Describe(inputs)}), which match no separator the SDK runs. "
                + $"Expected one of: {AcceptedSignatures}. Use a UVR MDX-Net or an HT-Demucs ONNX export.",
                AcceptedSignatures,
                ModelContract.Describe(inputs),
                model.Id,
                model.Path),
        };
    }
}
