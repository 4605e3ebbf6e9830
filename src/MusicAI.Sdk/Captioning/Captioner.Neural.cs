using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Neural;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Captioning;

/// <summary>The neural paths of the captioner: CLAP zero-shot tags and basic-pitch melody (both opt-in).</summary>
public sealed partial class Captioner
{
    /// <summary>CLAP embeds the first 10 s; 0.1 s more covers the resampling filter (as <c>MusicTextEmbedder</c> converts).</summary>
    private const double ClapSeconds = 10.1;

    private MusicTextEmbedder? _embedder;
    private MelodyTranscriber? _transcriber;

    /// <summary>
    /// Fills <see cref="CaptionerEnrichment.ZeroShotTags"/> and <see cref="CaptionerEnrichment.Melody"/> when the
    /// options ask for them; does nothing otherwise (the embedded analysis needs no model).
    /// </summary>
    /// <exception cref="ModelNotFoundException">A model is not cached and downloads are off.</exception>
    /// <exception cref="ModelContractException">A model file is not the expected kind.</exception>
    private async Task EnrichAsync(CaptionerEnrichment enrichment, IProgress<ProcessingProgress>? progress)
    {
        var cancellationToken = enrichment.CancellationToken;
        if (Options.ZeroShotTagging)
        {
            using var head = enrichment.Audio is null ? ReadHead(enrichment.Path!, ClapSeconds) : null;
            var embedder = LazyInitializer.EnsureInitialized(ref _embedder, () => new MusicTextEmbedder(Runtime!, Models!, Options.ClapModel));
            var embedding = await embedder.EmbedAudioAsync(head ?? enrichment.Audio!, cancellationToken).ConfigureAwait(false);
            enrichment.ZeroShotTags = await ScoreZeroShotAsync(embedder, embedding, cancellationToken).ConfigureAwait(false);
        }

        if (Options.Melody)
        {
            using var whole = enrichment.Audio is null
                ? await AudioBuffer.LoadAsync(
                    enrichment.Path!,
                    new AudioLoadOptions { SampleRate = BasicPitch.SampleRate, ChannelCount = 1, ReplaceNonFiniteSamples = true },
                    cancellationToken).ConfigureAwait(false)
                : null;
            var transcriber = LazyInitializer.EnsureInitialized(ref _transcriber, () => new MelodyTranscriber(Runtime!, Models!, Options.MelodyModel));
            var transcription = await transcriber.TranscribeAsync(whole ?? enrichment.Audio!, options: null, progress, cancellationToken).ConfigureAwait(false);
            enrichment.Melody = transcription.Notes;
        }
    }

    /// <summary>
    /// Scores the user's labels against each other, or each default set (genres, moods, instruments) on its own
    /// (a softmax across sets would make a genre compete with an instrument); best first within each set.
    /// </summary>
    private async Task<IReadOnlyList<ZeroShotTag>> ScoreZeroShotAsync(MusicTextEmbedder embedder, float[] embedding, CancellationToken cancellationToken)
    {
        if (Options.ZeroShotLabels is { } labels)
        {
            return await embedder.ScoreLabelsAsync(embedding, labels, options: null, cancellationToken).ConfigureAwait(false);
        }

        var tags = new List<ZeroShotTag>();
        foreach (var set in (IReadOnlyList<string>[])[ZeroShotLabels.Genres, ZeroShotLabels.Moods, ZeroShotLabels.Instruments])
        {
            tags.AddRange(await embedder.ScoreLabelsAsync(embedding, set, options: null, cancellationToken).ConfigureAwait(false));
        }

        return tags.AsReadOnly();
    }

    /// <summary>Decodes at most the first <paramref name="seconds"/> of a file (non-finite samples as 0).</summary>
    private static AudioBuffer ReadHead(string path, double seconds)
    {
        using var reader = AudioReader.Open(path, new AudioLoadOptions { ReplaceNonFiniteSamples = true });
        var wanted = (int)Math.Ceiling(seconds * reader.SampleRate);
        if (reader.FrameCount is { } total)
        {
            wanted = (int)Math.Min(wanted, total);
        }

        using var buffer = AudioBuffer.Create(reader.ChannelCount, wanted, reader.SampleRate);
        var read = reader.Read(buffer);
        return buffer.Slice(0, read);
    }
}
