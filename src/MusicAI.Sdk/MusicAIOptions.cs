using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk;

/// <summary>
/// Options shared by every MusicAI.Sdk service: where models live, which execution providers to prefer, threading
/// and download limits.
/// </summary>
/// <remarks>
/// Options are validated when they are registered (<c>services.AddMusicAI(...)</c> or
/// <c>MusicAIClient.Create(...)</c>), and every problem is reported at once.
/// </remarks>
public sealed class MusicAIOptions
{
    /// <summary>The default download size cap: 4 GiB per file.</summary>
    public const long DefaultMaxDownloadBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>
    /// Gets or sets the model cache directory.
    /// </summary>
    /// <remarks>
    /// Default <see langword="null"/>: the <c>MUSICAI_MODELS</c> environment variable when set, otherwise
    /// <c>musicai/models</c> under the user's local application data folder.
    /// </remarks>
    public string? ModelDirectory { get; set; }

    /// <summary>
    /// Gets or sets the execution providers in order of preference.
    /// </summary>
    /// <remarks>
    /// Default <c>[Cuda, DirectML, Cpu]</c>. The first one that runs on this operating system, is in the loaded ONNX
    /// Runtime (the runtime package decides) and can be appended is used; each skipped provider is logged with its
    /// reason and listed by <see cref="Runtime.MusicAIRuntime.Describe"/>. The list is also what you allow: without
    /// <see cref="ExecutionProvider.Cpu"/> in it, loading a model fails with
    /// <see cref="Diagnostics.ExecutionProviderUnavailableException"/> when no listed accelerator can be used.
    /// </remarks>
    public IList<ExecutionProvider> ExecutionProviders { get; set; } =
        [ExecutionProvider.Cuda, ExecutionProvider.DirectML, ExecutionProvider.Cpu];

    /// <summary>Gets or sets the GPU device index for CUDA and DirectML. Default 0.</summary>
    public int DeviceId { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether falling back to the CPU is an error.
    /// </summary>
    /// <remarks>
    /// Default <see langword="false"/>. When <see langword="true"/> and no accelerator can be used, creating a
    /// session throws <see cref="Diagnostics.ExecutionProviderUnavailableException"/> naming the package to install,
    /// and accelerated sessions are created with <c>session.disable_cpu_ep_fallback</c>, so a model whose operators
    /// the accelerator cannot run fails to load instead of running partly on the CPU.
    /// </remarks>
    public bool RequireAccelerator { get; set; }

    /// <summary>Gets or sets the threads ONNX Runtime uses inside one operator. Default 0 (the runtime's choice).</summary>
    public int IntraOpThreads { get; set; }

    /// <summary>Gets or sets the threads ONNX Runtime uses across operators. Default 0 (the runtime's choice).</summary>
    /// <remarks>A value above 0 also switches sessions to parallel execution, the only mode that uses these threads (not on DirectML).</remarks>
    public int InterOpThreads { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether downloads are forbidden.
    /// </summary>
    /// <remarks>Default <see langword="false"/>. Offline, a model whose files are not in the cache is an error.</remarks>
    public bool Offline { get; set; }

    /// <summary>Gets or sets the largest model file the store will download, in bytes. Default 4 GiB.</summary>
    public long MaxDownloadBytes { get; set; } = DefaultMaxDownloadBytes;

    /// <summary>
    /// Gets or sets the HTTP client used for model downloads.
    /// </summary>
    /// <remarks>Default <see langword="null"/>: the store creates and owns one.</remarks>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Returns every problem with these options, or an empty list when they are valid.
    /// </summary>
    /// <returns>One sentence per problem, each saying what to change.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (ModelDirectory is not null)
        {
            if (string.IsNullOrWhiteSpace(ModelDirectory))
            {
                errors.Add("ModelDirectory is blank: set it to a folder path, or leave it null to use MUSICAI_MODELS or the default cache.");
            }
            else if (ModelDirectory.AsSpan().IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
            {
                errors.Add($"ModelDirectory '{ModelDirectory}' contains characters that are not valid in a path.");
            }
            else if (Offline && !Directory.Exists(ModelDirectory))
            {
                errors.Add($"Offline is true but ModelDirectory '{ModelDirectory}' does not exist: create it and put the model files there, or turn Offline off.");
            }
        }

        if (ExecutionProviders is null || ExecutionProviders.Count == 0)
        {
            errors.Add("ExecutionProviders is empty: list at least one provider, for example [Cpu].");
        }
        else
        {
            foreach (var provider in ExecutionProviders)
            {
                if (!Enum.IsDefined(provider))
                {
                    errors.Add($"ExecutionProviders contains an unknown value {(int)provider}: use Cuda, DirectML or Cpu.");
                }
            }

            if (ExecutionProviders.Distinct().Count() != ExecutionProviders.Count)
            {
                errors.Add("ExecutionProviders lists a provider twice: list each provider once, in order of preference.");
            }

            if (RequireAccelerator && ExecutionProviders.All(p => p == ExecutionProvider.Cpu))
            {
                errors.Add("RequireAccelerator is true but ExecutionProviders lists only Cpu: add Cuda or DirectML, or turn RequireAccelerator off.");
            }
        }

        if (DeviceId < 0)
        {
            errors.Add($"DeviceId is {DeviceId}: use 0 for the first GPU.");
        }

        if (IntraOpThreads is < 0 or > 1024)
        {
            errors.Add($"IntraOpThreads is {IntraOpThreads}: use 0 (runtime default) or a thread count up to 1024.");
        }

        if (InterOpThreads is < 0 or > 1024)
        {
            errors.Add($"InterOpThreads is {InterOpThreads}: use 0 (runtime default) or a thread count up to 1024.");
        }

        if (MaxDownloadBytes <= 0)
        {
            errors.Add($"MaxDownloadBytes is {MaxDownloadBytes}: use a positive size in bytes (default {DefaultMaxDownloadBytes}).");
        }

        return errors;
    }

    /// <summary>
    /// Throws one <see cref="ArgumentException"/> listing every problem when the options are not valid.
    /// </summary>
    /// <exception cref="ArgumentException">The options are not valid; the message lists each problem.</exception>
    public void ThrowIfInvalid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                $"MusicAIOptions are not valid ({errors.Count} problem{(errors.Count == 1 ? "" : "s")}):" + Environment.NewLine
                + string.Join(Environment.NewLine, errors.Select(e => "  - " + e)));
        }
    }

    /// <summary>Creates a copy of these options, so later changes to this instance do not affect running services.</summary>
    /// <returns>A copy with its own provider list.</returns>
    public MusicAIOptions Clone() => new()
    {
        ModelDirectory = ModelDirectory,
        ExecutionProviders = ExecutionProviders is null ? [] : [.. ExecutionProviders],
        DeviceId = DeviceId,
        RequireAccelerator = RequireAccelerator,
        IntraOpThreads = IntraOpThreads,
        InterOpThreads = InterOpThreads,
        Offline = Offline,
        MaxDownloadBytes = MaxDownloadBytes,
        HttpClient = HttpClient,
    };
}
