using System.Text.Json;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Captioning.Neural;
using MusicAI.Sdk.Tests.Captioning.Neural;

namespace MusicAI.Sdk.Tests.Captioning;

/// <summary>The captioner's opt-in neural paths: CLAP zero-shot tags (tiny same-signature towers) and basic-pitch melody (real model).</summary>
public sealed class CaptionerNeuralTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ZeroShotTagging_ScoresEachDefaultSetOnItsOwn_AndAppearsInTheJson()
    {
        await using var host = new OfflineCpuClient();
        var captioner = new Captioner(new CaptionerOptions { ZeroShotTagging = true, ClapModel = ClapFixtures.Folder }, host.Client);
        using var audio = SyntheticMusic.Mono(SyntheticMusic.Chords(57, minor: true, [1, 4, 5, 1], 1.0, 6.0), 22050);

        var description = await captioner.AnalyzeAsync(audio, cancellationToken: Ct);

        var tags = Assert.IsAssignableFrom<IReadOnlyList<ZeroShotTag>>(description.ZeroShotTags);
        Assert.Equal(ZeroShotLabels.Genres.Count + ZeroShotLabels.Moods.Count + ZeroShotLabels.Instruments.Count, tags.Count);
        foreach (var set in new[] { ZeroShotLabels.Genres, ZeroShotLabels.Moods, ZeroShotLabels.Instruments })
        {
            var scored = tags.Where(t => set.Contains(t.Label)).ToList();
            Assert.Equal(set.Count, scored.Count);
            Assert.Equal(1.0, scored.Sum(t => t.Score), 3);
            Assert.Equal(scored.OrderByDescending(t => t.Score).Select(t => t.Label), scored.Select(t => t.Label));
        }

        // The same scores as the embedder gives directly for that set.
        var embedder = host.Embedder(ClapFixtures.Folder);
        var direct = await embedder.TagAsync(audio, ZeroShotLabels.Moods, cancellationToken: Ct);
        Assert.Equal(direct.Select(t => (t.Label, t.Score)), tags.Where(t => ZeroShotLabels.Moods.Contains(t.Label)).Select(t => (t.Label, t.Score)));

        using var json = JsonDocument.Parse(description.ToJson());
        Assert.Equal(tags.Count, json.RootElement.GetProperty("zero_shot_tags").GetArrayLength());
    }

    [Fact]
    public async Task ZeroShotTagging_WithUserLabels_ScoresThoseAgainstEachOther()
    {
        await using var host = new OfflineCpuClient();
        string[] labels = ["boss battle", "lullaby", "elevator music"];
        var captioner = new Captioner(new CaptionerOptions { ZeroShotTagging = true, ClapModel = ClapFixtures.Folder, ZeroShotLabels = labels }, host.Client);
        using var audio = SyntheticMusic.Mono(SyntheticMusic.ClickTrack(120, 4.0), 22050);

        var description = await captioner.AnalyzeAsync(audio, cancellationToken: Ct);

        var tags = description.ZeroShotTags!;
        Assert.Equal(labels.Order(), tags.Select(t => t.Label).Order());
        Assert.Equal(1.0, tags.Sum(t => t.Score), 3);
    }

    [Fact]
    public async Task ZeroShotTagging_OfAFile_EmbedsItsFirstTenSeconds_LikeTheBuffer()
    {
        await using var host = new OfflineCpuClient();
        var captioner = new Captioner(new CaptionerOptions { ZeroShotTagging = true, ClapModel = ClapFixtures.Folder }, host.Client);
        var samples = SyntheticMusic.Mix(
            SyntheticMusic.Chords(60, minor: false, [1, 5, 6, 4], 1.5, 14.0, sampleRate: 48000),
            SyntheticMusic.ClickTrack(96, 14.0, sampleRate: 48000));
        using var audio = SyntheticMusic.Mono(samples, 48000);
        var path = Path.Combine(host.CachePath, "clip.wav");
        await audio.SaveWavAsync(path, Ct);

        var fromFile = await captioner.AnalyzeAsync(path, cancellationToken: Ct);
        var fromBuffer = await captioner.AnalyzeAsync(audio, cancellationToken: Ct);

        Assert.Equal(
            fromBuffer.ZeroShotTags!.Select(t => (t.Label, t.Score)),
            fromFile.ZeroShotTags!.Select(t => (t.Label, t.Score)));
    }

    [Fact]
    public async Task Melody_IsTheBasicPitchTranscription()
    {
        var model = BasicPitchFixtures.RequireModel();
        await using var host = new OfflineCpuClient();
        var captioner = new Captioner(new CaptionerOptions { Melody = true, MelodyModel = model }, host.Client);
        using var audio = SyntheticMusic.Mono(SyntheticMusic.Concat(
            SyntheticMusic.Sine(SyntheticMusic.Frequency(69), -12, 0.5, 22050),
            SyntheticMusic.Sine(SyntheticMusic.Frequency(72), -12, 0.5, 22050),
            SyntheticMusic.Sine(SyntheticMusic.Frequency(76), -12, 0.5, 22050)));

        var description = await captioner.AnalyzeAsync(audio, cancellationToken: Ct);
        var direct = await host.Transcriber(model).TranscribeAsync(audio, cancellationToken: Ct);

        var melody = Assert.IsAssignableFrom<IReadOnlyList<TranscribedNote>>(description.Melody);
        Assert.Equal(direct.Notes, melody);
        Assert.Equal([69, 72, 76], melody.Select(n => n.Pitch).Distinct().Order());
        using var json = JsonDocument.Parse(description.ToJson());
        Assert.Equal(melody.Count, json.RootElement.GetProperty("melody").GetArrayLength());
    }

    [Fact]
    public async Task NeuralPathsAreOff_ByDefault()
    {
        await using var host = new OfflineCpuClient();
        using var audio = SyntheticMusic.Mono(SyntheticMusic.ClickTrack(100, 3.0), 22050);

        var description = await new Captioner(new CaptionerOptions(), host.Client).AnalyzeAsync(audio, cancellationToken: Ct);

        Assert.Null(description.ZeroShotTags);
        Assert.Null(description.Melody);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void NeuralOptions_WithoutARuntime_AreRejectedAtConstruction(bool zeroShot, bool melody)
    {
        var error = Assert.Throws<ArgumentException>(() => new Captioner(new CaptionerOptions { ZeroShotTagging = zeroShot, Melody = melody }));
        Assert.Contains("new Captioner(options, client)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyUserLabels_AreRejected() =>
        Assert.Throws<ArgumentException>(() => new CaptionerOptions { ZeroShotLabels = [] }.Validate());

    [Fact]
    public async Task MissingModelOffline_IsAModelNotFoundError()
    {
        await using var host = new OfflineCpuClient();
        var captioner = new Captioner(new CaptionerOptions { ZeroShotTagging = true }, host.Client);
        using var audio = SyntheticMusic.Mono(SyntheticMusic.ClickTrack(100, 2.0), 22050);

        await Assert.ThrowsAsync<Sdk.Diagnostics.ModelNotFoundException>(() => captioner.AnalyzeAsync(audio, cancellationToken: Ct));
    }
}
