using System.Security.Cryptography;
using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

/// <summary>
/// Checks the catalog against the real model files in <c>../shared/models</c> (skipped when that folder is absent):
/// this is how we know every pinned size and SHA-256 is right.
/// </summary>
public sealed class KnownModelsTests
{
    /// <summary>Where each pinned catalog file sits in the shared models folder.</summary>
    private static readonly Dictionary<string, string[]> s_sharedFiles = new()
    {
        ["basic-pitch"] = ["basic-pitch_nmp.onnx"],
        ["swift-f0"] = ["swift-f0_model.onnx"],
        ["silero-vad"] = ["silero-vad_silero_vad.onnx"],
        ["silero-vad-16k-op15"] = ["silero-vad_silero_vad_16k_op15.onnx"],
        ["beatnet"] = ["beatnet/BeatNet.onnx", "beatnet/BeatNet.onnx.data"],
    };

    /// <summary>Entries whose hosts publish no exact byte sizes (trust on first use for sizes and hashes alike).</summary>
    private static readonly HashSet<string> s_unpublishedSizes = ["clap-htsat-unfused"];

    public static TheoryData<string> PinnedIds => [.. s_sharedFiles.Keys];

    [Theory]
    [MemberData(nameof(PinnedIds))]
    public async Task PinnedSizesAndHashes_MatchTheRealFiles(string id)
    {
        var shared = TestAssets.SharedModels;
        if (shared is null)
        {
            Assert.Skip("../shared/models is not present beside the repository; the catalog cannot be checked against the real files here.");
        }

        var manifest = KnownModels.Find(id)!;
        var files = s_sharedFiles[id];
        Assert.Equal(files.Length, manifest.Files.Count);
        for (var i = 0; i < files.Length; i++)
        {
            var path = Path.Combine(shared, files[i]);
            // The shared copies are named <repo>_<upstream name>; the catalog keeps the upstream name.
            Assert.EndsWith(manifest.Files[i].Name, files[i], StringComparison.Ordinal);
            Assert.Equal(new FileInfo(path).Length, manifest.Files[i].SizeBytes);
            await using var stream = File.OpenRead(path);
            var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, TestContext.Current.CancellationToken));
            Assert.Equal(sha, manifest.Files[i].Sha256);
        }
    }

    [Fact]
    public void EveryPinnedCatalogEntry_IsCheckedAgainstARealFile()
    {
        // A new catalog entry with a SHA-256 must be added to s_sharedFiles (or the test cannot vouch for it).
        var pinned = KnownModels.All.Where(m => m.Files.Any(f => f.Sha256 is not null)).Select(m => m.Id).Order();
        Assert.Equal(s_sharedFiles.Keys.Order(), pinned);
    }

    [Fact]
    public void Catalog_IdsAreUniqueAndFindable()
    {
        Assert.Equal(KnownModels.All.Count, KnownModels.All.Select(m => m.Id).Distinct().Count());
        foreach (var manifest in KnownModels.All)
        {
            Assert.Same(manifest, KnownModels.Find(manifest.Id));
        }

        Assert.Null(KnownModels.Find("no-such-model"));
    }

    [Fact]
    public void Catalog_EntriesAreComplete()
    {
        foreach (var manifest in KnownModels.All)
        {
            Assert.NotEqual(ModelContractKind.Custom, manifest.ContractKind);
            Assert.NotNull(manifest.SampleRate);
            Assert.NotNull(manifest.Source);
            Assert.NotNull(manifest.License);
            Assert.NotNull(manifest.License.Attribution);
            Assert.NotEmpty(manifest.Description);
            Assert.All(manifest.Files, f =>
            {
                Assert.NotNull(f.Url);
                Assert.Equal("https", f.Url.Scheme);
                if (!s_unpublishedSizes.Contains(manifest.Id))
                {
                    Assert.NotNull(f.SizeBytes);
                }
            });
        }
    }

    [Fact]
    public void GitHostedFiles_ArePinnedToACommit()
    {
        foreach (var file in KnownModels.All.SelectMany(m => m.Files).Where(f => f.Url!.Host == "raw.githubusercontent.com"))
        {
            // /owner/repo/<40-hex commit>/path...
            var segments = file.Url!.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            Assert.Matches("^[0-9a-f]{40}$", segments[2]);
            Assert.NotNull(file.Sha256);
            Assert.EndsWith("/" + file.Name, file.Url.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void BeatNet_IsOneModelWithTwoFilesAndCarriesTheCcByAttribution()
    {
        var beatnet = KnownModels.BeatNet;
        Assert.Equal(["BeatNet.onnx", "BeatNet.onnx.data"], beatnet.Files.Select(f => f.Name));
        Assert.Equal("CC-BY-4.0", beatnet.License!.Id);
        Assert.Contains("Heydari", beatnet.License.Attribution);
        Assert.Contains("ISMIR 2021", beatnet.License.Attribution);
    }

    [Fact]
    public void UvrModels_HaveNoPublishedHashAndDoNotClaimRedistribution()
    {
        foreach (var manifest in new[] { KnownModels.MdxNetInstHq3, KnownModels.MdxNetVocFt, KnownModels.MdxNetKimVocal2 })
        {
            var file = Assert.Single(manifest.Files);
            Assert.Null(file.Sha256);
            Assert.StartsWith("https://github.com/TRvlvr/model_repo/releases/download/all_public_uvr_models/", file.Url!.AbsoluteUri, StringComparison.Ordinal);
            Assert.False(manifest.License!.AllowsRedistribution);
            Assert.Equal(ModelContractKind.MdxNet, manifest.ContractKind);
            Assert.Equal(44_100, manifest.SampleRate);
        }
    }

    [Fact]
    public void Clap_IsFourFilesAtOneHuggingFaceCommit_WithoutPinnedHashes()
    {
        var clap = KnownModels.ClapHtsatUnfused;
        Assert.Equal(["audio_model.onnx", "text_model.onnx", "vocab.json", "merges.txt"], clap.Files.Select(f => f.Name));
        Assert.All(clap.Files, f =>
        {
            Assert.Null(f.Sha256);
            Assert.Null(f.SizeBytes);
            Assert.StartsWith("https://huggingface.co/Xenova/clap-htsat-unfused/resolve/c28f2883575e590e04d3146ff0713c2448d691ba/", f.Url!.AbsoluteUri, StringComparison.Ordinal);
            Assert.EndsWith("/" + f.Name, f.Url.AbsolutePath, StringComparison.Ordinal);
        });
        Assert.Equal(ModelContractKind.Clap, clap.ContractKind);
        Assert.Equal(48_000, clap.SampleRate);
        Assert.Equal("Apache-2.0", clap.License!.Id);
    }
}
