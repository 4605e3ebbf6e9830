using Microsoft.Extensions.DependencyInjection;
using MusicAI.Sdk.Captioning;

namespace MusicAI.Sdk.Tests.Captioning;

public sealed class CaptionerRegistrationTests
{
    [Fact]
    public async Task AddCaptioner_RegistersASingleton()
    {
        var services = new ServiceCollection();
        services.AddMusicAI().AddCaptioner(o => o.DefaultStyle = CaptionStyle.Short).AddCaptioner(o => o.DefaultStyle = CaptionStyle.Technical);
        await using var provider = services.BuildServiceProvider();

        var first = provider.GetRequiredService<Captioner>();

        Assert.Same(first, provider.GetRequiredService<Captioner>());
        Assert.Equal(CaptionStyle.Short, first.Options.DefaultStyle);
        Assert.NotNull(first.Runtime);
        Assert.NotNull(first.Models);
    }

    [Fact]
    public async Task AddCaptioner_OnAKeyedBuilder_RegistersAKeyedCaptioner()
    {
        var services = new ServiceCollection();
        services.AddKeyedMusicAI("cpu").AddCaptioner();
        await using var provider = services.BuildServiceProvider();

        Assert.NotNull(provider.GetRequiredKeyedService<Captioner>("cpu"));
        Assert.Null(provider.GetService<Captioner>());
    }

    [Fact]
    public void AddCaptioner_ValidatesAtRegistration()
    {
        var builder = new ServiceCollection().AddMusicAI();

        Assert.Throws<ArgumentException>(() => builder.AddCaptioner(o => o.ClaimThreshold = -1));
        Assert.Throws<ArgumentNullException>(() => CaptionerServiceCollectionExtensions.AddCaptioner(null!));
    }

    [Fact]
    public async Task Client_HasACaptioner()
    {
        await using var client = MusicAIClient.Create();

        Assert.NotNull(client.Captioner);
        Assert.Same(client.Runtime, client.Captioner.Runtime);
    }
}
