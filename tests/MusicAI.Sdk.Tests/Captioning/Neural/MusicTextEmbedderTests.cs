using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning.Neural;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Tests.Audio;
using MusicAI.Sdk.Tests.Runtime;

namespace MusicAI.Sdk.Tests.Captioning.Neural;

/// <summary>
/// The CLAP plumbing end to end with the tiny same-signature towers of capnn_clap.py: features → audio tower,
/// tokenizer → text tower, normalisation, similarities and zero-shot scores, against python running the same modules.
/// </summary>
public sealed class MusicTextEmbedderTests
{
    private const float Tolerance = 1e-4f;

    [Fact]
    public async Task AudioEmbedding_MatchesPython()
    {
        await using var host = new OfflineCpuClient();
        using var expected = ClapFixtures.Expected();
        using var audio = AudioBuffer.FromChannels(48_000, ClapFixtures.Clip);
        var embedder = host.Embedder(ClapFixtures.Folder);

        var embedding = await embedder.EmbedAudioAsync(audio, TestContext.Current.CancellationToken);

        AssertClose(ClapFixtures.Floats(expected.RootElement.GetProperty("audio_embedding")), embedding);
        Assert.Equal(1f, Norm(embedding), 1e-5f);
    }

    [Fact]
    public async Task TextEmbedding_MatchesPython()
    {
        await using var host = new OfflineCpuClient();
        using var expected = ClapFixtures.Expected();
        var embedder = host.Embedder(ClapFixtures.Folder);

        var embedding = await embedder.EmbedTextAsync(expected.RootElement.GetProperty("text").GetString()!, TestContext.Current.CancellationToken);

        AssertClose(ClapFixtures.Floats(expected.RootElement.GetProperty("text_embedding")), embedding);
    }

    [Fact]
    public async Task ZeroShotScores_MatchPython_BestFirst()
    {
        await using var host = new OfflineCpuClient();
        using var expected = ClapFixtures.Expected();
        var root = expected.RootElement;
        var labels = root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray();
        var scores = ClapFixtures.Floats(root.GetProperty("scores"));
        var similarities = ClapFixtures.Floats(root.GetProperty("similarities"));
        var options = new ZeroShotOptions { Template = root.GetProperty("template").GetString()!, LogitScale = root.GetProperty("logit_scale").GetDouble() };
        using var audio = AudioBuffer.FromChannels(48_000, ClapFixtures.Clip);
        var embedder = host.Embedder(ClapFixtures.Folder);

        var tags = await embedder.TagAsync(audio, labels, options, TestContext.Current.CancellationToken);

        Assert.Equal(labels.Length, tags.Count);
        Assert.Equal(1f, tags.Sum(t => t.Score), 1e-5f);
        Assert.True(tags.Zip(tags.Skip(1)).All(p => p.First.Score >= p.Second.Score), "tags are not sorted best first");
        var worstScore = tags.Max(t => Math.Abs(t.Score - scores[Array.IndexOf(labels, t.Label)]));
        var worstSimilarity = tags.Max(t => Math.Abs(t.Similarity - similarities[Array.IndexOf(labels, t.Label)]));
        TestContext.Current.TestOutputHelper?.WriteLine($"max |Δ| score {worstScore:G3}, similarity {worstSimilarity:G3}");
        foreach (var tag in tags)
        {
            var i = Array.IndexOf(labels, tag.Label);
            Assert.Equal(scores[i], tag.Score, Tolerance);
            Assert.Equal(similarities[i], tag.Similarity, Tolerance);
        }

        // Scoring a stored embedding gives the same result as tagging the audio.
        var embedding = await embedder.EmbedAudioAsync(audio, TestContext.Current.CancellationToken);
        var again = await embedder.ScoreLabelsAsync(embedding, labels, options, TestContext.Current.CancellationToken);
        Assert.Equal(tags.Select(t => t.Label), again.Select(t => t.Label));
        Assert.All(tags.Zip(again), p => Assert.Equal(p.First.Score, p.Second.Score, 1e-6f));
    }

    [Fact]
    public async Task BatchedPrompts_EqualOneAtATime_DespitePadding()
    {
        await using var host = new OfflineCpuClient();
        using var expected = ClapFixtures.Expected();
        var root = expected.RootElement;
        var labels = root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToArray();
        var batched = root.GetProperty("label_text_embeddings").EnumerateArray().Select(ClapFixtures.Floats).ToArray();
        var embedder = host.Embedder(ClapFixtures.Folder);

        for (var i = 0; i < labels.Length; i++)
        {
            var single = await embedder.EmbedTextAsync($"This is a sound of {labels[i]}.", TestContext.Current.CancellationToken);
            AssertClose(batched[i], single);
        }
    }

    [Fact]
    public async Task AnyRateAndChannelCount_IsResampledTo48kMono()
    {
        await using var host = new OfflineCpuClient();
        var embedder = host.Embedder(ClapFixtures.Folder);
        using var stereo = AudioBuffer.FromInterleaved(AudioTestHelpers.Signal(44_100, 2, 44_100), 2, 44_100);
        using var silence = AudioBuffer.Create(1, 10, 16_000);

        var embedding = await embedder.EmbedAudioAsync(stereo, TestContext.Current.CancellationToken);
        var quiet = await embedder.EmbedAudioAsync(silence, TestContext.Current.CancellationToken);

        Assert.Equal(512, embedding.Length);
        Assert.Equal(1f, Norm(embedding), 1e-5f);
        Assert.All(quiet, v => Assert.True(float.IsFinite(v)));
        Assert.InRange(MusicTextEmbedder.Similarity(embedding, embedding), 0.99999f, 1.00001f);
    }

