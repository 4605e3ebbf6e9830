using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Tests.Runtime;

/// <summary>
/// The provider resolution logic against fake "available provider" lists and a fake append that can fail: every
/// branch that needs a GPU is exercised here without one.
/// </summary>
public sealed class ExecutionProviderSelectorTests
{
    private const string Cpu = "CPUExecutionProvider";
    private const string Cuda = "CUDAExecutionProvider";
    private const string Dml = "DmlExecutionProvider";

    private static readonly ExecutionProvider[] s_default = [ExecutionProvider.Cuda, ExecutionProvider.DirectML, ExecutionProvider.Cpu];

    [Fact]
    public void CpuPackageOnLinux_FallsBackToCpu_WithAReasonForEachAccelerator()
    {
        var appended = new List<ExecutionProvider>();
        var selection = ExecutionProviderSelector.Select(s_default, [Cpu], HostOperatingSystem.Linux, false, 0, Append(appended));

        Assert.Equal(ExecutionProvider.Cpu, selection.Selected);
        Assert.Null(selection.Error);
        Assert.Empty(appended);
        var cuda = Skip(selection, ExecutionProvider.Cuda);
        Assert.Equal(ProviderSkipKind.NotInRuntimePackage, cuda.Kind);
        Assert.StartsWith("not in this runtime package: install MusicAI.Sdk.Runtime.Cuda", cuda.Reason, StringComparison.Ordinal);
        Assert.Contains("offers CPUExecutionProvider", cuda.Reason, StringComparison.Ordinal);
        var dml = Skip(selection, ExecutionProvider.DirectML);
        Assert.Equal(ProviderSkipKind.UnsupportedOperatingSystem, dml.Kind);
        Assert.Equal("not supported on this OS: DirectML runs on Windows only", dml.Reason);
        Assert.Equal(ExecutionProvider.Cpu, selection.ThrowIfUnavailable());
    }

    [Fact]
    public void GpuPackageOnLinux_AppendSucceeds_SelectsCudaAndDoesNotTryTheRest()
    {
        var appended = new List<ExecutionProvider>();
        var selection = ExecutionProviderSelector.Select(s_default, [Cuda, Cpu], HostOperatingSystem.Linux, false, 0, Append(appended));

        Assert.Equal(ExecutionProvider.Cuda, selection.Selected);
        Assert.Equal([ExecutionProvider.Cuda], appended);
        Assert.Equal(ProviderSkipKind.NotTried, Skip(selection, ExecutionProvider.DirectML).Kind);
        Assert.Equal("not tried: Cuda comes earlier in ExecutionProviders", Skip(selection, ExecutionProvider.Cpu).Reason);
    }

    [Fact]
    public void GpuPackageWithoutWorkingDriver_AppendFails_FallsBackToCpuWithTheRuntimeMessage()
    {
        var failure = new InvalidOperationException("libcudnn.so.9: cannot open shared object file\nNo such file");
        var selection = ExecutionProviderSelector.Select(
            s_default, [Cuda, Cpu], HostOperatingSystem.Linux, false, 0, p => p == ExecutionProvider.Cuda ? failure : null);

        Assert.Equal(ExecutionProvider.Cpu, selection.Selected);
        var cuda = Skip(selection, ExecutionProvider.Cuda);
        Assert.Equal(ProviderSkipKind.AppendFailed, cuda.Kind);
        Assert.Equal("appending failed: libcudnn.so.9: cannot open shared object file No such file", cuda.Reason);
        Assert.Same(failure, selection.Failure);
    }

