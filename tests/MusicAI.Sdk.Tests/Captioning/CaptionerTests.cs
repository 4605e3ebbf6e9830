using System.Text.Json;
using System.Text.RegularExpressions;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Captioning;
using MusicAI.Sdk.Diagnostics;

namespace MusicAI.Sdk.Tests.Captioning;

public sealed partial class CaptionerTests
{
    private static readonly Captioner s_captioner = new();

    /// <summary>A 30 s "song": C-minor-ish cadences with a 4/4 click track at 108 BPM.</summary>
    private static AudioBuffer Song() => SyntheticMusic.Stereo(
        SyntheticMusic.Mix(SyntheticMusic.Chords(0, true, [0, 3, 4, 0], 60 / 108.0 * 4, 30, 44100), SyntheticMusic.ClickTrack(108, 30, sampleRate: 44100)),
        44100);

    [Fact]
    public async Task Song_IsDescribed()
    {
        using var audio = Song();

        var d = await s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(108, d.Tempo.Bpm!.Value, 108 * 0.04);
        Assert.Equal("C minor", d.Key.Name);
        Assert.Equal("C", d.Key.Tonic);
        Assert.Equal(KeyMode.Minor, d.Key.Mode);
        Assert.Equal("4/4", d.Tempo.Meter);
        Assert.Contains("C minor", d.Caption, StringComparison.Ordinal);
        Assert.Contains("108 BPM", d.Caption, StringComparison.Ordinal);
        Assert.Contains("C minor", d.Tags);
        Assert.Contains("minor key", d.Tags);
        Assert.Equal(CaptionStyle.Full, d.Style);
        Assert.Null(d.ZeroShotTags);
        Assert.Null(d.Melody);
        Assert.Null(d.Lyrics);
        Assert.Equal(d.Caption, d.ToString());
    }

    [Fact]
    public async Task Json_HasEveryFieldWithSnakeCaseNamesAndNumericTimes()
    {
        using var audio = Song();
        var d = await s_captioner.WithLyrics("la la love\nla la love\nnight and day").AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        using var json = JsonDocument.Parse(d.ToJson());
        var root = json.RootElement;

        foreach (var name in new[] { "tempo_bpm", "beats", "key", "loudness_lufs", "sections", "vocals", "mood", "tags", "caption", "tempo_confidence", "key_confidence", "loudness_range_lu", "true_peak_dbtp", "downbeats", "meter", "tempo_changes", "dynamics", "spectral", "instrumentation", "lyrics", "zero_shot_tags", "melody", "duration" })
        {
            Assert.True(root.TryGetProperty(name, out _), $"missing {name}");
        }

        Assert.Equal(JsonValueKind.Number, root.GetProperty("tempo_bpm").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("beats")[0].ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("sections")[0].GetProperty("start").ValueKind);
        Assert.Equal("C minor", root.GetProperty("key").GetString());
        Assert.Equal(d.Tempo.Beats.Count, root.GetProperty("beats").GetArrayLength());
        Assert.Contains(root.GetProperty("vocals").GetProperty("present").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.Equal("la la love", root.GetProperty("lyrics").GetProperty("hook").GetString());
        Assert.Equal(2, root.GetProperty("lyrics").GetProperty("repeated_lines")[0].GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("zero_shot_tags").ValueKind);
        AssertSnakeCase(root);
        Assert.DoesNotContain('\n', d.ToJson(indented: false));
    }

    [Fact]
    public async Task Styles_WordTheSameMeasurements()
    {
        using var audio = Song();
        var d = await s_captioner.WithStyle(CaptionStyle.Technical).AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CaptionStyle.Technical, d.Style);
        Assert.Contains("LUFS", d.Caption, StringComparison.Ordinal);
        Assert.Contains("confidence", d.Caption, StringComparison.Ordinal);
        var tagLine = d.ToCaption(CaptionStyle.Short);
        Assert.Contains(" · ", tagLine, StringComparison.Ordinal);
        Assert.Contains("C minor", tagLine, StringComparison.Ordinal);
        Assert.StartsWith("A", d.ToCaption(CaptionStyle.Full), StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_IsAnalysedLikeTheBuffer()
    {
        using var audio = Song();
        using var directory = new TemporaryDirectory();
        var path = Path.Combine(directory.Path, "song.wav");
        await audio.SaveWavAsync(path, TestContext.Current.CancellationToken);

        var fromBuffer = await s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);
        var fromFile = await s_captioner.AnalyzeAsync(path, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(fromBuffer.Caption, fromFile.Caption);
        Assert.Equal(fromBuffer.Tempo.Beats, fromFile.Tempo.Beats);
        Assert.Equal(fromBuffer.Loudness.IntegratedLufs, fromFile.Loudness.IntegratedLufs, 0.01);
    }

    [Fact]
    public async Task Progress_ReachesTheTotal()
    {
        using var audio = Song();
        var reports = new List<ProcessingProgress>();
        var progress = new SynchronousProgress(reports.Add);

        await s_captioner.AnalyzeAsync(audio, progress, TestContext.Current.CancellationToken);

        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal("analyze", r.Stage));
        Assert.Equal(audio.FrameCount, reports[^1].Completed);
        Assert.Equal(audio.FrameCount, reports[^1].Total);
    }

    [Fact]
    public async Task Cancellation_Throws()
    {
        using var audio = Song();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => s_captioner.AnalyzeAsync(audio, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task ConcurrentCalls_GiveIdenticalResults()
    {
        using var audio = Song();

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => s_captioner.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken)));

        Assert.All(results, r => Assert.Equal(results[0].ToJson(), r.ToJson()));
    }

