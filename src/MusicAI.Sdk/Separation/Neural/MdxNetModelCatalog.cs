using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Separation.Neural;

/// <summary>
/// Finds the parameters of an MDX-Net model: by the MD5 of the file's tail in UVR's table (model-contracts.md §1.1),
/// else from a sidecar JSON beside the file, never by guessing.
/// </summary>
/// <remarks>
/// <para>Order: parameters passed by the caller; a known tail MD5; the sidecar <c>&lt;model&gt;.json</c> (the model path
/// with its extension replaced by <c>.json</c>) holding the model's entry from UVR's <c>model_data.json</c>
/// (<c>mdx_n_fft_scale_set</c>, <c>compensate</c>, <c>primary_stem</c>, and optionally <c>mdx_dim_f_set</c> and
/// <c>mdx_dim_t_set</c>, the latter an exponent: dim_t = 2^value); dim_f and dim_t missing from the sidecar are read
/// from the model's fixed input shape. Anything else is a <see cref="ModelContractException"/> that says how to
/// supply the parameters.</para>
/// <para>Thread-safe (immutable table).</para>
/// </remarks>
internal static class MdxNetModelCatalog
{
    /// <summary>UVR hashes the last 10,000×1024 bytes (<c>f.seek(-10000 * 1024, 2)</c>), or the whole file when smaller.</summary>
    public const long HashedTailBytes = 10_000 * 1024;

    private static readonly KnownMdxNetModel[] s_known =
    [
        new("55657dd70583b0fedfba5f67df11d711", "UVR-MDX-NET-Inst_HQ_3.onnx", new MdxNetParameters(6144, 3072, 256, 1.022, Stem.Accompaniment)),
        new("77d07b2667ddf05b9e3175941b4454a0", "UVR-MDX-NET-Voc_FT.onnx", new MdxNetParameters(7680, 3072, 256, 1.021, Stem.Vocals)),
        new("970b3f9492014d18fefeedfe4773cb42", "Kim_Vocal_2.onnx", new MdxNetParameters(7680, 3072, 256, 1.009, Stem.Vocals)),
        new("0f2a6bc5b49d87d64728ee40e23bceb1", "UVR-MDX-NET-Inst_HQ_4.onnx", new MdxNetParameters(5120, 2560, 256, 1.019, Stem.Accompaniment)),
        new("1d64a6d2c30f709b8c9b4ce1366d96ee", "UVR_MDXNET_KARA_2.onnx", new MdxNetParameters(5120, 2048, 256, 1.065, Stem.Accompaniment)),
    ];

    /// <summary>Gets the models recognised by their tail MD5 (UVR's <c>model_data_new.json</c> rows, model-contracts.md §1.1).</summary>
    public static IReadOnlyList<KnownMdxNetModel> Known => s_known;

