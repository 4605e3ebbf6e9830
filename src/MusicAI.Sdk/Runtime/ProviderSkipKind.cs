namespace MusicAI.Sdk.Runtime;

/// <summary>Why an execution provider was not used.</summary>
internal enum ProviderSkipKind
{
    /// <summary>The provider is not in <see cref="MusicAIOptions.ExecutionProviders"/>.</summary>
    NotRequested = 0,

    /// <summary>A provider earlier in the preference order was selected first.</summary>
    NotTried = 1,

    /// <summary>The provider cannot run on this operating system.</summary>
    UnsupportedOperatingSystem = 2,

    /// <summary>The loaded ONNX Runtime does not contain the provider (wrong runtime package).</summary>
    NotInRuntimePackage = 3,

    /// <summary>The runtime contains the provider but appending it to the session options failed.</summary>
    AppendFailed = 4,

    /// <summary>The CPU is excluded because <see cref="MusicAIOptions.RequireAccelerator"/> is set.</summary>
    ForbiddenByRequireAccelerator = 5,

    /// <summary>The ONNX Runtime native library itself could not be loaded.</summary>
    RuntimeNotLoaded = 6,
}
