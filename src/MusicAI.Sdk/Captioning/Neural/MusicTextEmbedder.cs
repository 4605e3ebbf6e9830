using System.Numerics.Tensors;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;

namespace MusicAI.Sdk.Captioning.Neural;

/// <summary>
/// Puts music and text in one embedding space with CLAP (LAION's contrastive language-audio model): embeddings for
/// text-to-music search, and zero-shot tags (genre, mood, instruments or any labels you choose).
/// </summary>
/// <remarks>
/// <para>The model is a folder (or catalog entry) with the two towers of Xenova's ONNX export and the RoBERTa
/// tokenizer: <c>audio_model.onnx</c>, <c>text_model.onnx</c>, <c>vocab.json</c>, <c>merges.txt</c>. The default,
/// <see cref="KnownModels.ClapHtsatUnfused"/>, is about 620 MB: fetch it ahead of time with
/// <c>musicai models pull clap-htsat-unfused</c> (or <see cref="ModelStore.PullAsync"/> with progress); each tower's
/// session is created on first use and shared through the <see cref="MusicAIRuntime"/>.</para>
/// <para>Audio is mixed to mono, resampled to 48 kHz and cut to its first 10 s (shorter clips are repeated to fill
/// 10 s): embed other parts with <see cref="AudioBuffer.Slice"/>. Embeddings have unit length, so the cosine
/// similarity is their dot product (<see cref="Similarity"/>).</para>
/// <para>Thread-safe: one instance serves any number of concurrent calls. It owns nothing: the runtime owns the
/// sessions and the store the files.</para>
/// </remarks>
/// <example>
/// <code>
/// var clap = new MusicTextEmbedder(client.Runtime, client.Models);
/// var genre = (await clap.TagAsync(song, ZeroShotLabels.Genres))[0];          // best genre first
/// var query = await clap.EmbedTextAsync("calm piano with rain");
/// var score = MusicTextEmbedder.Similarity(query, await clap.EmbedAudioAsync(song));
/// </code>
/// </example>
public sealed class MusicTextEmbedder
{
    private const string AudioFileName = "audio_model.onnx";
    private const string TextFileName = "text_model.onnx";
    private const string VocabularyFileName = "vocab.json";
    private const string MergesFileName = "merges.txt";

    private readonly NeuralModelSource _source;
    private LoadedTokenizer? _tokenizer;

    /// <summary>Creates an embedder.</summary>
    /// <param name="runtime">Runs the towers (provider selection, shared sessions).</param>
    /// <param name="models">Resolves <paramref name="model"/> to local files.</param>
    /// <param name="model">
    /// A catalog id, or a folder holding <c>audio_model.onnx</c>, <c>text_model.onnx</c>, <c>vocab.json</c> and
    /// <c>merges.txt</c>. Default <c>clap-htsat-unfused</c>.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="runtime"/> or <paramref name="models"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="model"/> is empty.</exception>
    public MusicTextEmbedder(MusicAIRuntime runtime, ModelStore models, string model = "clap-htsat-unfused")
    {
        _source = new NeuralModelSource(runtime, models, model);
    }

    /// <summary>Gets the model id or folder this embedder loads.</summary>
    public string Model => _source.Model;

    /// <summary>The cosine similarity of two embeddings, −1 to 1 (0 when either is all zeros).</summary>
    /// <param name="first">An embedding.</param>
    /// <param name="second">An embedding of the same length.</param>
    /// <returns>The cosine of the angle between them; for this class's unit-length embeddings, their dot product.</returns>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static float Similarity(ReadOnlySpan<float> first, ReadOnlySpan<float> second)
    {
        if (first.Length != second.Length)
        {
            throw new ArgumentException($"The embeddings have different lengths ({first.Length} and {second.Length}).", nameof(second));
        }

        var norms = TensorPrimitives.Norm(first) * TensorPrimitives.Norm(second);
        return norms > 0 ? TensorPrimitives.Dot(first, second) / norms : 0f;
    }