    [Fact]
    public void Requests_AreImmutable()
    {
        var plain = s_captioner.WithStyle(CaptionStyle.Short);
        var withLyrics = plain.WithLyrics("hello");

        Assert.NotSame(plain, withLyrics);
        Assert.Null(plain.Lyrics);
        Assert.Equal("hello", withLyrics.Lyrics);
        Assert.Equal(CaptionStyle.Short, withLyrics.Style);
    }

    [Fact]
    public async Task BadArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => s_captioner.WithLyrics(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => s_captioner.WithStyle((CaptionStyle)42));
        var ct = TestContext.Current.CancellationToken;
        await Assert.ThrowsAsync<ArgumentNullException>(() => s_captioner.AnalyzeAsync((AudioBuffer)null!, cancellationToken: ct));
        await Assert.ThrowsAsync<ArgumentException>(() => s_captioner.AnalyzeAsync("", cancellationToken: ct));
        await Assert.ThrowsAsync<FileNotFoundException>(() => s_captioner.AnalyzeAsync(Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N") + ".wav"), cancellationToken: ct));
        var disposed = Song();
        disposed.Dispose();
        await Assert.ThrowsAsync<ObjectDisposedException>(() => s_captioner.AnalyzeAsync(disposed, cancellationToken: ct));
    }

    [Fact]
    public void Options_AreValidated()
    {
        var error = Assert.Throws<ArgumentException>(() => new Captioner(new CaptionerOptions { ClaimThreshold = 1.5, DefaultStyle = (CaptionStyle)9 }));

        Assert.Contains("ClaimThreshold", error.Message, StringComparison.Ordinal);
        Assert.Contains("DefaultStyle", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new Captioner(null!));
    }

    [Fact]
    public async Task DefaultStyleAndThreshold_ComeFromTheOptions()
    {
        using var audio = Song();
        var strict = new Captioner(new CaptionerOptions { DefaultStyle = CaptionStyle.Short, ClaimThreshold = 1.0 });

        var d = await strict.AnalyzeAsync(audio, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CaptionStyle.Short, d.Style);
        Assert.DoesNotContain("BPM", d.Caption, StringComparison.Ordinal);
        Assert.Contains("no clear beat", d.Caption, StringComparison.Ordinal);
    }

    private static void AssertSnakeCase(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (!property.NameEquals("zero_shot_tags"))
                {
                    Assert.Matches(SnakeCase(), property.Name);
                }

                AssertSnakeCase(property.Value);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                AssertSnakeCase(item);
            }
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex SnakeCase();

    private sealed class SynchronousProgress(Action<ProcessingProgress> report) : IProgress<ProcessingProgress>
    {
        public void Report(ProcessingProgress value)
        {
            lock (this)
            {
                report(value);
            }
        }
    }
}
