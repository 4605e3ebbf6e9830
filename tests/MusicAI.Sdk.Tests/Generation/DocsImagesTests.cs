using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Generation;

/// <summary>
/// Regenerates <c>docs/images/generation-spectrogram.png</c> when <c>MUSICAI_DOCS_IMAGES=1</c>; the picture's
/// request is written beside it in <c>docs/generation.md</c>.
/// </summary>
public sealed class DocsImagesTests
{
    public const string Prompt = "synthwave 100 bpm in A minor";
    public const long Seed = 7;
    public const int Bars = 24;

    [Fact]
    public async Task SpectrogramPicture_OfAGeneratedSong()
    {
        var request = new SongGenerator().WithPrompt(Prompt).WithSeed(Seed).WithBars(Bars);
        using var song = await request.GenerateAsync(cancellationToken: TestContext.Current.CancellationToken);
        var png = SpectrogramPicture.Render(song.Mix, 960, 320, song.Sections.Skip(1).Select(s => s.Start.TotalSeconds).ToList());

        Assert.Equal([0x89, 0x50, 0x4E, 0x47], png[..4]);
        Assert.InRange(png.Length, 10_000, 1_000_000);
        if (Environment.GetEnvironmentVariable("MUSICAI_DOCS_IMAGES") != "1")
        {
            Assert.Skip("Set MUSICAI_DOCS_IMAGES=1 to rewrite docs/images/generation-spectrogram.png.");
        }

        var path = Path.Combine(TestAssets.RepositoryRoot, "docs", "images", "generation-spectrogram.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, png, TestContext.Current.CancellationToken);
    }
}
