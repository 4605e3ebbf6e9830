namespace MusicAI.Sdk.Runtime;

/// <summary>
/// Facts about each <see cref="ExecutionProvider"/>: the name ONNX Runtime reports for it, the runtime package that
/// carries it and the operating systems it runs on.
/// </summary>
internal static class ExecutionProviderInfo
{
    /// <summary>The package id every runtime package shares as prefix.</summary>
    public const string RuntimePackagePrefix = "MusicAI.Sdk.Runtime.";

    /// <summary>Gets the family of the running operating system.</summary>
    public static HostOperatingSystem CurrentOperatingSystem =>
        OperatingSystem.IsWindows() ? HostOperatingSystem.Windows
        : OperatingSystem.IsLinux() ? HostOperatingSystem.Linux
        : OperatingSystem.IsMacOS() ? HostOperatingSystem.MacOS
        : HostOperatingSystem.Other;

    /// <summary>Every provider the SDK knows, in the default preference order.</summary>
    public static IReadOnlyList<ExecutionProvider> All { get; } =
        [ExecutionProvider.Cuda, ExecutionProvider.DirectML, ExecutionProvider.Cpu];

    /// <summary>The name <c>OrtEnv.GetAvailableProviders()</c> reports for <paramref name="provider"/>.</summary>
    public static string OrtName(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cpu => "CPUExecutionProvider",
        ExecutionProvider.Cuda => "CUDAExecutionProvider",
        ExecutionProvider.DirectML => "DmlExecutionProvider",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown execution provider."),
    };

    /// <summary>The runtime package that brings <paramref name="provider"/>, for example <c>MusicAI.Sdk.Runtime.Cuda</c>.</summary>
    public static string PackageId(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cpu => RuntimePackagePrefix + "Cpu",
        ExecutionProvider.Cuda => RuntimePackagePrefix + "Cuda",
        ExecutionProvider.DirectML => RuntimePackagePrefix + "DirectML",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown execution provider."),
    };

    /// <summary>Whether <paramref name="provider"/> can run on <paramref name="os"/> at all.</summary>
    public static bool IsSupportedOn(ExecutionProvider provider, HostOperatingSystem os) => provider switch
    {
        ExecutionProvider.Cpu => true,
        ExecutionProvider.Cuda => os is HostOperatingSystem.Windows or HostOperatingSystem.Linux,
        ExecutionProvider.DirectML => os is HostOperatingSystem.Windows,
        _ => false,
    };

    /// <summary>The operating systems <paramref name="provider"/> runs on, as text for messages.</summary>
    public static string SupportedOperatingSystems(ExecutionProvider provider) => provider switch
    {
        ExecutionProvider.Cuda => "Windows and Linux",
        ExecutionProvider.DirectML => "Windows",
        _ => "every operating system",
    };

    /// <summary>What to check when <paramref name="provider"/> is in the package but could not be appended.</summary>
    public static string AppendFailureAdvice(ExecutionProvider provider, int deviceId) => provider switch
    {
        ExecutionProvider.Cuda =>
            $"check that an NVIDIA GPU with index {deviceId} exists and that its driver, CUDA 12 and cuDNN 9 are installed and on the library path",
        ExecutionProvider.DirectML =>
            $"check that a DirectX 12 GPU with index {deviceId} exists and its driver is up to date",
        _ => "check the ONNX Runtime installation",
    };
}