    [Fact]
    public void DirectMLPackageOnWindows_SelectsDirectML()
    {
        var appended = new List<ExecutionProvider>();
        var selection = ExecutionProviderSelector.Select(s_default, [Dml, Cpu], HostOperatingSystem.Windows, false, 1, Append(appended));

        Assert.Equal(ExecutionProvider.DirectML, selection.Selected);
        Assert.Equal([ExecutionProvider.DirectML], appended);
        Assert.Contains("install MusicAI.Sdk.Runtime.Cuda", Skip(selection, ExecutionProvider.Cuda).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CudaOnMacOS_IsUnsupported_EvenWhenTheRuntimeListsIt()
    {
        var appended = new List<ExecutionProvider>();
        var selection = ExecutionProviderSelector.Select(s_default, [Cuda, Cpu], HostOperatingSystem.MacOS, false, 0, Append(appended));

        Assert.Equal(ExecutionProvider.Cpu, selection.Selected);
        Assert.Empty(appended);
        Assert.Equal("not supported on this OS: Cuda runs on Windows and Linux only", Skip(selection, ExecutionProvider.Cuda).Reason);
    }

    [Fact]
    public void CpuFirstInTheOrder_IsSelected_AndAcceleratorsAreNotAppended()
    {
        var appended = new List<ExecutionProvider>();
        var selection = ExecutionProviderSelector.Select(
            [ExecutionProvider.Cpu, ExecutionProvider.Cuda], [Cuda, Cpu], HostOperatingSystem.Linux, false, 0, Append(appended));

        Assert.Equal(ExecutionProvider.Cpu, selection.Selected);
        Assert.Empty(appended);
        Assert.Equal(ProviderSkipKind.NotTried, Skip(selection, ExecutionProvider.Cuda).Kind);
        Assert.Equal(ProviderSkipKind.NotRequested, Skip(selection, ExecutionProvider.DirectML).Kind);
        Assert.Equal("not requested in MusicAIOptions.ExecutionProviders", Skip(selection, ExecutionProvider.DirectML).Reason);
    }

    [Fact]
    public void RequireAccelerator_OnTheCpuPackage_FailsAndNamesThePackageToInstall()
    {
        var selection = ExecutionProviderSelector.Select(s_default, [Cpu], HostOperatingSystem.Linux, true, 0, _ => null);

        Assert.Null(selection.Selected);
        Assert.Equal(ProviderSkipKind.ForbiddenByRequireAccelerator, Skip(selection, ExecutionProvider.Cpu).Kind);
        var ex = Assert.Throws<ExecutionProviderUnavailableException>(() => selection.ThrowIfUnavailable());
        Assert.StartsWith("No accelerator can be used, and RequireAccelerator is true", ex.Message, StringComparison.Ordinal);
        Assert.Contains("reference MusicAI.Sdk.Runtime.Cuda instead of your current runtime package", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("reference MusicAI.Sdk.Runtime.DirectML", ex.Message, StringComparison.Ordinal);
        Assert.Contains("DirectML: not supported on this OS", ex.Message, StringComparison.Ordinal);
        Assert.Contains("set RequireAccelerator to false", ex.Message, StringComparison.Ordinal);
        Assert.Equal(s_default, ex.Requested);
        Assert.Equal([Cpu], ex.Available);
        Assert.Null(ex.InnerException);
    }

    [Fact]
    public void RequireAccelerator_WhenAppendFails_WrapsTheRuntimeErrorAndAdvisesOnTheDriver()
    {
        var failure = new InvalidOperationException("CUDA failure 100: no CUDA-capable device is detected");
        var selection = ExecutionProviderSelector.Select(
            [ExecutionProvider.Cuda, ExecutionProvider.Cpu], [Cuda, Cpu], HostOperatingSystem.Linux, true, 2, _ => failure);

        var ex = Assert.Throws<ExecutionProviderUnavailableException>(() => selection.ThrowIfUnavailable());
        Assert.Same(failure, ex.InnerException);
        Assert.Contains("Cuda: appending failed: CUDA failure 100", ex.Message, StringComparison.Ordinal);
        Assert.Contains("NVIDIA GPU with index 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("cuDNN 9", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyAcceleratorsRequested_WithoutRequireAccelerator_FailsAndSuggestsAddingCpu()
    {
        var selection = ExecutionProviderSelector.Select([ExecutionProvider.Cuda], [Cpu], HostOperatingSystem.Windows, false, 0, _ => null);

        Assert.Null(selection.Selected);
        Assert.StartsWith("None of the requested execution providers (Cuda) can be used.", selection.Error, StringComparison.Ordinal);
        Assert.Contains("add Cpu to ExecutionProviders", selection.Error, StringComparison.Ordinal);
        Assert.Equal(ProviderSkipKind.NotRequested, Skip(selection, ExecutionProvider.Cpu).Kind);
    }

    [Fact]
    public void RuntimeNotLoaded_NamesEveryRuntimePackage()
    {
        var loadError = new DllNotFoundException("Unable to load shared library 'onnxruntime' or one of its dependencies. In order to help diagnose loading problems, consider using strace: /a/libonnxruntime.so: cannot open shared object file");
        var selection = ExecutionProviderSelector.RuntimeNotLoaded(s_default, loadError);

        Assert.Null(selection.Selected);
        Assert.Empty(selection.Available);
        Assert.All(selection.Skipped, s => Assert.Equal(ProviderSkipKind.RuntimeNotLoaded, s.Kind));
        var ex = Assert.Throws<ExecutionProviderUnavailableException>(() => selection.ThrowIfUnavailable());
        Assert.Same(loadError, ex.InnerException);
        Assert.StartsWith("The ONNX Runtime native library could not be loaded (Unable to load shared library 'onnxruntime' or one of its dependencies). To fix:", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("strace", ex.Message, StringComparison.Ordinal);
        foreach (var package in new[] { "MusicAI.Sdk.Runtime.Cpu", "MusicAI.Sdk.Runtime.Cuda", "MusicAI.Sdk.Runtime.DirectML" })
        {
            Assert.Contains(package, ex.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Every ordered provider list (1 to 3 providers), every set of available providers, every OS, both
    /// RequireAccelerator values and every set of failing appends, checked against an independent oracle.
    /// </summary>
    [Fact]
    public void Exhaustive_AgreesWithTheOracleAndGivesEveryProviderExactlyOneOutcome()
    {
        var cases = 0;
        foreach (var requested in OrderedSubsets(ExecutionProviderInfo.All))
        {
            foreach (var available in Subsets([Cpu, Cuda, Dml]))
            {
                foreach (var os in Enum.GetValues<HostOperatingSystem>())
                {
                    foreach (var requireAccelerator in new[] { false, true })
                    {
                        foreach (var failing in Subsets([ExecutionProvider.Cuda, ExecutionProvider.DirectML]))
                        {
                            cases++;
                            Check(requested, available, os, requireAccelerator, failing);
                        }
                    }
                }
            }
        }

        Assert.Equal(15 * 8 * 4 * 2 * 4, cases);
    }

    private static void Check(
        IReadOnlyList<ExecutionProvider> requested,
        IReadOnlyList<string> available,
        HostOperatingSystem os,
        bool requireAccelerator,
        IReadOnlyList<ExecutionProvider> failing)
    {
        var appended = new List<ExecutionProvider>();
        var selection = ExecutionProviderSelector.Select(requested, available, os, requireAccelerator, 0, p =>
        {
            appended.Add(p);
            return failing.Contains(p) ? new InvalidOperationException($"{p} failed") : null;
        });

        // Oracle: the first requested provider that is allowed, supported on the OS, present and appendable.
        ExecutionProvider? expected = null;
        var expectedAppends = new List<ExecutionProvider>();
        foreach (var p in requested)
        {
            var allowed = !(requireAccelerator && p == ExecutionProvider.Cpu);
            var supported = p == ExecutionProvider.Cpu
                || (p == ExecutionProvider.Cuda && os is HostOperatingSystem.Linux or HostOperatingSystem.Windows)
                || (p == ExecutionProvider.DirectML && os == HostOperatingSystem.Windows);
            var present = available.Contains(p switch
            {
                ExecutionProvider.Cpu => Cpu,
                ExecutionProvider.Cuda => Cuda,
                _ => Dml,
            });
            if (!allowed || !supported || !present)
            {
                continue;
            }

            if (p != ExecutionProvider.Cpu)
            {
                expectedAppends.Add(p);
                if (failing.Contains(p))
                {
                    continue;
                }
            }

            expected = p;
            break;
        }

        var label = $"requested [{string.Join(",", requested)}], available [{string.Join(",", available)}], {os}, require={requireAccelerator}, failing [{string.Join(",", failing)}]";
        Assert.True(expected == selection.Selected, $"{label}: expected {expected}, got {selection.Selected}");
        Assert.True(expectedAppends.SequenceEqual(appended), $"{label}: appended [{string.Join(",", appended)}]");
        Assert.Equal(selection.Selected is null, selection.Error is not null);

        var outcomes = selection.Skipped.Select(s => s.Provider).ToList();
        if (selection.Selected is { } selected)
        {
            outcomes.Add(selected);
        }

        Assert.True(
            outcomes.Order().SequenceEqual(ExecutionProviderInfo.All.Order()),
            $"{label}: outcomes [{string.Join(",", outcomes)}]");
        Assert.All(selection.Skipped, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));

        if (selection.Error is { } error)
        {
            foreach (var skip in selection.Skipped.Where(s => s.Kind == ProviderSkipKind.NotInRuntimePackage))
            {
                Assert.Contains(ExecutionProviderInfo.PackageId(skip.Provider), error, StringComparison.Ordinal);
            }

            var ex = Assert.Throws<ExecutionProviderUnavailableException>(() => selection.ThrowIfUnavailable());
            Assert.Equal(error, ex.Message);
        }
    }

    private static SkippedProvider Skip(ProviderSelection selection, ExecutionProvider provider) =>
        Assert.Single(selection.Skipped, s => s.Provider == provider);

    private static Func<ExecutionProvider, Exception?> Append(List<ExecutionProvider> log) => p =>
    {
        log.Add(p);
        return null;
    };

    private static List<T[]> Subsets<T>(T[] items)
    {
        var result = new List<T[]>();
        for (var mask = 0; mask < 1 << items.Length; mask++)
        {
            result.Add([.. items.Where((_, i) => (mask & (1 << i)) != 0)]);
        }

        return result;
    }

    private static IEnumerable<ExecutionProvider[]> OrderedSubsets(IReadOnlyList<ExecutionProvider> items)
    {
        foreach (var subset in Subsets(items.ToArray()).Where(s => s.Length > 0))
        {
            foreach (var permutation in Permutations(subset))
            {
                yield return permutation;
            }
        }
    }

    private static IEnumerable<ExecutionProvider[]> Permutations(ExecutionProvider[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[i], .. tail];
            }
        }
    }
}
