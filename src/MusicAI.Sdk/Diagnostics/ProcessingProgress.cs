namespace MusicAI.Sdk.Diagnostics;

/// <summary>
/// Progress of a long operation, reported through <see cref="IProgress{T}"/>.
/// </summary>
/// <param name="Stage">A short name of the current stage, for example <c>"separate"</c> or <c>"download htdemucs"</c>.</param>
/// <param name="Completed">Units done so far (frames, bytes or chunks; see <paramref name="Stage"/>).</param>
/// <param name="Total">Units in all, or 0 when unknown.</param>
public readonly record struct ProcessingProgress(string Stage, long Completed, long Total)
{
    /// <summary>Gets the completed fraction in [0, 1], or <see langword="null"/> when the total is unknown.</summary>
    public double? Fraction => Total > 0 ? Math.Clamp((double)Completed / Total, 0.0, 1.0) : null;
}
