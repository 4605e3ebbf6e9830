using Microsoft.Extensions.DependencyInjection;
using MusicAI.Sdk.Generation;

namespace MusicAI.Sdk.Tests.Generation;

public sealed class SongGeneratorRegistrationTests
{
    [Fact]
    public void AddSongGenerator_RegistersOneSingleton_WithItsOptions()
    {
        var services = new ServiceCollection();
        services.AddMusicAI().AddSongGenerator(o => o.SampleRate = 44_100).AddSongGenerator(o => o.SampleRate = 22_050);
        using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<SongGenerator>();

        Assert.Same(generator, provider.GetRequiredService<SongGenerator>());
        Assert.Equal(44_100, generator.CreateRequest().Resolve().SampleRate);
    }

    [Fact]
    public void AddSongGenerator_ValidatesOptionsAtRegistration()
    {
        var services = new ServiceCollection();

        var error = Assert.Throws<ArgumentException>(() => services.AddMusicAI().AddSongGenerator(o => o.SampleRate = 1));

        Assert.Contains("SampleRate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyedBuilders_RegisterKeyedGenerators()
    {
        var services = new ServiceCollection();
        services.AddKeyedMusicAI("game").AddSongGenerator(o => o.SampleRate = 32_000);
        using var provider = services.BuildServiceProvider();

        Assert.Equal(32_000, provider.GetRequiredKeyedService<SongGenerator>("game").CreateRequest().Resolve().SampleRate);
        Assert.Null(provider.GetService<SongGenerator>());
    }

    [Fact]
    public void TheClient_ExposesAGenerator()
    {
        using var client = MusicAIClient.Create();

        Assert.Equal(48_000, client.Generation.CreateRequest().Resolve().SampleRate);
    }
}
