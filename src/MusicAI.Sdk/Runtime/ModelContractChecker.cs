using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// Compares a <see cref="ModelContract"/> with a model's actual inputs and outputs. Names and element types must be
/// equal and ranks the same; a dimension matches when both are fixed and equal, or when either side is dynamic
/// (a symbolic or -1 dimension in the model accepts any size; a symbolic dimension in the contract accepts any).
/// </summary>
internal static class ModelContractChecker
{
    /// <summary>Returns one sentence per mismatch, or an empty list when the model matches.</summary>
    public static IReadOnlyList<string> FindMismatches(
        ModelContract contract,
        IReadOnlyList<TensorSignature> actualInputs,
        IReadOnlyList<TensorSignature> actualOutputs)
    {
        var problems = new List<string>();
        var usedInputs = new HashSet<string>(StringComparer.Ordinal);
        var missingInputs = Compare("input", contract.Inputs, actualInputs, usedInputs, problems);
        foreach (var input in actualInputs)
        {
            // When an expected input is missing, the message already lists every input the model has.
            if (missingInputs == 0 && input.Name is { } name && !usedInputs.Contains(name))
            {
                problems.Add($"model also needs input {input}, which the {contract.Kind} contract does not provide");
            }
        }

        Compare("output", contract.Outputs, actualOutputs, new HashSet<string>(StringComparer.Ordinal), problems);
        return problems;
    }

    /// <summary>Throws when the model does not match the contract.</summary>
    /// <exception cref="ModelContractException">The model does not match; the message shows expected against actual.</exception>
    public static void ThrowIfMismatch(
        ModelContract contract,
        IReadOnlyList<TensorSignature> actualInputs,
        IReadOnlyList<TensorSignature> actualOutputs,
        string modelId,
        string? modelPath)
    {
        var problems = FindMismatches(contract, actualInputs, actualOutputs);
        if (problems.Count == 0)
        {
            return;
        }

        var actual = $"inputs: {ModelContract.Describe(actualInputs)}; outputs: {ModelContract.Describe(actualOutputs)}";
        throw new ModelContractException(
            $"Model '{modelId}' does not match the {contract.Kind} contract: {string.Join("; ", problems)}. "
            + $"Use a model exported with the expected {contract.Kind} signature, or check that '{modelPath ?? modelId}' is the file you meant to load.",
            contract.ToString(),
            actual,
            modelId,
            modelPath);
    }

    private static int Compare(
        string role,
        IReadOnlyList<TensorSignature> expected,
        IReadOnlyList<TensorSignature> actual,
        HashSet<string> used,
        List<string> problems)
    {
        var missing = 0;
        for (var i = 0; i < expected.Count; i++)
        {
            var want = expected[i];
            var have = want.Name is { } name ? Find(actual, name) : i < actual.Count ? actual[i] : null;
            if (have is null)
            {
                missing++;
                var where = want.Name is null ? $"at position {i}" : $"named '{want.Name}'";
                problems.Add($"expected {role} {want}; model has {ModelContract.Describe(actual)} (no {role} {where})");
                continue;
            }

            if (have.Name is { } haveName)
            {
                used.Add(haveName);
            }

            var difference = Difference(want, have);
            if (difference is not null)
            {
                problems.Add($"expected {role} {want}; model has {have} ({difference})");
            }
        }

        return missing;
    }

    private static TensorSignature? Find(IReadOnlyList<TensorSignature> signatures, string name)
    {
        foreach (var signature in signatures)
        {
            if (string.Equals(signature.Name, name, StringComparison.Ordinal))
            {
                return signature;
            }
        }

        return null;
    }

    private static string? Difference(TensorSignature want, TensorSignature have)
    {
        if (!have.IsTensor)
        {
            return "not a tensor";
        }

        if (want.ElementType != have.ElementType)
        {
            return "element type differs";
        }

        if (want.Dimensions.Count != have.Dimensions.Count)
        {
            return $"rank {have.Dimensions.Count} instead of {want.Dimensions.Count}";
        }

        for (var d = 0; d < want.Dimensions.Count; d++)
        {
            var w = want.Dimensions[d];
            var h = have.Dimensions[d];
            if (w.IsFixed && h.IsFixed && w.Size != h.Size)
            {
                return $"dimension {d} is {h.Size} instead of {w.Size}";
            }
        }

        return null;
    }
}
