using System.Globalization;

namespace MusicAI.Sdk.Runtime;

/// <summary>
/// The outcome of <see cref="MusicAIRuntime.RunSelfTest"/>: a tiny model embedded in the SDK was loaded and run on the
/// selected execution provider and its output compared with values computed independently in C#.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class SelfTestResult
{
    internal SelfTestResult(ExecutionProvider provider, TimeSpan elapsed, bool passed, double maxAbsoluteError)
    {
        Provider = provider;
        Elapsed = elapsed;
        Passed = passed;
        MaxAbsoluteError = maxAbsoluteError;
    }

    /// <summary>Gets the execution provider the model ran on.</summary>
    public ExecutionProvider Provider { get; }

    /// <summary>Gets the time to create the session and run the model once.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>Gets a value indicating whether the output matched the expected values within 1e-5.</summary>
    public bool Passed { get; }

    /// <summary>Gets the largest absolute difference between the output and the expected values.</summary>
    public double MaxAbsoluteError { get; }

    /// <summary>Formats as <c>passed on Cpu in 4.2 ms (max abs error 0)</c>.</summary>
    /// <returns>A one-line summary.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{(Passed ? "passed" : "FAILED")} on {Provider} in {Elapsed.TotalMilliseconds:F1} ms (max abs error {MaxAbsoluteError:G3})");
}