    [Fact]
    public void LongRecordings_OnlyTheirHeadIsConverted_WithTheSameFeatures()
    {
        using var song = AudioBuffer.FromInterleaved(AudioTestHelpers.Signal(44_100 * 14, 2, 44_100), 2, 44_100);
        using var head = MusicTextEmbedder.ToModelInput(song);
        using var mono = song.ToChannelCount(1);
        using var whole = mono.Resample(48_000);
        var fromHead = new float[ClapFeatureExtractor.FeatureCount];
        var fromWhole = new float[ClapFeatureExtractor.FeatureCount];

        ClapFeatureExtractor.Extract(head.GetChannel(0), fromHead);
        ClapFeatureExtractor.Extract(whole.GetChannel(0), fromWhole);

        Assert.InRange(head.FrameCount, ClapFeatureExtractor.MaxSamples, ClapFeatureExtractor.MaxSamples + 4_900);
        Assert.Equal(fromWhole, fromHead);
    }

    [Fact]
    public async Task BadArguments_AndIncompleteModels_FailClearly()
    {
        await using var host = new OfflineCpuClient();
        using var audio = AudioBuffer.FromChannels(48_000, ClapFixtures.Clip);
        var embedder = host.Embedder(ClapFixtures.Folder);
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<ArgumentException>(() => embedder.TagAsync(audio, [], cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => embedder.TagAsync(audio, ["jazz", " "], cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => embedder.TagAsync(audio, ["jazz"], new ZeroShotOptions { Template = "no placeholder" }, ct));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => embedder.TagAsync(audio, ["jazz"], new ZeroShotOptions { LogitScale = 0 }, ct));
        await Assert.ThrowsAsync<ArgumentException>(() => embedder.ScoreLabelsAsync(new float[3], ["jazz"], cancellationToken: ct));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => embedder.EmbedAudioAsync(audio, new CancellationToken(canceled: true)));
        Assert.Throws<ArgumentException>(() => MusicTextEmbedder.Similarity(new float[2], new float[3]));
        Assert.Equal(0f, MusicTextEmbedder.Similarity(new float[4], [1, 0, 0, 0]));

        using var incomplete = new TemporaryDirectory();
        ClapFixtures.CopyWithout(incomplete.Path, "merges.txt");
        var partial = host.Embedder(incomplete.Path);
        var missing = await Assert.ThrowsAsync<ModelNotFoundException>(() => partial.EmbedTextAsync("jazz", ct));
        Assert.Contains("merges.txt", missing.Message, StringComparison.Ordinal);

        var singleFile = host.Embedder(Path.Combine(ClapFixtures.Folder, "audio_model.onnx"));
        await Assert.ThrowsAsync<ModelNotFoundException>(() => singleFile.EmbedAudioAsync(audio, ct));

        using var swapped = new TemporaryDirectory();
        ClapFixtures.CopyWithout(swapped.Path, "audio_model.onnx");
        File.Copy(OnnxFixtures.Path("affine.onnx"), Path.Combine(swapped.Path, "audio_model.onnx"));
        var wrong = host.Embedder(swapped.Path);
        await Assert.ThrowsAsync<ModelContractException>(() => wrong.EmbedAudioAsync(audio, ct));

        // The catalog model is not in this empty offline cache.
        var catalog = new MusicTextEmbedder(host.Client.Runtime, host.Client.Models);
        await Assert.ThrowsAsync<ModelNotFoundException>(() => catalog.EmbedTextAsync("jazz", ct));
    }

    [Fact]
    public async Task RealClap_WhenMusicAITestModelsHoldsIt_EmbedsAndTags()
    {
        var root = Environment.GetEnvironmentVariable("MUSICAI_TEST_MODELS");
        var folder = root is null ? null : Path.Combine(root, KnownModels.ClapHtsatUnfused.Id);
        if (folder is null || !KnownModels.ClapHtsatUnfused.Files.All(f => File.Exists(Path.Combine(folder, f.Name))))
        {
            Assert.Skip("Set MUSICAI_TEST_MODELS to a folder with clap-htsat-unfused/{audio_model.onnx,text_model.onnx,vocab.json,merges.txt} (musicai models pull clap-htsat-unfused --models-dir DIR).");
            return;
        }

        await using var host = new OfflineCpuClient();
        var embedder = host.Embedder(folder);
        var ct = TestContext.Current.CancellationToken;

        var dog = await embedder.EmbedTextAsync("a dog barking", ct);
        var bark = await embedder.EmbedTextAsync("the sound of a barking dog", ct);
        var piano = await embedder.EmbedTextAsync("classical piano music", ct);
        using var audio = AudioBuffer.FromChannels(48_000, ClapFixtures.Clip);
        var tags = await embedder.TagAsync(audio, ZeroShotLabels.Genres, cancellationToken: ct);

        Assert.Equal(512, dog.Length);
        Assert.True(MusicTextEmbedder.Similarity(dog, bark) > MusicTextEmbedder.Similarity(dog, piano), "'a dog barking' should be closer to 'the sound of a barking dog' than to 'classical piano music'.");
        Assert.Equal(ZeroShotLabels.Genres.Count, tags.Count);
        Assert.Equal(1f, tags.Sum(t => t.Score), 1e-4f);
    }

    private static float Norm(float[] vector) => MathF.Sqrt(vector.Sum(v => v * v));

    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var worst = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second));
        TestContext.Current.TestOutputHelper?.WriteLine($"max |Δ| embedding {worst:G3}");
        Assert.True(worst <= Tolerance, $"max |Δ| {worst:G3}");
    }
}
