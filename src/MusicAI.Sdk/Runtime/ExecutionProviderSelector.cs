namespace MusicAI.Sdk.Runtime;

/// <summary>
/// Resolves the ordered provider preference against what the loaded ONNX Runtime offers. A pure function: the
/// runtime's facts (available provider names, operating system) and the act of appending a provider come in as
/// arguments, so every branch is testable without a GPU.
/// </summary>
internal static class ExecutionProviderSelector
{
    /// <summary>Chooses the first usable provider of <paramref name="requested"/>.</summary>
    /// <param name="requested">Providers in order of preference (validated: not empty, no duplicates).</param>
    /// <param name="available">Names from <c>OrtEnv.GetAvailableProviders()</c>, for example <c>CUDAExecutionProvider</c>.</param>
    /// <param name="os">The operating system family.</param>
    /// <param name="requireAccelerator">When true, the CPU is never selected.</param>
    /// <param name="deviceId">The GPU index, for messages.</param>
    /// <param name="tryAppend">
    /// Appends an accelerator to a probe session options and returns the runtime's error, or <see langword="null"/>
    /// on success. Not called for <see cref="ExecutionProvider.Cpu"/>, which every runtime has built in.
    /// </param>
    /// <returns>The selection, with a reason for every provider not used and an error when none can be used.</returns>
    public static ProviderSelection Select(
        IReadOnlyList<ExecutionProvider> requested,
        IReadOnlyList<string> available,
        HostOperatingSystem os,
        bool requireAccelerator,
        int deviceId,
        Func<ExecutionProvider, Exception?> tryAppend)
    {
        var skipped = new List<SkippedProvider>();
        ExecutionProvider? selected = null;
        Exception? firstFailure = null;
        foreach (var provider in requested)
        {
            if (selected is { } earlier)
            {
                skipped.Add(new(provider, ProviderSkipKind.NotTried, $"not tried: {earlier} comes earlier in ExecutionProviders"));
                continue;
            }

            if (provider == ExecutionProvider.Cpu && requireAccelerator)
            {
                skipped.Add(new(provider, ProviderSkipKind.ForbiddenByRequireAccelerator, "not allowed: RequireAccelerator is true"));
                continue;
            }

            if (!ExecutionProviderInfo.IsSupportedOn(provider, os))
            {
                skipped.Add(new(
                    provider,
                    ProviderSkipKind.UnsupportedOperatingSystem,
                    $"not supported on this OS: {provider} runs on {ExecutionProviderInfo.SupportedOperatingSystems(provider)} only"));
                continue;
            }

            if (!Contains(available, ExecutionProviderInfo.OrtName(provider)))
            {
                skipped.Add(new(
                    provider,
                    ProviderSkipKind.NotInRuntimePackage,
                    $"not in this runtime package: install {ExecutionProviderInfo.PackageId(provider)} "
                    + $"(the loaded ONNX Runtime offers {DescribeAvailable(available)})"));
                continue;
            }

            if (provider != ExecutionProvider.Cpu && tryAppend(provider) is { } failure)
            {
                firstFailure ??= failure;
                skipped.Add(new(provider, ProviderSkipKind.AppendFailed, $"appending failed: {OneLine(failure.Message)}"));
                continue;
            }

            selected = provider;
        }

        foreach (var provider in ExecutionProviderInfo.All)
        {
            if (!requested.Contains(provider))
            {
                skipped.Add(new(provider, ProviderSkipKind.NotRequested, "not requested in MusicAIOptions.ExecutionProviders"));
            }
        }

        var error = selected is null ? DescribeFailure(requested, skipped, requireAccelerator, deviceId) : null;
        return new ProviderSelection(requested, available, selected, skipped, error, firstFailure);
    }

    /// <summary>The selection when the ONNX Runtime native library could not be loaded at all.</summary>
    /// <param name="requested">The requested providers.</param>
    /// <param name="loadError">The error raised while loading the library.</param>
    public static ProviderSelection RuntimeNotLoaded(IReadOnlyList<ExecutionProvider> requested, Exception loadError)
    {
        var skipped = new List<SkippedProvider>();
        foreach (var provider in ExecutionProviderInfo.All)
        {
            skipped.Add(requested.Contains(provider)
                ? new(provider, ProviderSkipKind.RuntimeNotLoaded, "the ONNX Runtime native library could not be loaded")
                : new(provider, ProviderSkipKind.NotRequested, "not requested in MusicAIOptions.ExecutionProviders"));
        }

        // The loader's message lists every probed path; its first sentence is enough here (the whole error is the
        // exception's InnerException).
        var loader = OneLine(loadError.Message);
        var sentence = loader.IndexOf(". ", StringComparison.Ordinal);
        var error =
            $"The ONNX Runtime native library could not be loaded ({(sentence > 0 ? loader[..sentence] : loader.TrimEnd('.'))}). "
            + "To fix: reference exactly one runtime package next to MusicAI.Sdk: "
            + $"{ExecutionProviderInfo.PackageId(ExecutionProvider.Cpu)} (any machine), "
            + $"{ExecutionProviderInfo.PackageId(ExecutionProvider.Cuda)} (NVIDIA GPU) or "
            + $"{ExecutionProviderInfo.PackageId(ExecutionProvider.DirectML)} (Windows GPU).";
        return new ProviderSelection(requested, [], null, skipped, error, loadError);
    }

    private static string DescribeFailure(
        IReadOnlyList<ExecutionProvider> requested,
        List<SkippedProvider> skipped,
        bool requireAccelerator,
        int deviceId)
    {
        var head = requireAccelerator
            ? "No accelerator can be used, and RequireAccelerator is true so running on the CPU is not allowed."
            : $"None of the requested execution providers ({string.Join(", ", requested)}) can be used.";
        var reasons = new List<string>();
        var fixes = new List<string>();
        foreach (var skip in skipped)
        {
            if (skip.Kind is ProviderSkipKind.NotRequested or ProviderSkipKind.ForbiddenByRequireAccelerator)
            {
                continue;
            }

            reasons.Add($"{skip.Provider}: {skip.Reason}");
            if (skip.Kind == ProviderSkipKind.NotInRuntimePackage)
            {
                fixes.Add($"reference {ExecutionProviderInfo.PackageId(skip.Provider)} instead of your current runtime package (exactly one runtime package per application)");
            }
            else if (skip.Kind == ProviderSkipKind.AppendFailed)
            {
                fixes.Add($"for {skip.Provider}, {ExecutionProviderInfo.AppendFailureAdvice(skip.Provider, deviceId)}");
            }
        }

        if (requireAccelerator)
        {
            fixes.Add("or set RequireAccelerator to false to allow running on the CPU");
        }
        else if (!requested.Contains(ExecutionProvider.Cpu))
        {
            fixes.Add("or add Cpu to ExecutionProviders to allow running on the CPU");
        }

        return $"{head} {string.Join("; ", reasons)}. To fix: {string.Join("; ", fixes)}.";
    }

    private static bool Contains(IReadOnlyList<string> available, string name)
    {
        foreach (var item in available)
        {
            if (string.Equals(item, name, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static string DescribeAvailable(IReadOnlyList<string> available) =>
        available.Count == 0 ? "no providers" : string.Join(", ", available);

    private static string OneLine(string message) =>
        message.ReplaceLineEndings(" ").Trim();
}
