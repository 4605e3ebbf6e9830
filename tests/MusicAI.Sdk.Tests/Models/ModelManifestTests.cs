using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;

namespace MusicAI.Sdk.Tests.Models;

public sealed class ModelManifestTests
{
    public static TheoryData<string> CatalogIds => [.. KnownModels.All.Select(m => m.Id)];

    [Theory]
    [MemberData(nameof(CatalogIds))]
    public void Json_RoundTripsEveryCatalogEntry(string id)
    {
        var original = KnownModels.Find(id)!;
        var copy = ModelManifest.FromJson(original.ToJson());
        AssertSame(original, copy);
        Assert.Equal(original.ToJson(), copy.ToJson());
    }

    [Fact]
    public async Task SaveAndLoad_RoundTrip()
    {
        using var temp = new TemporaryDirectory();
        var path = Path.Combine(temp.Path, "sub", "beatnet.json");
        await KnownModels.BeatNet.SaveAsync(path, TestContext.Current.CancellationToken);
        var loaded = await ModelManifest.LoadAsync(path, TestContext.Current.CancellationToken);
        AssertSame(KnownModels.BeatNet, loaded);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Fact]
    public void Json_MinimalManifestGetsDefaults()
    {
        var manifest = ModelManifest.FromJson("""{ "id": "mine", "files": [ { "name": "model.onnx" } ] }""");
        Assert.Equal("mine", manifest.Id);
        Assert.Equal("mine", manifest.DisplayName);
        Assert.Equal("", manifest.Description);
        Assert.Equal(ModelContractKind.Custom, manifest.ContractKind);
        Assert.Null(manifest.SampleRate);
        Assert.Null(manifest.License);
        Assert.Null(manifest.Source);
        Assert.Null(manifest.Files[0].Url);
        Assert.Null(manifest.TotalSizeBytes);
    }

    [Fact]
    public void Json_UsesReadableNames()
    {
        var json = KnownModels.BeatNet.ToJson();
        Assert.Contains("\"contractKind\": \"BeatNet\"", json);
        Assert.Contains("\"sha256\": \"fa0bc0f47c3d65239b943a229dd8fade7d261b7c375037f0f30b07e15ce3aa6d\"", json);
        Assert.Contains("\"allowsRedistribution\": true", json);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("null")]
    [InlineData("{ \"id\": \"x\" }")]
    [InlineData("{ \"id\": \"x\", \"files\": [] }")]
    [InlineData("{ \"id\": \"x\", \"files\": [ null ] }")]
    [InlineData("{ \"id\": \"x\", \"files\": [ { \"name\": \"m.onnx\", \"sha256\": \"abc\" } ] }")]
    [InlineData("{ \"id\": \"x\", \"files\": [ { \"name\": \"m.onnx\", \"size\": -1 } ] }")]
    [InlineData("{ \"id\": \"x\", \"files\": [ { \"name\": \"m.onnx\", \"url\": \"not a url\" } ] }")]
    [InlineData("{ \"id\": \"x\", \"files\": [ { \"name\": \"m.onnx\", \"url\": \"ftp://host/m.onnx\" } ] }")]
    [InlineData("{ \"id\": \"x\", \"files\": [ { \"name\": \"m.onnx\" }, { \"name\": \"M.ONNX\" } ] }")]
    [InlineData("{ \"id\": \"x\", \"sampleRate\": 0, \"files\": [ { \"name\": \"m.onnx\" } ] }")]
    [InlineData("{ \"id\": \"x\", \"contractKind\": \"Nonsense\", \"files\": [ { \"name\": \"m.onnx\" } ] }")]
    [InlineData("{ \"id\": \"x\", \"sha265\": \"typo\", \"files\": [ { \"name\": \"m.onnx\" } ] }")]
    [InlineData("{ \"id\": \"x\", \"license\": { \"id\": \"\" }, \"files\": [ { \"name\": \"m.onnx\" } ] }")]
    public void Json_InvalidManifestsFailWithAModelLoadException(string json) =>
        Assert.Throws<ModelLoadException>(() => ModelManifest.FromJson(json));

    [Fact]
    public void Constructor_CopiesTheFileList()
    {
        var files = new List<ModelFile> { new("a.onnx", null) };
        var manifest = new ModelManifest("x", files);
        files.Add(new ModelFile("b.onnx", null));
        Assert.Single(manifest.Files);
    }

    [Fact]
    public void Sha256_IsNormalisedToLowerCase()
    {
        var file = new ModelFile("m.onnx", null, 1, new string('A', 64));
        Assert.Equal(new string('a', 64), file.Sha256);
    }

    [Fact]
    public void TotalSize_AddsTheFiles() => Assert.Equal(49_358 + 1_609_800, KnownModels.BeatNet.TotalSizeBytes);

    private static void AssertSame(ModelManifest expected, ModelManifest actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.DisplayName, actual.DisplayName);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.ContractKind, actual.ContractKind);
        Assert.Equal(expected.SampleRate, actual.SampleRate);
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.License?.Id, actual.License?.Id);
        Assert.Equal(expected.License?.Note, actual.License?.Note);
        Assert.Equal(expected.License?.Attribution, actual.License?.Attribution);
        Assert.Equal(expected.License?.AllowsRedistribution, actual.License?.AllowsRedistribution);
        Assert.Equal(expected.Files.Count, actual.Files.Count);
        for (var i = 0; i < expected.Files.Count; i++)
        {
            Assert.Equal(expected.Files[i].Name, actual.Files[i].Name);
            Assert.Equal(expected.Files[i].Url, actual.Files[i].Url);
            Assert.Equal(expected.Files[i].SizeBytes, actual.Files[i].SizeBytes);
            Assert.Equal(expected.Files[i].Sha256, actual.Files[i].Sha256);
        }
    }
}
