using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Separation.Pipeline;
using MusicAI.Sdk.Separation.Query;

namespace MusicAI.Sdk.Separation;

/// <summary>
/// Extracts from a mix the part that sounds like an example (few-shot query separation). Created by
/// <see cref="Separator.LikeExample"/>, which learns the example's spectral signature once.
/// </summary>
/// <remarks>
/// <para>Immutable and thread-safe: run it on as many mixes as you like, also concurrently. It holds no audio (only the
/// learnt spectral bases), so the example can be disposed after <see cref="Separator.LikeExample"/> returns.</para>
/// <para>How it works and where it fails (it matches timbre and pitch content: an example that lacks the notes the
/// source plays, or a source whose spectrum resembles others in the mix, separates poorly) is described in
/// <c>docs/separation.md</c>.</para>
/// </remarks>
public sealed class QuerySeparationRequest
{
    private readonly QueryEngine _engine;

    internal QuerySeparationRequest(QueryEngine engine)
    {
        _engine = engine;
    }

    /// <summary>Separates the part of a mix that sounds like the example.</summary>
    /// <param name="audio">The mix, any rate and channel count; it stays owned by the caller.</param>
    /// <param name="progress">Receives <c>separate</c> progress; optional.</param>
    /// <param name="cancellationToken">Cancels between chunks.</param>
    /// <returns>The match and the residual, which sum to the mix; dispose the result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> is null.</exception>
    /// <exception cref="AudioFormatException">The audio contains NaN or infinite samples.</exception>
    public async Task<QuerySeparationResult> SeparateAsync(AudioBuffer audio, IProgress<ProcessingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);

        // The engine's one native stem is the match; the separator derives the residual as mix − match.
        var stems = await SeparationRunner.SeparateAsync(_engine, [Stem.Vocals, Stem.Accompaniment], audio, new SeparationSettings(null), progress, cancellationToken).ConfigureAwait(false);
        return new QuerySeparationResult(stems[0], stems[1]);
    }
}
