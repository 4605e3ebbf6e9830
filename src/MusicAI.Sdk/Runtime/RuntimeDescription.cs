using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// A snapshot of how MusicAI.Sdk runs models on this machine: versions, the execution providers the loaded ONNX
/// Runtime offers, the one selected and why each other one is not used, thread settings, and CPU/SIMD facts.
/// Returned by <see cref="MusicAIRuntime.Describe"/>; <c>musicai doctor</c> prints it.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RuntimeDescription
{
    internal RuntimeDescription()
    {
    }

    /// <summary>Gets the MusicAI.Sdk version, for example <c>0.1.0-preview</c>.</summary>
    public string SdkVersion { get; internal init; } = "";

    /// <summary>Gets the ONNX Runtime native library version, or <see langword="null"/> when it could not be loaded.</summary>
    public string? OnnxRuntimeVersion { get; internal init; }

    /// <summary>Gets the provider names the loaded ONNX Runtime offers, for example <c>CPUExecutionProvider</c>.</summary>
    public IReadOnlyList<string> AvailableProviders { get; internal init; } = [];

    /// <summary>Gets the requested providers in preference order (<see cref="MusicAIOptions.ExecutionProviders"/>).</summary>
    public IReadOnlyList<ExecutionProvider> RequestedProviders { get; internal init; } = [];

    /// <summary>Gets the provider models run on, or <see langword="null"/> when none can be used (see <see cref="SelectionError"/>).</summary>
    public ExecutionProvider? SelectedProvider { get; internal init; }

    /// <summary>Gets why no provider can be used and what to do, or <see langword="null"/> when one is selected.</summary>
    public string? SelectionError { get; internal init; }

    /// <summary>Gets the GPU index used for CUDA and DirectML (<see cref="MusicAIOptions.DeviceId"/>).</summary>
    public int DeviceId { get; internal init; }

    /// <summary>Gets a value indicating whether CPU fallback is forbidden (<see cref="MusicAIOptions.RequireAccelerator"/>).</summary>
    public bool RequireAccelerator { get; internal init; }

    /// <summary>
    /// Gets, for every provider that is not used (requested or not), the reason, for example
    /// <c>Cuda: not in this runtime package: install MusicAI.Sdk.Runtime.Cuda (...)</c>.
    /// </summary>
    public IReadOnlyDictionary<ExecutionProvider, string> SkippedProviders { get; internal init; } =
        new Dictionary<ExecutionProvider, string>();

    /// <summary>Gets the intra-op thread setting; 0 means the runtime's default (one per physical core).</summary>
    public int IntraOpThreads { get; internal init; }

    /// <summary>Gets the inter-op thread setting; 0 means the runtime's default (sequential execution).</summary>
    public int InterOpThreads { get; internal init; }

    /// <summary>Gets the number of logical processors the process may use.</summary>
    public int ProcessorCount { get; internal init; }

    /// <summary>Gets the number of <see cref="float"/> lanes in <c>Vector&lt;float&gt;</c> (8 with AVX2, 16 with AVX-512).</summary>
    public int VectorFloatCount { get; internal init; }

    /// <summary>Gets the SIMD instruction sets the .NET JIT may use, for example <c>AVX2</c>, <c>AVX-512F</c>, <c>AdvSimd</c>.</summary>
    public IReadOnlyList<string> InstructionSets { get; internal init; } = [];

    /// <summary>Gets the operating system description, for example <c>Debian GNU/Linux 12 (bookworm)</c>.</summary>
    public string OperatingSystem { get; internal init; } = "";

    /// <summary>Gets the process architecture.</summary>
    public Architecture ProcessArchitecture { get; internal init; }

    /// <summary>Gets the .NET runtime description, for example <c>.NET 10.0.0</c>.</summary>
    public string DotNetVersion { get; internal init; } = "";

    /// <summary>Formats the description as a few lines of text.</summary>
    /// <returns>The description, one fact per line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"MusicAI.Sdk {SdkVersion}, ONNX Runtime {OnnxRuntimeVersion ?? "(not loaded)"}, {DotNetVersion}").AppendLine();
        text.Append(invariant, $"OS: {OperatingSystem} ({ProcessArchitecture}), {ProcessorCount} logical processors").AppendLine();
        text.Append(invariant, $"SIMD: Vector<float> has {VectorFloatCount} lanes; {(InstructionSets.Count == 0 ? "no SIMD instruction sets" : string.Join(", ", InstructionSets))}").AppendLine();
        text.Append(invariant, $"Available providers: {(AvailableProviders.Count == 0 ? "(none)" : string.Join(", ", AvailableProviders))}").AppendLine();
        text.Append(invariant, $"Requested: {string.Join(" > ", RequestedProviders)}{(RequireAccelerator ? " (accelerator required)" : "")}").AppendLine();
        text.Append(invariant, $"Selected: {(SelectedProvider is { } selected ? $"{selected} (device {DeviceId})" : "none: " + SelectionError)}").AppendLine();
        foreach (var (provider, reason) in SkippedProviders)
        {
            text.Append(invariant, $"  {provider}: {reason}").AppendLine();
        }

        text.Append(invariant, $"Threads: intra-op {Threads(IntraOpThreads)}, inter-op {Threads(InterOpThreads)}");
        return text.ToString();
    }

    private static string Threads(int count) =>
        count == 0 ? "runtime default" : count.ToString(CultureInfo.InvariantCulture);
}