    /// <summary>Embeds a recording (its first 10 s).</summary>
    /// <param name="audio">Any sample rate and channel count.</param>
    /// <param name="cancellationToken">Cancels loading and inference.</param>
    /// <returns>A unit-length embedding (512 values for the LAION models).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> is null.</exception>
    /// <exception cref="ModelNotFoundException">The model files are missing (offline, or an incomplete folder).</exception>
    /// <exception cref="ModelDownloadException">Downloading the model failed.</exception>
    /// <exception cref="ModelLoadException">A tower or the tokenizer could not be loaded.</exception>
    /// <exception cref="ModelContractException">A tower does not have the CLAP inputs and outputs.</exception>
    /// <exception cref="InferenceException">Inference failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<float[]> EmbedAudioAsync(AudioBuffer audio, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var engine = await LoadAsync(audio: true, text: false, cancellationToken).ConfigureAwait(false);
        using var mono = ToModelInput(audio);
        return engine.EmbedAudio(mono.GetChannel(0), cancellationToken);
    }

    /// <summary>Embeds a text (a search query, a description); texts longer than 510 tokens are truncated.</summary>
    /// <param name="text">Any text.</param>
    /// <param name="cancellationToken">Cancels loading and inference.</param>
    /// <returns>A unit-length embedding comparable with <see cref="EmbedAudioAsync"/>'s.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ModelNotFoundException">The model files are missing (offline, or an incomplete folder).</exception>
    /// <exception cref="ModelDownloadException">Downloading the model failed.</exception>
    /// <exception cref="ModelLoadException">A tower or the tokenizer could not be loaded.</exception>
    /// <exception cref="ModelContractException">A tower does not have the CLAP inputs and outputs.</exception>
    /// <exception cref="InferenceException">Inference failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<float[]> EmbedTextAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var engine = await LoadAsync(audio: false, text: true, cancellationToken).ConfigureAwait(false);
        return engine.EmbedTexts([text], cancellationToken)[0];
    }

    /// <summary>Scores labels against a recording (zero-shot classification).</summary>
    /// <param name="audio">Any sample rate and channel count; its first 10 s are used.</param>
    /// <param name="labels">The candidates, for example <see cref="ZeroShotLabels.Genres"/>; at least one, none empty.</param>
    /// <param name="options">Prompt template and logit scale; <see langword="null"/> uses <see cref="ZeroShotOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels loading and inference.</param>
    /// <returns>Every label with its score and similarity, best first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audio"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">No labels, an empty label, or a template without <c>{label}</c>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The logit scale is not positive.</exception>
    /// <exception cref="ModelNotFoundException">The model files are missing (offline, or an incomplete folder).</exception>
    /// <exception cref="ModelDownloadException">Downloading the model failed.</exception>
    /// <exception cref="ModelLoadException">A tower or the tokenizer could not be loaded.</exception>
    /// <exception cref="ModelContractException">A tower does not have the CLAP inputs and outputs.</exception>
    /// <exception cref="InferenceException">Inference failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ZeroShotTag>> TagAsync(
        AudioBuffer audio,
        IEnumerable<string> labels,
        ZeroShotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio);
        var (list, settings) = Validate(labels, options);
        var embedding = await EmbedAudioAsync(audio, cancellationToken).ConfigureAwait(false);
        return await ScoreCoreAsync(embedding, list, settings, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Scores labels against an audio embedding from <see cref="EmbedAudioAsync"/> (embed once, score several label
    /// sets).
    /// </summary>
    /// <param name="audioEmbedding">An embedding from <see cref="EmbedAudioAsync"/>.</param>
    /// <param name="labels">The candidates; at least one, none empty.</param>
    /// <param name="options">Prompt template and logit scale; <see langword="null"/> uses <see cref="ZeroShotOptions.Default"/>.</param>
    /// <param name="cancellationToken">Cancels loading and inference.</param>
    /// <returns>Every label with its score and similarity, best first.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audioEmbedding"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">No labels, an empty label, a template without <c>{label}</c>, or an embedding of the wrong length.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The logit scale is not positive.</exception>
    /// <exception cref="ModelNotFoundException">The model files are missing (offline, or an incomplete folder).</exception>
    /// <exception cref="ModelDownloadException">Downloading the model failed.</exception>
    /// <exception cref="ModelLoadException">The text tower or the tokenizer could not be loaded.</exception>
    /// <exception cref="ModelContractException">The text tower does not have the CLAP inputs and outputs.</exception>
    /// <exception cref="InferenceException">Inference failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<IReadOnlyList<ZeroShotTag>> ScoreLabelsAsync(
        float[] audioEmbedding,
        IEnumerable<string> labels,
        ZeroShotOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioEmbedding);
        var (list, settings) = Validate(labels, options);
        return ScoreCoreAsync(audioEmbedding, list, settings, cancellationToken);
    }

    /// <summary>
    /// Mono 48 kHz audio for the audio tower: only the first 10.1 s are converted when the recording is longer (the
    /// tower sees the first 10 s; the extra 0.1 s covers the resampling filter, so the result equals converting it all).
    /// </summary>
    internal static AudioBuffer ToModelInput(AudioBuffer audio)
    {
        var needed = (int)Math.Min(int.MaxValue, Math.Ceiling(audio.SampleRate * (((double)ClapFeatureExtractor.MaxSamples / ClapFeatureExtractor.SampleRate) + 0.1)));
        using var head = audio.FrameCount > needed ? audio.Slice(0, needed) : null;
        return ModelAudio.ToMono(head ?? audio, ClapFeatureExtractor.SampleRate);
    }

    private static (string[] Labels, ZeroShotOptions Options) Validate(IEnumerable<string> labels, ZeroShotOptions? options)
    {
        ArgumentNullException.ThrowIfNull(labels);
        options ??= ZeroShotOptions.Default;
        options.ThrowIfInvalid();
        var list = labels.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("Give at least one label (for example ZeroShotLabels.Genres).", nameof(labels));
        }

        if (list.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A label is null or empty.", nameof(labels));
        }

        return (list, options);
    }

    private async Task<IReadOnlyList<ZeroShotTag>> ScoreCoreAsync(float[] audioEmbedding, string[] labels, ZeroShotOptions options, CancellationToken cancellationToken)
    {
        var engine = await LoadAsync(audio: false, text: true, cancellationToken).ConfigureAwait(false);
        var prompts = Array.ConvertAll(labels, options.Prompt);
        var texts = engine.EmbedTexts(prompts, cancellationToken);
        if (texts[0].Length != audioEmbedding.Length)
        {
            throw new ArgumentException($"The audio embedding has {audioEmbedding.Length} values; this model's embeddings have {texts[0].Length}.", nameof(audioEmbedding));
        }

        var similarities = new double[labels.Length];
        var max = double.NegativeInfinity;
        for (var i = 0; i < labels.Length; i++)
        {
            similarities[i] = Similarity(audioEmbedding, texts[i]);
            max = Math.Max(max, options.LogitScale * similarities[i]);
        }

        var sum = 0.0;
        var exponentials = new double[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            exponentials[i] = Math.Exp((options.LogitScale * similarities[i]) - max);
            sum += exponentials[i];
        }

        var tags = new ZeroShotTag[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            tags[i] = new ZeroShotTag(labels[i], (float)(exponentials[i] / sum), (float)similarities[i]);
        }

        // Stable: equal scores keep the caller's label order.
        return Array.AsReadOnly(tags.OrderByDescending(t => t.Score).ToArray());
    }

    private async Task<ClapEngine> LoadAsync(bool audio, bool text, CancellationToken cancellationToken)
    {
        var (id, files) = await ResolveFilesAsync(cancellationToken).ConfigureAwait(false);
        var audioModel = audio ? _source.GetSession(files[AudioFileName], id + "/" + AudioFileName) : null;
        var textModel = text ? _source.GetSession(files[TextFileName], id + "/" + TextFileName) : null;
        var tokenizer = text ? GetTokenizer(files[VocabularyFileName], files[MergesFileName], id) : null;
        return new ClapEngine(audioModel, textModel, tokenizer);
    }

    private ClapTokenizer GetTokenizer(string vocabularyPath, string mergesPath, string id)
    {
        if (Volatile.Read(ref _tokenizer) is { } cached && cached.VocabularyPath == vocabularyPath && cached.MergesPath == mergesPath)
        {
            return cached.Tokenizer;
        }

        // Loading twice under a race is harmless: the tokenizer is immutable and the last one wins the cache.
        var loaded = new LoadedTokenizer(vocabularyPath, mergesPath, ClapTokenizer.Load(vocabularyPath, mergesPath, id));
        Volatile.Write(ref _tokenizer, loaded);
        return loaded.Tokenizer;
    }

    private async Task<(string Id, Dictionary<string, string> Files)> ResolveFilesAsync(CancellationToken cancellationToken)
    {
        string id;
        IEnumerable<string> paths;
        if (Directory.Exists(Model))
        {
            var folder = Path.GetFullPath(Model);
            id = Path.GetFileName(folder.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
            paths = Directory.EnumerateFiles(folder);
        }
        else
        {
            var resolved = await _source.ResolveAsync(progress: null, cancellationToken).ConfigureAwait(false);
            if (resolved.Manifest is null)
            {
                throw new ModelNotFoundException(
                    $"'{Model}' is a single file, but CLAP needs four: give a folder holding {AudioFileName}, {TextFileName}, {VocabularyFileName} and {MergesFileName}, or the catalog id clap-htsat-unfused.",
                    modelPath: Model);
            }

            id = resolved.Id;
            paths = resolved.FilePaths;
        }

        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            files[Path.GetFileName(path)] = path;
        }

        string[] required = [AudioFileName, TextFileName, VocabularyFileName, MergesFileName];
        var missing = required.Where(name => !files.ContainsKey(name)).ToArray();
        if (missing.Length > 0)
        {
            throw new ModelNotFoundException(
                $"CLAP model '{Model}' lacks {string.Join(", ", missing)}: a CLAP model is {string.Join(", ", required)} together (Xenova's ONNX export with its RoBERTa tokenizer files).",
                id,
                Model);
        }

        return (id, files);
    }

    private sealed record LoadedTokenizer(string VocabularyPath, string MergesPath, ClapTokenizer Tokenizer);
}