    /// <summary>Finds a known model by its tail MD5 (case-insensitive hex), or returns null.</summary>
    public static KnownMdxNetModel? Find(string tailMd5)
    {
        foreach (var known in s_known)
        {
            if (string.Equals(known.TailMd5, tailMd5, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }

    /// <summary>Computes UVR's model hash: MD5 of the last <see cref="HashedTailBytes"/> bytes, or of the whole file when smaller.</summary>
    /// <returns>Lower-case hex.</returns>
    [SuppressMessage("Security", "CA5351:Do Not Use Broken Cryptographic Algorithms", Justification = "MD5 identifies a file the way UVR does; it protects nothing.")]
    public static string ComputeTailMd5(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        if (stream.Length > HashedTailBytes)
        {
            stream.Seek(-HashedTailBytes, SeekOrigin.End);
        }

        return Convert.ToHexStringLower(MD5.HashData(stream));
    }

    /// <summary>Gets the sidecar path of a model: the model path with the extension <c>.json</c>.</summary>
    public static string SidecarPath(string modelPath) => Path.ChangeExtension(modelPath, ".json");

    /// <summary>Resolves the parameters of <paramref name="model"/> (see the class remarks for the order).</summary>
    /// <param name="model">A loaded model whose single input has rank 4.</param>
    /// <param name="explicitParameters">Parameters from the caller, or null.</param>
    /// <param name="origin">Says where the parameters came from, for logs and the engine name.</param>
    /// <exception cref="ModelContractException">The model is not known and has no sidecar.</exception>
    /// <exception cref="ModelLoadException">The sidecar is not valid.</exception>
    public static MdxNetParameters Resolve(OnnxModel model, MdxNetParameters? explicitParameters, out string origin)
    {
        if (explicitParameters is not null)
        {
            origin = "parameters given by the caller";
            return explicitParameters;
        }

        var path = model.Path ?? throw new ModelContractException(
            $"MDX-Net model '{model.Id}' was loaded from memory, so it cannot be identified by file: pass its parameters explicitly.",
            "MDX-Net parameters (n_fft, dim_f, dim_t, compensate, primary stem)",
            "none",
            model.Id);
        var hash = ComputeTailMd5(path);
        if (Find(hash) is { } known)
        {
            origin = $"recognised as {known.FileName} (tail MD5 {hash})";
            return known.Parameters;
        }

        var sidecar = SidecarPath(path);
        if (File.Exists(sidecar))
        {
            origin = $"parameters from {Path.GetFileName(sidecar)}";
            return ReadSidecar(sidecar, model);
        }

        throw new ModelContractException(
            $"MDX-Net model '{model.Id}' is not one of the known UVR models (the MD5 of its last {HashedTailBytes:N0} bytes is {hash}), "
            + "so its n_fft, compensation and primary stem are unknown and will not be guessed. "
            + $"Put a file '{Path.GetFileName(sidecar)}' beside it with the model's entry from UVR's model_data.json, for example "
            + "{\"mdx_n_fft_scale_set\": 7680, \"compensate\": 1.021, \"primary_stem\": \"Vocals\"} "
            + $"(dim_f and dim_t come from the input shape {model.Inputs[0]} or from \"mdx_dim_f_set\" and \"mdx_dim_t_set\", the latter an exponent), "
            + "or pass the parameters explicitly.",
            "a known UVR MDX-Net model (by tail MD5) or a parameter sidecar",
            $"tail MD5 {hash}, no '{Path.GetFileName(sidecar)}'",
            model.Id,
            path);
    }

    /// <summary>Reads a sidecar holding a UVR model-data entry; dim_f/dim_t it lacks come from the model's input shape.</summary>
    /// <exception cref="ModelLoadException">The file is not valid JSON, lacks a required key, or a value is out of range.</exception>
    /// <exception cref="ModelContractException">dim_f or dim_t is in neither the sidecar nor the (dynamic) input shape.</exception>
    public static MdxNetParameters ReadSidecar(string sidecarPath, OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var dimensions = model.Inputs[0].Dimensions;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(sidecarPath));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("the file must hold one JSON object");
            }

            var fftLength = RequiredInt(root, "mdx_n_fft_scale_set");
            var compensate = Required(root, "compensate").GetDouble();
            var primary = Required(root, "primary_stem").GetString() switch
            {
                { } s when s.Equals("Vocals", StringComparison.OrdinalIgnoreCase) => Stem.Vocals,
                { } s when s.Equals("Instrumental", StringComparison.OrdinalIgnoreCase) => Stem.Accompaniment,
                var s => throw new FormatException($"\"primary_stem\" is \"{s}\"; the SDK runs MDX-Net models whose primary stem is \"Vocals\" or \"Instrumental\""),
            };
            var dimF = root.TryGetProperty("mdx_dim_f_set", out var f) ? f.GetInt32() : FixedDimension(dimensions[2], "dim_f", "mdx_dim_f_set", model, sidecarPath);
            var dimT = root.TryGetProperty("mdx_dim_t_set", out var t)
                ? 1 << RangeChecked(t.GetInt32(), 1, 16, "mdx_dim_t_set")
                : FixedDimension(dimensions[3], "dim_t", "mdx_dim_t_set", model, sidecarPath);
            return new MdxNetParameters(fftLength, dimF, dimT, compensate, primary);
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw new ModelLoadException(
                $"The MDX-Net parameter file '{sidecarPath}' is not valid: {ex.Message}. "
                + "Write the model's entry from UVR's model_data.json, for example "
                + "{\"mdx_n_fft_scale_set\": 7680, \"compensate\": 1.021, \"primary_stem\": \"Vocals\", \"mdx_dim_f_set\": 3072, \"mdx_dim_t_set\": 8}.",
                model.Id,
                model.Path,
                ex);
        }
    }

    private static JsonElement Required(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) ? value : throw new KeyNotFoundException($"the key \"{name}\" is missing");

    private static int RequiredInt(JsonElement root, string name) => Required(root, name).GetInt32();

    private static int RangeChecked(int value, int min, int max, string name) =>
        value >= min && value <= max ? value : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"\"{name}\" is {value}; expected {min} to {max}"));

    private static int FixedDimension(TensorDimension dimension, string what, string key, OnnxModel model, string sidecarPath) =>
        dimension.IsFixed
            ? checked((int)dimension.Size)
            : throw new ModelContractException(
                $"MDX-Net model '{model.Id}' has a dynamic {what} in its input {model.Inputs[0]}, and '{Path.GetFileName(sidecarPath)}' has no \"{key}\": add it to the file.",
                $"a fixed {what} or \"{key}\" in the sidecar",
                model.Inputs[0].ToString(),
                model.Id,
                model.Path);
}
