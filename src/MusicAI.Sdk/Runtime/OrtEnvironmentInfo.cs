using Microsoft.ML.OnnxRuntime;

namespace MusicAI.Sdk.Runtime;

/// <summary>What the loaded ONNX Runtime native library reports about itself, or why it could not be loaded.</summary>
/// <param name="Version">The native library version (for example <c>1.31.0</c>), or <see langword="null"/>.</param>
/// <param name="AvailableProviders">The provider names it was built with.</param>
/// <param name="LoadError">The error raised while loading it, or <see langword="null"/>.</param>
internal sealed record OrtEnvironmentInfo(string? Version, IReadOnlyList<string> AvailableProviders, Exception? LoadError)
{
    /// <summary>Reads the process-wide ONNX Runtime environment, turning a missing native library into <see cref="LoadError"/>.</summary>
    public static OrtEnvironmentInfo Read()
    {
        try
        {
            var environment = OrtEnv.Instance();
            return new OrtEnvironmentInfo(environment.GetVersionString(), environment.GetAvailableProviders(), null);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
            or TypeInitializationException or OnnxRuntimeException)
        {
            return new OrtEnvironmentInfo(null, [], ex is TypeInitializationException { InnerException: { } inner } ? inner : ex);
        }
    }
}
