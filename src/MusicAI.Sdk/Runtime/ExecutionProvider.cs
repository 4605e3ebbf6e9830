namespace MusicAI.Sdk.Runtime;

/// <summary>
/// An ONNX Runtime execution provider the SDK can run models on.
/// </summary>
/// <remarks>
/// Which providers exist depends on the runtime package the application references: <c>MusicAI.Sdk.Runtime.Cpu</c>
/// offers <see cref="Cpu"/> only, <c>MusicAI.Sdk.Runtime.Cuda</c> adds <see cref="Cuda"/> and
/// <c>MusicAI.Sdk.Runtime.DirectML</c> adds <see cref="DirectML"/>.
/// </remarks>
public enum ExecutionProvider
{
    /// <summary>The CPU provider, present in every runtime package.</summary>
    Cpu = 0,

    /// <summary>NVIDIA CUDA (package <c>MusicAI.Sdk.Runtime.Cuda</c>; needs a CUDA 12 driver and cuDNN 9).</summary>
    Cuda = 1,

    /// <summary>DirectML on Windows (package <c>MusicAI.Sdk.Runtime.DirectML</c>).</summary>
    DirectML = 2,
}
