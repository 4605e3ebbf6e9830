using Microsoft.Extensions.DependencyInjection;
using MusicAI.Sdk.Audio;
using MusicAI.Sdk.Diagnostics;
using MusicAI.Sdk.Models;
using MusicAI.Sdk.Runtime;
using MusicAI.Sdk.Separation;

namespace MusicAI.Sdk.Tests.Separation;

/// <summary>How applications get a Separator (DI, keyed DI, MusicAIClient) and how model choices fail.</summary>
public sealed class SeparatorRegistrationTests
{
    [Fact]
    public async Task AddSeparatorRegistersOneSingletonWithItsOptions()
    {
        using var cache = new TemporaryDirectory();
        var services = new ServiceCollection();
        services.AddMusicAI(o => o.ModelDirectory = cache.Path).AddSeparator(s => s.UseModel(KnownModels.MdxNetVocFt));
        services.AddMusicAI().AddSeparator(s => s.UseModel("ignored-second-registration"));
        await using var provider = services.BuildServiceProvider();
        var separator = provider.GetRequiredService<Separator>();
        Assert.Same(separator, provider.GetRequiredService<Separator>());
        Assert.Equal(KnownModels.MdxNetVocFt.Id, separator.Stems(Stem.Vocals).Model);
        Assert.Single(services, d => d.ServiceType == typeof(Separator));
    }

    [Fact]
    public async Task KeyedRegistrationsHaveTheirOwnSeparator()
    {
        using var cache = new TemporaryDirectory();
        var services = new ServiceCollection();
        services.AddMusicAI(o => o.ModelDirectory = cache.Path).AddSeparator();
        services.AddKeyedMusicAI("gpu", o => o.ModelDirectory = cache.Path).AddSeparator(s => s.UseModel("some-model"));
        await using var provider = services.BuildServiceProvider();
        var plain = provider.GetRequiredService<Separator>();
        var keyed = provider.GetRequiredKeyedService<Separator>("gpu");
        Assert.NotSame(plain, keyed);
        Assert.Null(plain.Stems(Stem.Vocals).Model);
        Assert.Equal("some-model", keyed.Stems(Stem.Vocals).Model);
    }

    [Fact]
    public async Task TheClientOwnsOneSeparatorThatWorksOutOfTheBox()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cache = new TemporaryDirectory();
        var client = MusicAIClient.Create(o => o.ModelDirectory = cache.Path);
        var separator = client.Separator;
        Assert.Same(separator, client.Separator);
        using var mix = SeparationTestAudio.Song(2, 8000, 16_000);
        using (var result = await separator.Stems(Stem.Vocals, Stem.Accompaniment).SeparateAsync(mix, cancellationToken: ct))
        {
            Assert.InRange(SeparationTestAudio.SumError(mix, [result[Stem.Vocals], result[Stem.Accompaniment]]), 0f, 1e-4f);
        }

        await client.DisposeAsync();
        Assert.Throws<ObjectDisposedException>(() => separator.Stems(Stem.Vocals));
    }

    [Fact]
    public async Task UnknownModelsAndModelsWithoutAnEngineFailWithModelErrors()
    {
        var ct = TestContext.Current.CancellationToken;
        using var cache = new TemporaryDirectory();
        await using var client = MusicAIClient.Create(o =>
        {
            o.ModelDirectory = cache.Path;
            o.Offline = true;
        });
        using var mix = AudioBuffer.Create(2, 1000, 44_100);

        var unknown = await Assert.ThrowsAsync<ModelNotFoundException>(
            () => client.Separator.Stems(Stem.Vocals).WithModel("no-such-separator").SeparateAsync(mix, cancellationToken: ct));
        Assert.Contains("no-such-separator", unknown.Message);

        var missingFile = await Assert.ThrowsAsync<ModelNotFoundException>(
            () => client.Separator.Stems(Stem.Vocals).WithModel(Path.Combine(cache.Path, "missing.onnx")).SeparateAsync(mix, cancellationToken: ct));
        Assert.Contains("missing.onnx", missingFile.Message);

        // An ONNX file that is not a separator: the engine factory refuses it with a model error naming it.
        var notASeparator = await Assert.ThrowsAnyAsync<MusicAIException>(
            () => client.Separator.Stems(Stem.Vocals).WithModel(TestAssets.Path("onnx", "affine.onnx")).SeparateAsync(mix, cancellationToken: ct));
        Assert.Contains("affine.onnx", notASeparator.Message);

        // The built-in separator is always reachable by name, also when a model is the default.
        using var result = await client.Separator.Stems(Stem.Vocals).WithModel(Separator.BuiltInModel).SeparateAsync(mix, cancellationToken: ct);
        Assert.Equal(Separator.BuiltInModel, result.Engine);
    }

    [Fact]
    public void TheRuntimeIsNotTouchedByTheBuiltInSeparator()
    {
        using var cache = new TemporaryDirectory();
        using var client = MusicAIClient.Create(o => o.ModelDirectory = cache.Path);
        _ = client.Separator.Stems(Stem.Vocals);
        Assert.Equal(0, client.Runtime.Sessions.LoadedModelCount);
        Assert.IsType<MusicAIRuntime>(client.Runtime);
    }
}
